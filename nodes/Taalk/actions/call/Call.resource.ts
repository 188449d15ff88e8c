import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as get from './get.operation';
import * as place from './place.operation';

export { get, place };

export const description: INodeProperties[] = [
	...operationFields('call', 'place', [
		{
			name: 'Get',
			value: 'get',
			description: 'Get the status, transcript and summary of a call',
			action: 'Get a call',
			tool: 'Gets one Taalk call: its status, transcript and summary. Needs the call ID.',
		},
		{
			name: 'Place Call',
			value: 'place',
			description: 'Call one person now, optionally adding them to a campaign',
			action: 'Place a call',
			tool: "Calls one person now through Taalk's AI agent, optionally adding them to a campaign. Needs the person's first name and phone number.",
		},
	]),
	...get.description,
	...place.description,
];
