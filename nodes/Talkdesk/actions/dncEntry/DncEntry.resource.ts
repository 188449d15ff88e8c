import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as add from './add.operation';
import * as check from './check.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, check, getMany, remove };

export const description: INodeProperties[] = [
	...operationFields('dncEntry', 'add', [
		{
			name: 'Add',
			value: 'add',
			description: 'Put a phone number on a do-not-call list',
			action: 'Add a number to a do not call list',
			tool: 'Puts a phone number on a Talkdesk do-not-call list, so campaigns using the list never call it. Needs the do-not-call list ID and the phone number.',
		},
		{
			name: 'Check',
			value: 'check',
			description: 'Tell whether phone numbers are on a do-not-call list',
			action: 'Check numbers against a do not call list',
			tool: 'Tells whether phone numbers are on a Talkdesk do-not-call list. Needs the do-not-call list ID and the phone numbers.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the entries of a do-not-call list',
			action: 'Get many do not call entries',
			tool: 'Lists the entries of a Talkdesk do-not-call list (up to Limit, 10 unless set). Needs the do-not-call list ID.',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Take a phone number off a do-not-call list',
			action: 'Remove a number from a do not call list',
			tool: 'Takes a phone number off a Talkdesk do-not-call list. Needs the do-not-call list ID and the phone number (or the entry ID).',
		},
	]),
	...add.description,
	...check.description,
	...getMany.description,
	...remove.description,
];
