import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as add from './add.operation';
import * as check from './check.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, check, getMany, remove };

export const description: INodeProperties[] = [
	operationField('dncEntry', 'add', [
		{
			name: 'Add',
			value: 'add',
			description: 'Put a phone number on a do-not-call list',
			action: 'Add a number to a do not call list',
		},
		{
			name: 'Check',
			value: 'check',
			description: 'Tell whether phone numbers are on a do-not-call list',
			action: 'Check numbers against a do not call list',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the entries of a do-not-call list',
			action: 'Get many do not call entries',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Take a phone number off a do-not-call list',
			action: 'Remove a number from a do not call list',
		},
	]),
	...add.description,
	...check.description,
	...getMany.description,
	...remove.description,
];
