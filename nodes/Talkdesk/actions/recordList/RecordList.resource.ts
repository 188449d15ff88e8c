import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	operationField('recordList', 'create', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create an empty record list',
			action: 'Create a record list',
		},
		{ name: 'Get', value: 'get', description: 'Get a record list', action: 'Get a record list' },
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List record lists',
			action: 'Get many record lists',
		},
	]),
	...create.description,
	...get.description,
	...getMany.description,
];
