import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as addContacts from './addContacts.operation';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getContacts from './getContacts.operation';
import * as getMany from './getMany.operation';
import * as pause from './pause.operation';
import * as removeContacts from './removeContacts.operation';
import * as resume from './resume.operation';
import * as run from './run.operation';
import * as update from './update.operation';

export {
	addContacts,
	cancel,
	create,
	del as delete,
	get,
	getContacts,
	getMany,
	pause,
	removeContacts,
	resume,
	run,
	update,
};

export const description: INodeProperties[] = [
	operationField('campaign', 'create', [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			description: 'Add existing contacts to a campaign, in bulk',
			action: 'Add contacts to a campaign',
		},
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Stop a campaign for good (it cannot be resumed)',
			action: 'Cancel a campaign',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a draft or scheduled campaign',
			action: 'Create a campaign',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a draft or cancelled campaign',
			action: 'Delete a campaign',
		},
		{ name: 'Get', value: 'get', description: 'Get a campaign', action: 'Get a campaign' },
		{
			name: 'Get Contacts',
			value: 'getContacts',
			description: "List a campaign's contacts with their dialing status",
			action: 'Get the contacts of a campaign',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List the team's campaigns",
			action: 'Get many campaigns',
		},
		{
			name: 'Pause',
			value: 'pause',
			description: 'Pause a running campaign',
			action: 'Pause a campaign',
		},
		{
			name: 'Remove Contacts',
			value: 'removeContacts',
			description: 'Remove contacts that were not called yet from a campaign, in bulk',
			action: 'Remove contacts from a campaign',
		},
		{
			name: 'Resume',
			value: 'resume',
			description: 'Set a paused campaign running again',
			action: 'Resume a campaign',
		},
		{
			name: 'Run',
			value: 'run',
			description: "Start calls for the campaign's pending contacts, or preview them (dry run)",
			action: 'Run a campaign',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a campaign's settings",
			action: 'Update a campaign',
		},
	]),
	...addContacts.description,
	...cancel.description,
	...create.description,
	...del.description,
	...get.description,
	...getContacts.description,
	...getMany.description,
	...pause.description,
	...removeContacts.description,
	...resume.description,
	...run.description,
	...update.description,
];
