import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as get from './get.operation';
import * as place from './place.operation';

export { get, place };

export const description: INodeProperties[] = [
	operationField('call', 'place', [
		{
			name: 'Get',
			value: 'get',
			description: 'Get the status, transcript and summary of a call',
			action: 'Get a call',
		},
		{
			name: 'Place Call',
			value: 'place',
			description: 'Call one person now, optionally adding them to a campaign',
			action: 'Place a call',
		},
	]),
	...get.description,
	...place.description,
];
