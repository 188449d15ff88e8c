import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parallelBatchesOption, readParallelBatches, runBatched } from '../../../common/batching';
import { batchSizeOption, optionsCollection, phoneField } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { getItemParameter } from '../../../common/parameters';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { operationParameters } from '../../../common/nodeDescription';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';
import { customFieldsParameter, readCustomFields } from '../shared';

export const description = operationParameters('contact', 'append', [
	taalk.campaignField(),
	{
		displayName: 'First Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Toma',
		description: "The contact's first name (Taalk's required `name` field)",
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'Kraft',
	},
	phoneField(),
	customFieldsParameter(),
	optionsCollection([
		batchSizeOption({ provider: 'Taalk', noun: 'contacts', max: 5000, default: 500 }),
		parallelBatchesOption({ noun: 'contacts', reordersList: true }),
		...taalk.phoneOptions,
		...requestOptionFields,
		{
			displayName: 'Shuffle New Contacts',
			name: 'shuffle',
			type: 'boolean',
			default: false,
			description:
				'Whether Taalk shuffles the contacts added by each request among themselves (the rest of the list keeps its order)',
		},
	]),
]);

interface AppendValue {
	campaignId: string;
	contact: IDataObject;
}

/**
 * Appends contacts to the end of a campaign's dial list. Items are validated first, then sent in
 * bulk requests (per campaign, "Batch Size" contacts each); each item's output carries the counts
 * Taalk returned for its request. A phone that appears twice in one run is sent once.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const phoneSettings = taalk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);
	const shuffle = options.shuffle === true;

	return await runBatched<AppendValue>(this, {
		chunkSize: (options.chunkSize as number | undefined) ?? 500,
		concurrency: readParallelBatches(options),
		prepare: (i) =>
			readAllFields((read) => {
				const name = read(() => {
					const value = String(getItemParameter(this, 'name', i, '') ?? '').trim();
					if (!value)
						throw new InputError('First Name', 'is empty', "Map the contact's first name; Taalk requires it");
					return value;
				});
				const phone = read(() => taalk.phone(getItemParameter(this, 'phone', i, ''), phoneSettings));
				const lastName = String(getItemParameter(this, 'lastName', i, '') ?? '').trim();
				const contact: IDataObject = { name, phone };
				if (lastName) contact.last_name = lastName;
				Object.assign(
					contact,
					read(() => readCustomFields(this, i)),
				);
				return { campaignId: read(() => taalk.readCampaignId(this, i)), contact };
			}),
		subject: (value) => keyValues({ phone: value.contact.phone, campaign: value.campaignId }),
		group: (value) => value.campaignId,
		key: (value) => value.contact.phone as string,
		duplicate: (first, value) => ({
			campaignId: value.campaignId,
			phone: value.contact.phone,
			sent: false,
			duplicateOfItem: first,
			message: `Same phone as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const campaignId = members[0].value.campaignId;
			const body: IDataObject = { append: members.map((m) => m.value.contact) };
			if (shuffle) body.shuffle = true;
			// Taalk keys contacts by phone, so resending the same append cannot create duplicates.
			const response = await taalk.request<{ change?: IDataObject }>(
				this,
				{ method: 'POST', path: `/campaign2s/${campaignId}/contacts`, body, idempotent: true },
				policy,
				members[0].itemIndex,
			);
			const change = response.body.change ?? {};
			return {
				each: members.map((m) => ({
					campaignId,
					phone: m.value.contact.phone,
					sent: true,
					batch: {
						number: chunkNumber + 1,
						size: members.length,
						inserted: change.inserted ?? 0,
						updated: change.updated ?? 0,
					},
				})),
			};
		},
	});
}
