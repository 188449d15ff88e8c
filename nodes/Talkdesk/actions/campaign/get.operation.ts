import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { talkdeskRequest } from '../../transport';
import { campaignField, readCampaignId } from '../shared';

const show = { resource: ['campaign'], operation: ['get'] };

export const description = updateDisplayOptions({ show }, [campaignField(show)]);

/** Fetches one campaign with its dialing settings. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readCampaignId(this, i),
		async (campaignId, i) => {
			const response = await talkdeskRequest(
				this,
				{ method: 'GET', path: `/campaigns/${campaignId}`, idempotent: true, scope: 'campaigns:read' },
				undefined,
				i,
			);
			return response.body;
		},
		(campaignId) => keyValues({ campaign: campaignId }),
	);
}
