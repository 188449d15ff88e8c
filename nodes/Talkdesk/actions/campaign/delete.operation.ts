import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkdesk } from '../../provider';

export const description = operationParameters('campaign', 'delete', talkdesk.campaignOnly());

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
