import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { optionsCollection } from '../../../common/descriptions';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { requestOptionFields } from '../../../common/requestOptions';
import { talkdeskRequest } from '../../transport';
import { campaignField, readCampaignId } from '../shared';

const show = { resource: ['campaign'], operation: ['delete'] };

export const description = updateDisplayOptions({ show }, [
	campaignField(show),
	optionsCollection(requestOptionFields),
]);

/** Deletes a campaign. Its record lists and do-not-call lists stay. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readCampaignId(this, i),
		async (campaignId, i, policy) => {
			await talkdeskRequest(
				this,
				{ method: 'DELETE', path: `/campaigns/${campaignId}`, idempotent: true, scope: 'campaigns:write' },
				policy,
				i,
			);
			return { id: campaignId, deleted: true };
		},
		(campaignId) => keyValues({ campaign: campaignId }),
	);
}
