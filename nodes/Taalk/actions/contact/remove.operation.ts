import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../../../common/batching';
import { batchSizeOption, optionsCollection } from '../../../common/descriptions';
import { readRetryPolicy, requestOptionFields } from '../../../common/requestOptions';
import { taalkRequest } from '../../transport';
import { campaignField, phoneOptionFields, readCampaignId, readPhoneSettings } from '../shared';
import { contactKeyFields, readContactKey } from './contactKey';

const show = { resource: ['contact'], operation: ['remove'] };

const properties: INodeProperties[] = [
	campaignField(show),
	...contactKeyFields('Remove'),
	optionsCollection([
		batchSizeOption({ provider: 'Taalk', noun: 'phones or IDs', max: 5000, default: 500 }),
		...phoneOptionFields,
		...requestOptionFields,
	]),
];

export const description = updateDisplayOptions({ show }, properties);

/** Removes contacts from a campaign, in bulk requests; each item's output carries its request's count. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const phoneSettings = readPhoneSettings(this);
	const policy = readRetryPolicy(this, 0);

	return await runBatched(this, {
		chunkSize: (options.chunkSize as number | undefined) ?? 500,
		prepare: (i) => ({ campaignId: readCampaignId(this, i), key: readContactKey(this, i, phoneSettings) }),
		group: (value) => value.campaignId,
		key: (value) => `${value.campaignId}:${value.key.value}`,
		duplicate: (first, value) => ({
			campaignId: value.campaignId,
			[value.key.by]: value.key.value,
			sent: false,
			duplicateOfItem: first,
			message: `Same contact as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const campaignId = members[0].value.campaignId;
			const response = await taalkRequest<{ change?: IDataObject }>(
				this,
				{
					method: 'POST',
					path: `/campaign2s/${campaignId}/contacts`,
					body: { remove: members.map((m) => m.value.key.value) },
					idempotent: true,
				},
				policy,
				members[0].itemIndex,
			);
			const removed = response.body.change?.removed ?? 0;
			return {
				each: members.map((m) => ({
					campaignId,
					[m.value.key.by]: m.value.key.value,
					sent: true,
					batch: { number: chunkNumber + 1, size: members.length, removed },
				})),
			};
		},
	});
}
