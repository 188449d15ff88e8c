import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
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
	...operationFields('campaign', 'create', [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			description: 'Add existing contacts to a campaign, in bulk',
			action: 'Add contacts to a campaign',
			tool: "Adds existing Talkturo contacts to a campaign's dial list. Needs the campaign ID and the contact IDs.",
		},
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Stop a campaign for good (it cannot be resumed)',
			action: 'Cancel a campaign',
			tool: 'Cancels a Talkturo campaign for good: no more calls, and it cannot be resumed. Needs the campaign ID.',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a draft or scheduled campaign',
			action: 'Create a campaign',
			tool: 'Creates a draft or scheduled Talkturo campaign. Needs its name, the assistant, the company and the caller ID numbers.',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a draft or cancelled campaign',
			action: 'Delete a campaign',
			tool: 'Deletes a draft or cancelled Talkturo campaign. Needs the campaign ID.',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a campaign',
			action: 'Get a campaign',
			tool: 'Gets one Talkturo campaign: its status, schedule and call counts. Needs the campaign ID.',
		},
		{
			name: 'Get Contacts',
			value: 'getContacts',
			description: "List a campaign's contacts with their dialing status",
			action: 'Get the contacts of a campaign',
			tool: 'Lists the contacts of a Talkturo campaign with their dialing status (up to Limit, 10 unless set). Needs the campaign ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List the team's campaigns",
			action: 'Get many campaigns',
			tool: "Lists the team's Talkturo campaigns with their IDs, names and status (up to Limit, 10 unless set). Needs nothing.",
		},
		{
			name: 'Pause',
			value: 'pause',
			description: 'Pause a running campaign',
			action: 'Pause a campaign',
			tool: 'Pauses a running Talkturo campaign: no new calls start until it is resumed. Needs the campaign ID.',
		},
		{
			name: 'Remove Contacts',
			value: 'removeContacts',
			description: 'Remove contacts that were not called yet from a campaign, in bulk',
			action: 'Remove contacts from a campaign',
			tool: 'Removes contacts that were not called yet from a Talkturo campaign. Needs the campaign ID and the contact IDs.',
		},
		{
			name: 'Resume',
			value: 'resume',
			description: 'Set a paused campaign running again',
			action: 'Resume a campaign',
			tool: 'Sets a paused Talkturo campaign running again. Needs the campaign ID.',
		},
		{
			name: 'Run',
			value: 'run',
			description: "Start calls for the campaign's pending contacts, or preview them (dry run)",
			action: 'Run a campaign',
			tool: "Starts calls for a Talkturo campaign's pending contacts, or previews them (dry run). Needs the campaign ID.",
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a campaign's settings",
			action: 'Update a campaign',
			tool: "Changes a Talkturo campaign's settings, e.g. its name or calling window. Needs the campaign ID and the fields to change.",
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
