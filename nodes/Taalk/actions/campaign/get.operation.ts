import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { taalk } from '../../provider';

export const description = operationParameters('campaign', 'get', [
	taalk.campaignField(),
] as INodeProperties[]);

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
