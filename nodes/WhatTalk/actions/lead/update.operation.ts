import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { titledOptions, operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, updateFields } from '../../../common/descriptions';
import { InputError, quote, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { whatTalk } from '../../provider';
import { campaignOption, readCampaignOption, readId, readVariables, variablesParameter } from '../shared';
import { leadIdField } from './leadId';

/** The only statuses WhatTalk lets a client set. */
const SETTABLE_STATUSES = ['created', 'completed', 'reached-max-retries'];

export const description = operationParameters('lead', 'update', [
	leadIdField,
	updateFields([
		campaignOption('Moves the lead to this campaign'),
		{
			displayName: 'Phone Number',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: '+905551234567',
			description: 'New number; checked and sent in E.164',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'completed',
			options: titledOptions(SETTABLE_STATUSES),
			description:
				'Set "Created" to have the lead called again, "Completed" or "Reached Max Retries" to stop calling it',
		},
	]),
	variablesParameter(
		"Variables to set. WhatTalk merges them into the lead's variables: the ones not named here are kept.",
	),
	optionsCollection([...whatTalk.phoneOptions, ...requestOptionFields]),
]);

/** Changes a lead's campaign, number, status or variables (merged); WhatTalk accepts no other field. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = whatTalk.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i) => {
			const { leadId, body } = readAllFields((read) => {
				const leadId = read(() => readId(this.getNodeParameter('leadId', i, ''), 'Lead ID', '52311'));
				const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
				const body: IDataObject = {};
				const campaignId = read(() => readCampaignOption(fields.campaignId));
				if (campaignId !== undefined) body.campaign_id = campaignId;
				if (fields.phone !== undefined)
					body.phone_number = read(() => whatTalk.phone(fields.phone, phoneSettings));
				if (fields.status !== undefined) {
					body.status = read(() => {
						const status = String(fields.status);
						if (!SETTABLE_STATUSES.includes(status)) {
							throw new InputError(
								'Status',
								`${quote(status)} cannot be set`,
								`WhatTalk lets you set ${SETTABLE_STATUSES.join(', ')}`,
							);
						}
						return status;
					});
				}
				const variables = read(() => readVariables(this, i));
				if (Object.keys(variables).length) body.variables = variables;
				return { leadId, body };
			});
			// Only once every given field is valid: a field that failed was not "nothing".
			if (Object.keys(body).length === 0) {
				throw new InputError('Update Fields', 'nothing to update', 'Add a field or a variable to set');
			}
			return { leadId, body };
		},
		async ({ leadId, body }, i, policy) => {
			// Setting the same values again changes nothing more: safe to resend after a lost answer.
			const response = await whatTalk.request<{ message?: string }>(
				this,
				{ method: 'PUT', path: `/user/leads/${leadId}`, body, idempotent: true },
				policy,
				i,
			);
			return { id: leadId, updated: body, message: response.body.message };
		},
		({ leadId }) => keyValues({ lead: leadId }),
	);
}
