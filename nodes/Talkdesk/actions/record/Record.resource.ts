import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import { MAX_BULK } from '../shared';
import * as append from './append.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';

export { append, getMany, remove, update };

export const description: INodeProperties[] = [
	operationField('record', 'append', [
		{
			name: 'Append',
			value: 'append',
			description: `Add contacts to a record list, in bulk (${MAX_BULK} per request)`,
			action: 'Append records to a record list',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the records of a record list',
			action: 'Get many records',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove records by phone, record ID or external reference, in bulk',
			action: 'Remove records from a record list',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a record's priority or extra data",
			action: 'Update a record',
		},
	]),
	...append.description,
	...getMany.description,
	...remove.description,
	...update.description,
];
