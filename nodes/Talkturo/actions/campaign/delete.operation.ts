import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { recordRequest, withoutEnvelope } from '../../transport';

export const description = operationParameters('campaign', 'delete', talkturo.campaignOnly());

/** Soft-deletes a draft or cancelled campaign (Get Many with Deleted Campaigns → Include still lists it). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await talkturo.forEachCampaign(this, async (campaignId, i, policy) => {
		const response = await talkturo.request<IDataObject>(
			this,
			recordRequest('DELETE', 'campaigns', campaignId, 'Campaign → Delete', {
				hints: {
					400: 'Talkturo only deletes draft or cancelled campaigns. Cancel the campaign first, then delete it.',
				},
			}),
			policy,
			i,
		);
		return { id: campaignId, deleted: true, ...withoutEnvelope(response.body) };
	});
}
