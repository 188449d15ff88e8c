import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	...operationFields('recordList', 'create', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create an empty record list',
			action: 'Create a record list',
			tool: 'Creates an empty Talkdesk record list. Needs its name.',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a record list',
			action: 'Get a record list',
			tool: 'Gets one Talkdesk record list. Needs the record list ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List record lists',
			action: 'Get many record lists',
			tool: 'Lists Talkdesk record lists (up to Limit, 10 unless set). Needs nothing.',
		},
	]),
	...create.description,
	...get.description,
	...getMany.description,
];
