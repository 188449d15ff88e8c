import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { additionalFields, optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkturo } from '../../provider';
import { unwrap } from '../../transport';
import { teamIdOption, teamReader } from '../shared';
import {
	assistantField,
	campaignSettingFields,
	companyField,
	fromNumbersField,
	nameField,
	readCampaignFields,
} from './fields';

export const description = operationParameters('campaign', 'create', [
	{ ...assistantField, required: true },
	{ ...companyField, required: true },
	{ ...fromNumbersField, required: true },
	{ ...nameField, required: true },
	additionalFields(campaignSettingFields),
	optionsCollection([teamIdOption, ...requestOptionFields]),
]);

/**
 * Creates a campaign: "draft", or "scheduled" when Scheduled Start is set. Every field is checked
 * before the request (HH:MM windows, IANA zone, ISO date, whole-number ranges).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		async (i) => {
			const team = await teamReader(this, i);
			return readAllFields((read) => {
				const fields = read(() =>
					readCampaignFields(
						{
							assistantId: this.getNodeParameter('assistantId', i, ''),
							companyId: this.getNodeParameter('companyId', i, ''),
							fromNumberIds: this.getNodeParameter('fromNumberIds', i, []),
							name: this.getNodeParameter('name', i, ''),
							...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
						},
						['assistantId', 'companyId', 'fromNumberIds', 'name'],
					),
				);
				return { teamId: read(team), ...fields } as IDataObject;
			});
		},
		async (body, i, policy) => {
			// Creating is not idempotent: it is only resent when Talkturo said it did not process it.
			const response = await talkturo.request<IDataObject>(
				this,
				{
					method: 'POST',
					path: '/crm/campaigns',
					body,
					idempotent: false,
					hints: {
						409: 'A caller-ID number is not assigned to the chosen assistant. Assign the numbers to the assistant in Talkturo, or pick numbers that are.',
					},
				},
				policy,
				i,
			);
			return unwrap(response.body, 'campaign');
		},
		(body) => keyValues({ name: body.name }),
	);
}
