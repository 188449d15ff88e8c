import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as add from './add.operation';
import * as deleteLead from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { add, getMany, update };
export { deleteLead as delete };

export const description: INodeProperties[] = [
	operationField('lead', 'add', [
		{
			name: 'Add',
			value: 'add',
			description:
				'Add each input item as a lead of a campaign (one request per lead, several at a time); duplicates are reported, not failed',
			action: 'Add leads to a campaign',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a lead', action: 'Delete a lead' },
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List leads by status, campaign, number or creation date',
			action: 'Get many leads',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a lead's campaign, number, status or variables",
			action: 'Update a lead',
		},
	]),
	...add.description,
	...deleteLead.description,
	...getMany.description,
	...update.description,
];
