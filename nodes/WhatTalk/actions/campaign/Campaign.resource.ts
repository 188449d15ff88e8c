import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as create from './create.operation';
import * as getMany from './getMany.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

export { create, getMany, start, stop };

export const description: INodeProperties[] = [
	operationField('campaign', 'create', [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a draft campaign with its calling hours, days and retry rules',
			action: 'Create a campaign',
		},
		{ name: 'Get Many', value: 'getMany', description: 'List campaigns', action: 'Get many campaigns' },
		{
			name: 'Start',
			value: 'start',
			description: "Start calling the campaign's leads",
			action: 'Start a campaign',
		},
		{
			name: 'Stop',
			value: 'stop',
			description: 'Pause the campaign; Start resumes it',
			action: 'Stop a campaign',
		},
	]),
	...create.description,
	...getMany.description,
	...start.description,
	...stop.description,
];
