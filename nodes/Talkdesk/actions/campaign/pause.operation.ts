import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../common/runner';
import { campaignField, readCampaignId } from '../shared';
import { patchCampaign } from './fields';

const show = { resource: ['campaign'], operation: ['pause'] };

export const description = updateDisplayOptions({ show }, [campaignField(show)]);

/** Stops dialing new records; the campaign can be started again. Sends `{"op": "REPLACE", "path": "status", "value": "paused"}`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(
		this,
		async (i) => await patchCampaign(this, readCampaignId(this, i), 'status', 'paused', i),
	);
}
