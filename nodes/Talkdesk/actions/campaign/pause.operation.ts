import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionsCollection } from '../../../common/descriptions';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { requestOptionFields } from '../../../common/requestOptions';
import { talkdesk } from '../../provider';
import { patchCampaign } from './fields';

const show = { resource: ['campaign'], operation: ['pause'] };

export const description = updateDisplayOptions({ show }, [
	talkdesk.campaignField(show),
	optionsCollection(requestOptionFields),
]);

/** Stops dialing new records; the campaign can be started again. Sends `{"op": "REPLACE", "path": "status", "value": "paused"}`. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => talkdesk.readCampaignId(this, i),
		async (campaignId, i, policy) => await patchCampaign(this, campaignId, 'status', 'paused', i, policy),
		(campaignId) => keyValues({ campaign: campaignId }),
	);
}
