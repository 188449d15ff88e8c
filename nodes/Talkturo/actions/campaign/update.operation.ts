import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { alphabetical, optionsCollection, updateFields } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkturo } from '../../provider';
import { recordRequest, unwrap } from '../../transport';
import {
	assistantField,
	campaignSettingFields,
	companyField,
	fromNumbersField,
	nameField,
	readCampaignFields,
} from './fields';

export const description = operationParameters('campaign', 'update', [
	talkturo.campaignField(),
	updateFields(
		alphabetical([assistantField, companyField, fromNumbersField, nameField, ...campaignSettingFields]),
	),
	{
		displayName:
			'While a campaign is running Talkturo only lets its status change: pause it first, update it, then resume it',
		name: 'runningNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection(requestOptionFields),
]);

/** Changes the given campaign fields; checked like Create. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const item = readAllFields((read) => ({
				campaignId: read(() => talkturo.readCampaignId(this, i)),
				body: read(() => readCampaignFields(this.getNodeParameter('updateFields', i, {}) as IDataObject)),
			}));
			// Only once every given field is valid: a field that failed was not "nothing".
			if (Object.keys(item.body).length === 0) {
				throw new InputError('Update Fields', 'nothing to update', 'Add at least one field to change');
			}
			return item;
		},
		async ({ campaignId, body }, i, policy) => {
			const response = await talkturo.request<IDataObject>(
				this,
				recordRequest('PUT', 'campaigns', campaignId, 'Campaign → Update', {
					body,
					hints: {
						409: 'While a campaign is running only its status can change: pause it, update it, then resume it. A caller-ID number must also be assigned to the assistant.',
					},
				}),
				policy,
				i,
			);
			const campaign = unwrap(response.body, 'campaign');
			return Object.keys(campaign).length ? campaign : { id: campaignId, ...body };
		},
		({ campaignId }) => keyValues({ campaign: campaignId }),
	);
}
