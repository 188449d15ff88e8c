import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkdesk } from '../../provider';

const show = { resource: ['campaign'], operation: ['get'] };

export const description = updateDisplayOptions({ show }, [talkdesk.campaignField(show)]);

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
