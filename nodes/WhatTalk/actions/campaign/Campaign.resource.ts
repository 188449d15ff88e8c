import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

export { create, getMany, start, stop };

export const description: INodeProperties[] = [
	...operationFields('campaign', 'create', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a draft campaign with its calling hours, days and retry rules',
			action: 'Create a campaign',
			tool: 'Creates a draft WhatTalk campaign with its calling hours, days and retry rules. Needs a name and the assistant.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List campaigns',
			action: 'Get many campaigns',
			tool: 'Lists WhatTalk campaigns with their IDs, names and status (up to Limit, 10 unless set). Needs nothing.',
		},
		{
			name: 'Start',
			value: 'start',
			description: "Start calling the campaign's leads",
			action: 'Start a campaign',
			tool: 'Starts (or resumes) calling the leads of a WhatTalk campaign. Needs the campaign ID (a number).',
		},
		{
			name: 'Stop',
			value: 'stop',
			description: 'Pause the campaign; Start resumes it',
			action: 'Stop a campaign',
			tool: 'Pauses a WhatTalk campaign; Start resumes it. Needs the campaign ID (a number).',
		},
	]),
	...create.description,
	...getMany.description,
	...start.description,
	...stop.description,
];
