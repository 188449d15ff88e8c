import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import {
	countedOutcome,
	parallelBatchesOption,
	readParallelBatches,
	runBatched,
} from '../../../common/batching';
import { batchSizeOption, optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';
import { contactKeyFields, readContactKey } from './contactKey';

export const description = operationParameters('contact', 'remove', [
	taalk.campaignField(),
	...contactKeyFields('Remove'),
	optionsCollection([
		batchSizeOption({ provider: 'Taalk', noun: 'phones or IDs', max: 5000, default: 500 }),
		parallelBatchesOption({ noun: 'contacts', reordersList: false }),
		...taalk.phoneOptions,
		...requestOptionFields,
	]),
]);

/**
 * Removes contacts from a campaign, in bulk requests. A phone is sent in both spellings Taalk may have stored it
 * under (national digits and E.164), so a contact added by Taalk's console or another client is found too; either
 * way the contact is removed once. Taalk answers each request with a count only: each item's `outcome` says what
 * that count tells about its own contact (removed, notFound, or unknown with the request's counts).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const phoneSettings = taalk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);

	return await runBatched(this, {
		chunkSize: (options.chunkSize as number | undefined) ?? 500,
		concurrency: readParallelBatches(options),
		prepare: (i) =>
			readAllFields((read) => ({
				campaignId: read(() => taalk.readCampaignId(this, i)),
				key: read(() => readContactKey(this, i, phoneSettings)),
			})),
		subject: (value) => keyValues({ [value.key.by]: value.key.value, campaign: value.campaignId }),
		group: (value) => value.campaignId,
		key: (value) => value.key.value,
		duplicate: (first, value) => ({
			campaignId: value.campaignId,
			[value.key.by]: value.key.value,
			sent: false,
			outcome: 'duplicate',
			duplicateOfItem: first,
			message: `Same contact as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const campaignId = members[0].value.campaignId;
			const response = await taalk.request<{ change?: IDataObject }>(
				this,
				{
					method: 'POST',
					path: `/campaign2s/${campaignId}/contacts`,
					body: { remove: members.flatMap((m) => m.value.key.spellings) },
					idempotent: true,
				},
				policy,
				members[0].itemIndex,
			);
			const removed = Number(response.body.change?.removed ?? 0);
			const { outcome, message } = countedOutcome({
				requested: members.length,
				counted: removed,
				// A phone sent in two spellings may match two stored contacts (one in each style).
				atMostOneEach: members.every((m) => m.value.key.spellings.length === 1),
				done: 'removed',
				none: 'notFound',
				what: 'Taalk removed',
			});
			return {
				each: members.map((m) => ({
					campaignId,
					[m.value.key.by]: m.value.key.value,
					sent: true,
					outcome,
					...(outcome !== 'unknown' && { removed: outcome === 'removed' }),
					...(message && { message }),
					...(outcome === 'notFound' && {
						message: `No contact of the campaign matched ${m.value.key.spellings.map((s) => `"${s}"`).join(' or ')}`,
					}),
					batch: { number: chunkNumber + 1, size: members.length, requested: members.length, removed },
				})),
			};
		},
	});
}
