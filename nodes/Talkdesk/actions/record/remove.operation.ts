import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { parallelBatchesOption, readParallelBatches, runBatched } from '../../../common/batching';
import { batchSizeOption, optionsCollection, phoneField } from '../../../common/descriptions';
import { InputError, operationError, readAllFields } from '../../../common/errors';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkdesk } from '../../provider';
import { listField, MAX_BULK, readId, readListId, readText, RECORD_LIST } from '../shared';
import { recordErrorHint } from './fields';

const GONE_AFTER_RESEND =
	'Removed: the first request got no clear answer, and when it was sent again the record was already gone.';

export const description = operationParameters('record', 'remove', [
	listField(RECORD_LIST, 'The record list to remove the records from'),
	{
		displayName: 'Remove By',
		name: 'removeBy',
		type: 'options',
		default: 'phone',
		options: [
			{ name: 'Phone', value: 'phone', description: 'Records with this phone number' },
			{ name: 'Record ID', value: 'recordId', description: "Talkdesk's ID of the record" },
			{
				name: 'External Reference',
				value: 'external',
				description: 'The External Provider and External ID given when the record was added',
			},
		],
	},
	phoneField({ displayOptions: { show: { removeBy: ['phone'] } } }),
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { removeBy: ['recordId'] } },
	},
	{
		displayName: 'External Provider',
		name: 'externalProvider',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'salesforce',
		displayOptions: { show: { removeBy: ['external'] } },
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { removeBy: ['external'] } },
	},
	optionsCollection([
		batchSizeOption({ provider: 'Talkdesk', noun: 'records', max: MAX_BULK, default: MAX_BULK }),
		parallelBatchesOption({ noun: 'records', reordersList: false }),
		...talkdesk.phoneOptions,
		...requestOptionFields,
	]),
]);

interface RemoveValue {
	listId: string;
	/** What Talkdesk's bulk delete takes: `{id}`, `{phone_number}` or `{external_provider, external_id}`. */
	reference: IDataObject;
}

/** The record an item names, e.g. `phone "+14155550123", record list "3f2c…"`, for its errors (see `keyValues`). */
function keyValuesOf(value: RemoveValue): string {
	const { reference } = value;
	return keyValues({
		phone: reference.phone_number,
		record: reference.id,
		'external provider': reference.external_provider,
		'external ID': reference.external_id,
		'record list': value.listId,
	});
}

function sameReference(a: IDataObject, b: IDataObject): boolean {
	const keys = Object.keys(a);
	return keys.length > 0 && keys.every((key) => a[key] === b[key]);
}

/**
 * Removes records from a record list in bulk requests (at most 100 each). A record that is not in the list is
 * reported on its item (`removed: false`); any other refusal fails that item only. Deleting is safe to resend:
 * when a resend after a lost answer finds a record gone, that first request removed it (`removed: true`,
 * `appliedEarlier: true`), as for a single delete.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const phoneSettings = talkdesk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);

	return await runBatched<RemoveValue>(this, {
		chunkSize: Math.min(MAX_BULK, (options.chunkSize as number | undefined) ?? MAX_BULK),
		concurrency: readParallelBatches(options),
		prepare: (i) =>
			readAllFields((read) => {
				const listId = read(() => readListId(this, i, RECORD_LIST));
				const by = this.getNodeParameter('removeBy', i, 'phone') as string;
				if (by === 'recordId') {
					return { listId, reference: { id: read(() => readId(this, i, 'recordId', 'Record ID')) } };
				}
				if (by === 'external') {
					const provider = readText(this, 'externalProvider', i);
					const id = readText(this, 'externalId', i);
					if (!provider || !id) {
						throw new InputError(
							provider ? 'External ID' : 'External Provider',
							'is empty',
							'Talkdesk needs External ID and External Provider together',
						);
					}
					return { listId, reference: { external_provider: provider, external_id: id } };
				}
				return {
					listId,
					reference: {
						phone_number: read(() => talkdesk.phone(this.getNodeParameter('phone', i, ''), phoneSettings)),
					},
				};
			}),
		subject: keyValuesOf,
		group: (value) => value.listId,
		key: (value) => JSON.stringify(value.reference),
		duplicate: (first, value) => ({
			recordListId: value.listId,
			...value.reference,
			removed: false,
			duplicateOfItem: first,
			message: `Same record as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const listId = members[0].value.listId;
			const response = await talkdesk.request<{
				total_deleted?: number;
				_embedded?: { failed_records?: IDataObject[] };
			}>(
				this,
				{
					method: 'DELETE',
					path: `/record-lists/${listId}/records/bulks`,
					body: members.map((m) => m.value.reference),
					idempotent: true,
					scope: 'record-lists:manage',
				},
				policy,
				members[0].itemIndex,
			);
			const failed = response.body._embedded?.failed_records ?? [];
			const batch = {
				number: chunkNumber + 1,
				size: members.length,
				deleted: response.body.total_deleted ?? 0,
			};
			return {
				each: members.map((member) => {
					const failure = failed.find((f) => sameReference(member.value.reference, f));
					const base = { recordListId: listId, ...member.value.reference };
					if (!failure) return { ...base, removed: true, batch };
					const code = String(failure.code ?? 'OTHER');
					if (code === 'RECORD_NOT_FOUND' && response.afterUnclearAnswer) {
						// The request was sent again after its first answer was lost: that first request removed it.
						return { ...base, removed: true, appliedEarlier: true, message: GONE_AFTER_RESEND, batch };
					}
					if (code === 'RECORD_NOT_FOUND') {
						return { ...base, removed: false, message: recordErrorHint(code), batch };
					}
					return operationError(
						this.getNode(),
						`Talkdesk did not remove the record: ${code}${failure.message ? ` (${String(failure.message)})` : ''}`,
						{ itemIndex: member.itemIndex, description: recordErrorHint(code) },
					);
				}),
			};
		},
	});
}
