import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../common/runner';
import { campaignField, readCampaignId } from '../shared';
import { patchCampaign } from './fields';

const show = { resource: ['campaign'], operation: ['start'] };

export const description = updateDisplayOptions({ show }, [campaignField(show)]);

/** Starts dialing the campaign's records (it must be Ready or Paused: have a record list attached). Sends `{"op": "REPLACE", "path": "status", "value": "running"}`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await patchCampaign(this, readCampaignId(this, i), 'status', 'running', i),
	);
}
