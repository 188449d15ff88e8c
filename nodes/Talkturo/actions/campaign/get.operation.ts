import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { recordRequest, unwrap } from '../../transport';

export const description = operationParameters('campaign', 'get', talkturo.campaignOnly());

/** Fetches one campaign, with its first 100 campaign contacts and the contact count. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await talkturo.forEachCampaign(this, async (campaignId, i, policy) => {
		const response = await talkturo.request<IDataObject>(
			this,
			recordRequest('GET', 'campaigns', campaignId, 'Campaign → Get'),
			policy,
			i,
		);
		const campaign = unwrap(response.body, 'campaign');
		for (const key of ['contacts', 'contact_count']) {
			if (response.body[key] !== undefined && campaign[key] === undefined) campaign[key] = response.body[key];
		}
		return campaign;
	});
}
