import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRetryPolicy } from '../../../common/requestOptions';
import { talkturoRequest, unwrap } from '../../transport';
import { forEachCampaign } from '../shared';

export const CAMPAIGN_STATUSES = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Draft', value: 'draft' },
	{ name: 'Paused', value: 'paused' },
	{ name: 'Running', value: 'running' },
	{ name: 'Scheduled', value: 'scheduled' },
];

const LIFECYCLE =
	'Talkturo campaigns go draft → scheduled → running ⇄ paused → completed or cancelled; completed and cancelled campaigns cannot change status again.';

/** Sets a campaign's status (PUT `{status}`), one request per item; the output is the campaign. */
export async function changeStatus(
	ctx: IExecuteFunctions,
	status: 'paused' | 'running' | 'cancelled',
	operation: string,
): Promise<INodeExecutionData[]> {
	return await forEachCampaign(ctx, async (campaignId, i) => {
		const response = await talkturoRequest<IDataObject>(
			ctx,
			{
				method: 'PUT',
				path: `/crm/campaigns/${encodeURIComponent(campaignId)}`,
				body: { status },
				// Setting the same status twice has the same effect as once.
				idempotent: true,
				optional: { operation: `Campaign → ${operation}`, endpoint: 'PUT /crm/campaigns/{id}' },
				hints: { 409: `Talkturo refused to set the campaign to ${status}. ${LIFECYCLE}` },
			},
			readRetryPolicy(ctx, i),
			i,
		);
		const campaign = unwrap(response.body, 'campaign');
		return Object.keys(campaign).length ? campaign : { id: campaignId, status };
	});
}
