import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../common/runner';
import { talkdeskRequest } from '../../transport';
import { campaignField, readCampaignId } from '../shared';

const show = { resource: ['campaign'], operation: ['delete'] };

export const description = updateDisplayOptions({ show }, [campaignField(show)]);

/** Deletes a campaign. Its record lists and do-not-call lists stay. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => {
		const campaignId = readCampaignId(this, i);
		await talkdeskRequest(
			this,
			{ method: 'DELETE', path: `/campaigns/${campaignId}`, idempotent: true, scope: 'campaigns:write' },
			undefined,
			i,
		);
		return { id: campaignId, deleted: true };
	});
}
