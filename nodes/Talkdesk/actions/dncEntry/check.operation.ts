import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { runBatched } from '../../../common/batching';
import { batchSizeOption, optionsCollection, phoneField } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { embedded } from '../../transport/paging';
import { talkdesk } from '../../provider';
import { DNC_LIST, listField, readListId } from '../shared';

const MAX_QUERY = 100;

export const description = operationParameters('dncEntry', 'check', [
	listField(DNC_LIST, 'The do-not-call list to check the numbers against'),
	phoneField({ description: 'The number to check; numbers of all input items are checked together' }),
	optionsCollection([
		batchSizeOption({ provider: 'Talkdesk', noun: 'numbers', max: MAX_QUERY, default: MAX_QUERY }),
		...talkdesk.phoneOptions,
		...requestOptionFields,
	]),
]);

/**
 * Tells for each item whether its number is on a do-not-call list (`onList`, with the matching entry), asking
 * Talkdesk about up to 100 numbers per request (`POST …/entries/queries`). Read-only, so safe to resend.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const phoneSettings = talkdesk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);

	return await runBatched(this, {
		chunkSize: Math.min(MAX_QUERY, (options.chunkSize as number | undefined) ?? MAX_QUERY),
		prepare: (i) =>
			readAllFields((read) => ({
				listId: read(() => readListId(this, i, DNC_LIST)),
				phone: read(() => talkdesk.phone(this.getNodeParameter('phone', i, ''), phoneSettings)),
			})),
		subject: (value) => keyValues({ phone: value.phone, 'do-not-call list': value.listId }),
		group: (value) => value.listId,
		send: async (members) => {
			const listId = members[0].value.listId;
			const phones = [...new Set(members.map((m) => m.value.phone))];
			const response = await talkdesk.request(
				this,
				{
					method: 'POST',
					path: `/do-not-call-lists/${listId}/entries/queries`,
					body: { phone_numbers: phones.map((phone) => ({ phone_number: phone })) },
					idempotent: true,
					scope: 'do-not-call-lists:manage',
				},
				policy,
				members[0].itemIndex,
			);
			const entries = embedded(response.body, 'entries');
			return {
				each: members.map(({ value }) => {
					const entry = entries.find((e) => e.phone_number === value.phone);
					return {
						dncListId: listId,
						phone: value.phone,
						onList: entry !== undefined,
						...(entry ? { entry } : {}),
					};
				}),
			};
		},
	});
}
