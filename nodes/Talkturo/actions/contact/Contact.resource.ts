import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsertEnrol from './upsertEnrol.operation';

export { create, del as delete, get, getMany, update, upsertEnrol };

export const description: INodeProperties[] = [
	operationField('contact', 'upsertEnrol', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a contact in the Talkturo CRM',
			action: 'Create a contact',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete a contact', action: 'Delete a contact' },
		{
			name: 'Get',
			value: 'get',
			description: 'Get a contact, with the fields the AI extracted from its calls',
			action: 'Get a contact',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List or search the team's contacts",
			action: 'Get many contacts',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a contact's fields",
			action: 'Update a contact',
		},
		{
			name: 'Upsert and Enrol',
			value: 'upsertEnrol',
			description: 'Find a contact by phone (or create it), update it and add it to a campaign, in one step',
			action: 'Upsert a contact and enrol it in a campaign',
		},
	]),
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
	...upsertEnrol.description,
];
