import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, phoneField } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { listAll } from '../../transport/paging';
import { talkdesk } from '../../provider';
import { DNC_LIST, listField, readId, readListId } from '../shared';

export const description = operationParameters('dncEntry', 'remove', [
	listField(DNC_LIST, 'The do-not-call list to remove the number from'),
	{
		displayName: 'Remove By',
		name: 'removeBy',
		type: 'options',
		default: 'phone',
		options: [
			{ name: 'Phone', value: 'phone', description: 'Every entry for this number' },
			{ name: 'Entry ID', value: 'entryId', description: "Talkdesk's ID of the entry" },
		],
	},
	phoneField({ displayOptions: { show: { removeBy: ['phone'] } } }),
	{
		displayName: 'Entry ID',
		name: 'entryId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { removeBy: ['entryId'] } },
	},
	optionsCollection([...talkdesk.phoneOptions, ...requestOptionFields]),
]);

/** What one item removes: the entry IDs given, or every entry of the phone (looked up when sending). */
interface RemoveTarget {
	listId: string;
	phone?: string;
	ids?: string[];
}

/**
 * Takes a number off a do-not-call list. By phone, the entries are looked up first
 * (`GET …/entries?phone_number=`), then deleted together (`DELETE …/entries` with `[{id}]`).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const phoneSettings = talkdesk.readPhoneSettings(this);
	return await forEachPrepared(
		this,
		(i): RemoveTarget =>
			readAllFields((read) => {
				const listId = read(() => readListId(this, i, DNC_LIST));
				if (this.getNodeParameter('removeBy', i, 'phone') === 'entryId') {
					return { listId, ids: [read(() => readId(this, i, 'entryId', 'Entry ID'))] };
				}
				return {
					listId,
					phone: read(() => talkdesk.phone(this.getNodeParameter('phone', i, ''), phoneSettings)),
				};
			}),
		async ({ listId, phone, ids: given }, i, policy) => {
			let ids = given ?? [];
			if (phone !== undefined) {
				const entries = await listAll(
					this,
					{
						path: `/do-not-call-lists/${listId}/entries`,
						key: 'entries',
						qs: { phone_number: phone },
						scope: 'do-not-call-lists:manage',
					},
					undefined,
					policy,
					i,
				);
				ids = entries.map((entry) => String(entry.id));
				if (ids.length === 0) {
					return { dncListId: listId, phone, removed: false, message: 'The number is not on this list' };
				}
			}
			const response = await talkdesk.request(
				this,
				{
					method: 'DELETE',
					path: `/do-not-call-lists/${listId}/entries`,
					body: ids.map((id) => ({ id })),
					idempotent: true,
					scope: 'do-not-call-lists:manage',
				},
				policy,
				i,
			);
			return {
				dncListId: listId,
				...(phone ? { phone } : {}),
				entryIds: ids,
				removed: true,
				...(response.body.total_deleted !== undefined ? { totalDeleted: response.body.total_deleted } : {}),
			};
		},
		({ listId, phone, ids }) => keyValues({ phone, entry: ids?.join(', '), 'do-not-call list': listId }),
	);
}
