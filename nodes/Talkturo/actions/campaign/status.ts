import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { titledOptions } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { unwrap } from '../../transport';

export const CAMPAIGN_STATUSES = titledOptions([
	'cancelled',
	'completed',
	'draft',
	'paused',
	'running',
	'scheduled',
]);

const LIFECYCLE =
	'Talkturo campaigns go draft → scheduled → running ⇄ paused → completed or cancelled; completed and cancelled campaigns cannot change status again.';

/** Sets a campaign's status (PUT `{status}`), one request per item; the output is the campaign. */
export async function changeStatus(
	ctx: IExecuteFunctions,
	status: 'paused' | 'running' | 'cancelled',
	operation: string,
): Promise<INodeExecutionData[]> {
	return await talkturo.forEachCampaign(ctx, async (campaignId, i, policy) => {
		const path = `/crm/campaigns/${encodeURIComponent(campaignId)}`;
		const response = await talkturo.request<IDataObject>(
			ctx,
			{
				method: 'PUT',
				path,
				body: { status },
				// Setting the same status twice has the same effect as once...
				idempotent: true,
				// ...except that a cancelled campaign refuses every change (409): when a resend after a lost
				// answer gets that, the campaign is read to see whether the first request cancelled it.
				appliedEarlier: async (answer) => {
					if (status !== 'cancelled' || answer.statusCode !== 409) return false;
					try {
						const now = await talkturo.request<IDataObject>(
							ctx,
							{ method: 'GET', path, idempotent: true },
							policy,
							i,
						);
						return unwrap(now.body, 'campaign').status === 'cancelled';
					} catch {
						return false; // the 409 is reported as it is
					}
				},
				optional: { operation: `Campaign → ${operation}`, endpoint: 'PUT /crm/campaigns/{id}' },
				hints: { 409: `Talkturo refused to set the campaign to ${status}. ${LIFECYCLE}` },
			},
			policy,
			i,
		);
		const campaign = unwrap(response.body, 'campaign');
		return Object.keys(campaign).length ? campaign : { id: campaignId, status };
	});
}
