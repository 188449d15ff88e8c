import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	nameValuePairs,
	optionsCollection,
	rangeLimits,
	readNameValuePairs,
	updateFields,
} from '../../../common/descriptions';
import { operationParameters } from '../../../common/nodeDescription';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkRange } from '../../../common/validate';
import { talkdesk } from '../../provider';
import { listField, RANGES, readId, readListId, RECORD_LIST } from '../shared';

export const description = operationParameters('record', 'update', [
	listField(RECORD_LIST),
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		description: 'The record to change: its ID, as Append and Get Many output it',
	},
	updateFields([
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			typeOptions: rangeLimits(RANGES.priority),
			default: 1,
			description: 'New dialing priority, 1 (lowest) to 10 (highest)',
		},
		{
			displayName: 'Extra Data Mode',
			name: 'extraDataMode',
			type: 'options',
			default: 'add',
			options: [
				{ name: 'Add or Overwrite Keys', value: 'add', description: 'Other existing keys stay' },
				{ name: 'Replace All', value: 'replace', description: 'Existing extra data is replaced' },
			],
		},
	]),
	nameValuePairs({
		name: 'extraData',
		displayName: 'Extra Data',
		description: 'Fields stored on the record and shown to agents',
	}),
	optionsCollection(requestOptionFields),
]);

/** Changes a record's priority and/or extra data (`PATCH` with `[{op, path, value}]`). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const item = readAllFields((read) => {
				const listId = read(() => readListId(this, i, RECORD_LIST));
				const recordId = read(() => readId(this, i, 'recordId', 'Record ID'));
				const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
				const extra = read(() => readNameValuePairs(this, i, 'extraData', 'Extra Data'));
				const ops: IDataObject[] = [];
				if (fields.priority !== undefined) {
					ops.push({
						op: 'replace',
						path: 'priority',
						value: read(() => checkRange(fields.priority, 'Priority', RANGES.priority)),
					});
				}
				if (Object.keys(extra).length) {
					ops.push({
						op: fields.extraDataMode === 'replace' ? 'replace' : 'add',
						path: 'extra_data',
						value: extra,
					});
				}
				return { listId, recordId, ops };
			});
			// Only once every given field is valid: a field that failed was not "nothing".
			if (item.ops.length === 0) {
				throw new InputError('Update Fields', 'nothing to update', 'Add Priority or Extra Data');
			}
			return item;
		},
		async ({ listId, recordId, ops }, i, policy) => {
			const response = await talkdesk.request(
				this,
				{
					method: 'PATCH',
					path: `/record-lists/${listId}/records/${recordId}`,
					body: ops,
					idempotent: true,
					scope: 'record-lists:manage',
				},
				policy,
				i,
			);
			return response.body;
		},
		({ listId, recordId }) => keyValues({ record: recordId, 'record list': listId }),
	);
}
