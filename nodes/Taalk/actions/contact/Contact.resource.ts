import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as append from './append.operation';
import * as remove from './remove.operation';
import * as shuffle from './shuffle.operation';
import * as update from './update.operation';

export { append, remove, shuffle, update };

export const description: INodeProperties[] = [
	operationField('contact', 'append', [
		{
			name: 'Append',
			value: 'append',
			description: "Add contacts to the end of a campaign's dial list (in bulk)",
			action: 'Append contacts to a campaign',
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove contacts from a campaign by phone or contact ID (in bulk)',
			action: 'Remove contacts from a campaign',
		},
		{
			name: 'Shuffle',
			value: 'shuffle',
			description: "Randomize the order of a campaign's whole contact list",
			action: 'Shuffle a campaign contact list',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Set fields on one contact of a campaign, such as Taalk_Success',
			action: 'Update a campaign contact',
		},
	]),
	...append.description,
	...remove.description,
	...shuffle.description,
	...update.description,
];
