import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkdesk } from '../../provider';

const show = { resource: ['campaign'], operation: ['delete'] };

export const description = updateDisplayOptions({ show }, talkdesk.campaignOnly(show));

/** Deletes a campaign. Its record lists and do-not-call lists stay. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await talkdesk.forEachCampaign(this, async (campaignId, i, policy) => {
		await talkdesk.request(
			this,
			{ method: 'DELETE', path: `/campaigns/${campaignId}`, idempotent: true, scope: 'campaigns:write' },
			policy,
			i,
		);
		return { id: campaignId, deleted: true };
	});
}
