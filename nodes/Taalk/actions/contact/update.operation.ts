import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, updateFields } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';
import { customFieldsParameter, readCustomFields } from '../shared';
import { contactKeyFields, readContactKey } from './contactKey';

export const description = operationParameters('contact', 'update', [
	taalk.campaignField(),
	...contactKeyFields('Update'),
	updateFields([
		{
			displayName: 'First Name',
			name: 'name',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Success (Taalk_Success)',
			name: 'success',
			type: 'boolean',
			default: true,
			description:
				'Whether the contact reached the campaign goal. Taalk can skip contacts marked successful when a campaign is re-run.',
		},
	]),
	customFieldsParameter(),
	optionsCollection([...taalk.phoneOptions, ...requestOptionFields]),
]);

/** Sets fields on one contact of a campaign, found by phone or contact ID. Every item is checked before any is sent. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = taalk.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i) =>
			readAllFields((read) => {
				const campaignId = read(() => taalk.readCampaignId(this, i));
				const key = read(() => readContactKey(this, i, phoneSettings));
				const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
				const body: IDataObject = {};
				if (typeof fields.name === 'string' && fields.name.trim()) body.name = fields.name.trim();
				if (typeof fields.lastName === 'string' && fields.lastName.trim())
					body.last_name = fields.lastName.trim();
				if (typeof fields.success === 'boolean') body.Taalk_Success = fields.success;
				Object.assign(
					body,
					read(() => readCustomFields(this, i)),
				);
				if (Object.keys(body).length === 0) {
					throw new InputError(
						'Update Fields',
						'nothing to update',
						'Add at least one field or custom field to set',
					);
				}
				return { campaignId, key, body };
			}),
		async ({ campaignId, key, body }, i, policy) => {
			// Taalk finds a contact by the phone as stored: the other spelling (national digits or E.164) is tried
			// when the first finds nothing. A 404 changed nothing, so trying again cannot apply the update twice.
			for (const [attempt, spelling] of key.spellings.entries()) {
				try {
					const response = await taalk.request<IDataObject>(
						this,
						{
							method: 'POST',
							path: `/campaign2s/${campaignId}/contacts/${encodeURIComponent(spelling)}`,
							body,
							idempotent: true,
						},
						policy,
						i,
					);
					const contact = (response.body.payload as IDataObject | undefined) ?? response.body;
					return {
						campaignId,
						[key.by]: key.value,
						...(spelling !== key.value && { matchedAs: spelling }),
						updated: body,
						contact,
					};
				} catch (error) {
					const notFound = error instanceof NodeApiError && error.httpCode === '404';
					if (!notFound || attempt === key.spellings.length - 1) {
						if (notFound && key.by === 'phone') {
							error.description = `Taalk found no contact with the phone ${key.spellings
								.map((s) => `"${s}"`)
								.join(
									' or ',
								)} in this campaign (or no such campaign). Check the number, or add the contact first.`;
						}
						throw new NodeApiError(this.getNode(), error as JsonObject);
					}
				}
			}
			throw new NodeOperationError(this.getNode(), 'A contact key has no spelling to look up', {
				itemIndex: i,
			});
		},
		({ campaignId, key }) => keyValues({ [key.by]: key.value, campaign: campaignId }),
	);
}
