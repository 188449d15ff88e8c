import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkdesk } from '../../provider';

export const description = operationParameters('campaign', 'get', [talkdesk.campaignField()]);

/** Fetches one campaign with its dialing settings. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await talkdesk.forEachCampaign(this, async (campaignId, i) => {
		const response = await talkdesk.request(
			this,
			{ method: 'GET', path: `/campaigns/${campaignId}`, idempotent: true, scope: 'campaigns:read' },
			undefined,
			i,
		);
		return response.body;
	});
}
