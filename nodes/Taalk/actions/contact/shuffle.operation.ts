import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { runBatched } from '../../../common/batching';
import { optionsCollection } from '../../../common/descriptions';
import { requestOptionFields, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';

export const description = operationParameters('contact', 'shuffle', [
	taalk.campaignField(),
	optionsCollection(requestOptionFields),
]);

/**
 * Shuffles a campaign's whole contact list. Many items naming the same campaign cause one shuffle,
 * not one per item; every item still gets its output.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const policy = runWideRetryPolicy(this);
	return await runBatched(this, {
		chunkSize: Number.MAX_SAFE_INTEGER,
		prepare: (i) => taalk.readCampaignId(this, i),
		group: (campaignId) => campaignId,
		subject: (campaignId) => keyValues({ campaign: campaignId }),
		send: async (members) => {
			const campaignId = members[0].value;
			await taalk.request<IDataObject>(
				this,
				{
					method: 'POST',
					path: `/campaign2s/${campaignId}/contacts`,
					body: { shuffle: true },
					idempotent: true,
				},
				policy,
				members[0].itemIndex,
			);
			return { all: { campaignId, shuffled: true } };
		},
	});
}
