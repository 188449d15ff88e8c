import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { parallelBatchesOption, readParallelBatches, runBatched } from '../../../common/batching';
import type { Prepared } from '../../../common/batching';
import {
	additionalFields,
	batchSizeOption,
	nameValuePairs,
	optionsCollection,
	phoneField,
	rangeLimits,
	rangeText,
	readNameValuePairs,
} from '../../../common/descriptions';
import { InputError, operationError, readAllFields } from '../../../common/errors';
import { getItemParameter } from '../../../common/parameters';
import type { PhoneSettings } from '../../../common/provider';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkRange, checkTimeZone } from '../../../common/validate';
import { talkdesk } from '../../provider';
import {
	checkLength,
	LENGTHS,
	listField,
	MAX_BULK,
	RANGES,
	readListId,
	readText,
	RECORD_LIST,
} from '../shared';
import { PHONE_TYPES, recordErrorHint } from './fields';

export const description = operationParameters('record', 'append', [
	listField(RECORD_LIST, 'The record list to add the records to (attach it to a campaign to dial them)'),
	phoneField(),
	{
		displayName: 'Phone Type',
		name: 'phoneType',
		type: 'options',
		default: 'MOBILE',
		options: PHONE_TYPES,
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		description: `${rangeText(LENGTHS.recordName, ' to ')} characters`,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		description: `${rangeText(LENGTHS.recordName, ' to ')} characters`,
	},
	additionalFields([
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: "The record's ID in your CRM; give External Provider with it",
		},
		{
			displayName: 'External Provider',
			name: 'externalProvider',
			type: 'string',
			default: '',
			placeholder: 'salesforce',
			description: 'Which system External ID belongs to',
		},
		{
			displayName: 'External URL',
			name: 'externalUrl',
			type: 'string',
			default: '',
			description: 'Link to the record in your CRM, shown to agents',
		},
		{
			displayName: 'Other Phones',
			name: 'otherPhones',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Phone',
			default: {},
			options: [
				{
					displayName: 'Phone',
					name: 'phone',
					values: [
						{
							displayName: 'Number',
							name: 'number',
							type: 'string',
							default: '',
							placeholder: '+14155550123',
						},
						{ displayName: 'Type', name: 'type', type: 'options', default: 'HOME', options: PHONE_TYPES },
					],
				},
			],
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			typeOptions: rangeLimits(RANGES.priority),
			default: 1,
			description: 'Dialing priority of the record, 1 (lowest) to 10 (highest)',
		},
		{
			displayName: 'Time Zone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'America/New_York',
			description: 'IANA time zone of the contact; calling hours apply in it',
		},
	]),
	nameValuePairs({
		name: 'extraData',
		displayName: 'Extra Data',
		description: 'Additional fields stored on the record and shown to agents',
		namePlaceholder: 'plan',
		valuePlaceholder: 'Gold',
	}),
	optionsCollection([
		batchSizeOption({ provider: 'Talkdesk', noun: 'records', max: MAX_BULK, default: MAX_BULK }),
		parallelBatchesOption({ noun: 'records', reordersList: true }),
		...talkdesk.phoneOptions,
		...requestOptionFields,
	]),
]);

interface AppendValue {
	listId: string;
	record: IDataObject;
	phone: string;
}

