import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkdesk } from '../../provider';
import { patchCampaign } from './fields';

/**
 * Pause and Start: one `{"op": "REPLACE", "path": "status", "value": <status>}` per item, for the item's campaign.
 * Setting the status it already has changes nothing, so the request may be resent.
 */
export function statusOperation(
	operation: string,
	status: 'paused' | 'running',
): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	return {
		description: operationParameters('campaign', operation, talkdesk.campaignOnly()),
		async execute(this: IExecuteFunctions) {
			return await talkdesk.forEachCampaign(
				this,
				async (campaignId, i, policy) => await patchCampaign(this, campaignId, 'status', status, i, policy),
			);
		},
	};
}
