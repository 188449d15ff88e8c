import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import { MAX_BULK } from '../shared';
import * as append from './append.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';

export { append, getMany, remove, update };

export const description: INodeProperties[] = [
	...operationFields('record', 'append', [
		{
			name: 'Append',
			value: 'append',
			description: `Add contacts to a record list, in bulk (${MAX_BULK} per request)`,
			action: 'Append records to a record list',
			tool: "Adds contacts (records) to a Talkdesk record list, which campaigns dial. Needs the record list ID and each contact's phone number, first and last name.",
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the records of a record list',
			action: 'Get many records',
			tool: 'Lists the records of a Talkdesk record list (up to Limit, 10 unless set). Needs the record list ID.',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove records by phone, record ID or external reference, in bulk',
			action: 'Remove records from a record list',
			tool: "Removes records from a Talkdesk record list. Needs the record list ID and the record's phone number (or its record ID or external reference).",
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a record's priority or extra data",
			action: 'Update a record',
			tool: "Changes a Talkdesk record's priority or extra data. Needs the record list ID and the record ID.",
		},
	]),
	...append.description,
	...getMany.description,
	...remove.description,
	...update.description,
];