function readRecord(ctx: IExecuteFunctions, i: number, phoneSettings: PhoneSettings): AppendValue {
	return readAllFields((read) => {
		const listId = read(() => readListId(ctx, i, RECORD_LIST));
		const phone = read(() => talkdesk.phone(getItemParameter(ctx, 'phone', i, ''), phoneSettings));
		const phones: IDataObject[] = [
			{ phone_number: phone, phone_type: getItemParameter(ctx, 'phoneType', i, 'MOBILE') as string },
		];
		const fields = getItemParameter(ctx, 'additionalFields', i, {}) as IDataObject;
		const others = ((fields.otherPhones as { phone?: IDataObject[] } | undefined)?.phone ??
			[]) as IDataObject[];
		others.forEach((other, n) => {
			phones.push({
				phone_number: read(() => talkdesk.phone(other.number, phoneSettings, `Other Phones ${n + 1}`)),
				phone_type: other.type,
			});
		});
		const name = (param: string, label: string) =>
			read(() => {
				const text = readText(ctx, param, i);
				if (!text) {
					const length = rangeText(LENGTHS.recordName, ' to ');
					throw new InputError(label, 'is empty', `Talkdesk requires it (${length} characters)`);
				}
				return checkLength(text, label, LENGTHS.recordName.min, LENGTHS.recordName.max);
			});
		const record: IDataObject = {
			phone_numbers: phones,
			first_name: name('firstName', 'First Name'),
			last_name: name('lastName', 'Last Name'),
		};
		const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string).trim() : '');
		if (text('timezone'))
			record.timezone = read(() =>
				checkLength(
					checkTimeZone(fields.timezone, 'Time Zone'),
					'Time Zone',
					LENGTHS.timeZone.min,
					LENGTHS.timeZone.max,
				),
			);
		if (fields.priority !== undefined)
			record.priority = read(() => checkRange(fields.priority, 'Priority', RANGES.priority));
		if (text('externalId') || text('externalProvider')) {
			if (!text('externalId') || !text('externalProvider')) {
				read(() => {
					throw new InputError(
						text('externalId') ? 'External Provider' : 'External ID',
						'is empty',
						'Talkdesk needs External ID and External Provider together',
					);
				});
			}
			record.external_id = text('externalId');
			record.external_provider = text('externalProvider');
		}
		if (text('externalUrl')) record.external_url = text('externalUrl');
		const extra = read(() => readNameValuePairs(ctx, i, 'extraData', 'Extra Data'));
		if (extra && Object.keys(extra).length) record.extra_data = extra;
		return { listId, record, phone };
	});
}

interface BulkAnswer {
	has_errors?: boolean;
	total_errors?: number;
	total_created?: number;
	_embedded?: { records?: IDataObject[] };
}

/** Finds the answer for each record sent: by position when Talkdesk answered one per record, else by phone. */
function answersFor(
	members: Array<Prepared<AppendValue>>,
	answer: BulkAnswer,
): Array<IDataObject | undefined> {
	const records = answer._embedded?.records ?? [];
	if (records.length === members.length) return records;
	return members.map((member) =>
		records.find((record) =>
			((record.phone_numbers as IDataObject[] | undefined) ?? []).some(
				(phone) => phone.phone_number === member.value.phone,
			),
		),
	);
}

/**
 * Adds the input items as records of a record list. Items are validated first, then sent in bulk requests of
 * at most 100 (per record list). Talkdesk answers with a result per record: a record it refused (for example
 * PHONE_NUMBER_INVALID) fails its own item only. A bulk request is never resent after an answer that may mean
 * it was applied (500, dropped connection), so records are not duplicated.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const phoneSettings = talkdesk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);
	const chunkSize = Math.min(MAX_BULK, (options.chunkSize as number | undefined) ?? MAX_BULK);

	return await runBatched<AppendValue>(this, {
		chunkSize,
		concurrency: readParallelBatches(options),
		prepare: (i) => readRecord(this, i, phoneSettings),
		subject: (value) => keyValues({ phone: value.phone, 'record list': value.listId }),
		group: (value) => value.listId,
		key: (value) => value.phone,
		duplicate: (first, value) => ({
			recordListId: value.listId,
			phone: value.phone,
			created: false,
			duplicateOfItem: first,
			message: `Same phone as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const listId = members[0].value.listId;
			const response = await talkdesk.request<BulkAnswer>(
				this,
				{
					method: 'POST',
					path: `/record-lists/${listId}/records/bulks`,
					body: { records: members.map((m) => m.value.record) },
					idempotent: false,
					scope: 'record-lists:manage',
				},
				policy,
				members[0].itemIndex,
			);
			const batch = {
				number: chunkNumber + 1,
				size: members.length,
				created: response.body.total_created ?? 0,
				errors: response.body.total_errors ?? 0,
			};
			const answers = answersFor(members, response.body);
			return {
				each: members.map((member, position) => {
					const answer = answers[position];
					const errors = (answer?.errors as IDataObject[] | undefined) ?? [];
					if (errors.length) {
						const codes = errors.map((e) => `${String(e.code)}${e.message ? ` (${String(e.message)})` : ''}`);
						return operationError(this.getNode(), `Talkdesk did not add the record: ${codes.join('; ')}`, {
							itemIndex: member.itemIndex,
							description: `${recordErrorHint(String(errors[0].code))} The other records of the same request were processed (${batch.created} created).`,
						});
					}
					return {
						recordListId: listId,
						phone: member.value.phone,
						created: answer !== undefined || !response.body.has_errors,
						...(answer?.id !== undefined ? { recordId: answer.id } : {}),
						record: answer ?? member.value.record,
						batch,
					};
				}),
			};
		},
	});
}
