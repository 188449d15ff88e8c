import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkturo } from '../../provider';
import { withoutEnvelope } from '../../transport';

const show = { resource: ['campaign'], operation: ['delete'] };

export const description = updateDisplayOptions({ show }, talkturo.campaignOnly(show));

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
