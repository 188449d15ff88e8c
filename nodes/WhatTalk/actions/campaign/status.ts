import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { whatTalk } from '../../provider';

/** The parameters Start and Stop share. */
export function statusDescription(operation: string): INodeProperties[] {
	return operationParameters('campaign', operation, whatTalk.campaignOnly());
}

/**
 * Starts or stops a campaign. Setting the same status twice has the same effect as once, so the
 * request is resent after a lost answer like any idempotent one.
 */
export async function changeStatus(
	ctx: IExecuteFunctions,
	action: 'start' | 'stop',
): Promise<INodeExecutionData[]> {
	return await whatTalk.forEachCampaign(ctx, async (id, i, policy) => {
		const campaignId = Number(id);
		const response = await whatTalk.request<{ message?: string; data?: IDataObject }>(
			ctx,
			{
				method: 'POST',
				path: '/user/campaigns/update-status',
				body: { campaign_id: campaignId, action },
				idempotent: true,
			},
			policy,
			i,
		);
		return {
			campaign_id: campaignId,
			...(response.body.data ?? {}),
			message: response.body.message,
		};
	});
}
