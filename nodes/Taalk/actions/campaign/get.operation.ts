import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { taalk } from '../../provider';

const show = { resource: ['campaign'], operation: ['get'] };

export const description = updateDisplayOptions({ show }, [taalk.campaignField(show)] as INodeProperties[]);

/** Fetches one campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await taalk.forEachCampaign(this, async (campaignId, i) => {
		const response = await taalk.request<{ payload?: IDataObject }>(
			this,
			{ method: 'GET', path: `/campaign2s/${campaignId}`, idempotent: true },
			undefined,
			i,
		);
		return response.body.payload ?? (response.body as IDataObject);
	});
}
