import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsertEnrol from './upsertEnrol.operation';

export { create, del as delete, get, getMany, update, upsertEnrol };

export const description: INodeProperties[] = [
	...operationFields('contact', 'upsertEnrol', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a contact in the Talkturo CRM',
			action: 'Create a contact',
			tool: 'Creates a contact in the Talkturo CRM. Needs at least a phone number, an email or a name.',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a contact',
			action: 'Delete a contact',
			tool: 'Deletes a Talkturo contact. Needs the contact ID.',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a contact, with the fields the AI extracted from its calls',
			action: 'Get a contact',
			tool: 'Gets a Talkturo contact, with the fields the AI extracted from its calls. Needs the contact ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List or search the team's contacts",
			action: 'Get many contacts',
			tool: "Lists or searches the team's Talkturo contacts (up to Limit, 10 unless set). Needs nothing; a search text is optional.",
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a contact's fields",
			action: 'Update a contact',
			tool: "Changes a Talkturo contact's fields. Needs the contact ID and the fields to change.",
		},
		{
			name: 'Upsert and Enrol',
			value: 'upsertEnrol',
			description: 'Find a contact by phone (or create it), update it and add it to a campaign, in one step',
			action: 'Upsert a contact and enrol it in a campaign',
			tool: 'Finds a Talkturo contact by phone (or creates it), updates it and adds it to a campaign, in one step. Needs the campaign ID and the phone number.',
		},
	]),
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
	...upsertEnrol.description,
];
