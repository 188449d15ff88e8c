import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { taalkRequest } from '../../transport';
import { campaignField, readCampaignId } from '../shared';

const show = { resource: ['campaign'], operation: ['get'] };

export const description = updateDisplayOptions({ show }, [campaignField(show)] as INodeProperties[]);

/** Fetches one campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readCampaignId(this, i),
		async (campaignId, i) => {
			const response = await taalkRequest<{ payload?: IDataObject }>(
				this,
				{ method: 'GET', path: `/campaign2s/${campaignId}`, idempotent: true },
				undefined,
				i,
			);
			return response.body.payload ?? (response.body as IDataObject);
		},
		(campaignId) => keyValues({ campaign: campaignId }),
	);
}
