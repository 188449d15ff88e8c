import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as attachDncList from './attachDncList.operation';
import * as attachRecordList from './attachRecordList.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as detachDncList from './detachDncList.operation';
import * as detachRecordList from './detachRecordList.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as pause from './pause.operation';
import * as start from './start.operation';
import * as update from './update.operation';

export {
	attachDncList,
	attachRecordList,
	create,
	del as delete,
	detachDncList,
	detachRecordList,
	get,
	getMany,
	pause,
	start,
	update,
};

export const description: INodeProperties[] = [
	...operationFields('campaign', 'get', [
		{
			name: 'Attach Do-Not-Call List',
			value: 'attachDncList',
			description: 'Make the campaign skip the numbers of a do-not-call list',
			action: 'Attach a do not call list to a campaign',
			tool: 'Makes a Talkdesk campaign skip the numbers of a do-not-call list. Needs the campaign ID and the do-not-call list ID.',
		},
		{
			name: 'Attach Record List',
			value: 'attachRecordList',
			description: 'Give the campaign a record list to dial (makes an incomplete campaign ready)',
			action: 'Attach a record list to a campaign',
			tool: 'Gives a Talkdesk campaign a record list to dial. Needs the campaign ID and the record list ID.',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a campaign',
			action: 'Create a campaign',
			tool: 'Creates a Talkdesk campaign. Needs its name and calling hours.',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a campaign',
			action: 'Delete a campaign',
			tool: 'Deletes a Talkdesk campaign. Needs the campaign ID.',
		},
		{
			name: 'Detach Do-Not-Call List',
			value: 'detachDncList',
			description: 'Stop applying a do-not-call list to the campaign',
			action: 'Detach a do not call list from a campaign',
			tool: 'Stops applying a do-not-call list to a Talkdesk campaign. Needs the campaign ID and the do-not-call list ID.',
		},
		{
			name: 'Detach Record List',
			value: 'detachRecordList',
			description: 'Stop dialing a record list in the campaign',
			action: 'Detach a record list from a campaign',
			tool: 'Stops a Talkdesk campaign from dialing a record list. Needs the campaign ID and the record list ID.',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a campaign',
			action: 'Get a campaign',
			tool: 'Gets one Talkdesk campaign: its status, dialing mode and lists. Needs the campaign ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List campaigns',
			action: 'Get many campaigns',
			tool: 'Lists Talkdesk campaigns with their IDs, names and status (up to Limit, 10 unless set). Needs nothing.',
		},
		{
			name: 'Pause',
			value: 'pause',
			description: 'Stop dialing; the campaign can be started again',
			action: 'Pause a campaign',
			tool: 'Pauses a Talkdesk campaign: it stops dialing and can be started again. Needs the campaign ID (a UUID).',
		},
		{
			name: 'Start',
			value: 'start',
			description: "Start dialing the campaign's records",
			action: 'Start a campaign',
			tool: 'Starts a Talkdesk campaign dialing its records. Needs the campaign ID (a UUID).',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a campaign's name or priority",
			action: 'Update a campaign',
			tool: "Changes a Talkdesk campaign's name or priority. Needs the campaign ID.",
		},
	]),
	...attachDncList.description,
	...attachRecordList.description,
	...create.description,
	...del.description,
	...detachDncList.description,
	...detachRecordList.description,
	...get.description,
	...getMany.description,
	...pause.description,
	...start.description,
	...update.description,
];
