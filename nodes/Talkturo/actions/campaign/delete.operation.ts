import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { withoutEnvelope } from '../../transport';

export const description = operationParameters('campaign', 'delete', talkturo.campaignOnly());

/** Soft-deletes a draft or cancelled campaign (Get Many with Deleted Campaigns → Include still lists it). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await talkturo.forEachCampaign(this, async (campaignId, i, policy) => {
		const response = await talkturo.request<IDataObject>(
			this,
			{
				method: 'DELETE',
				path: `/crm/campaigns/${encodeURIComponent(campaignId)}`,
				idempotent: true,
				optional: { operation: 'Campaign → Delete', endpoint: 'DELETE /crm/campaigns/{id}' },
				hints: {
					400: 'Talkturo only deletes draft or cancelled campaigns. Cancel the campaign first, then delete it.',
				},
			},
			policy,
			i,
		);
		return { id: campaignId, deleted: true, ...withoutEnvelope(response.body) };
	});
}
