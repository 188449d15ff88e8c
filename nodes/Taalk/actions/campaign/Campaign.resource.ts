import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../common/nodeDescription';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as setDialingRate from './setDialingRate.operation';

export { get, getMany, setDialingRate };

export const description: INodeProperties[] = [
	operationField('campaign', 'get', [
		{ name: 'Get', value: 'get', description: 'Get a campaign', action: 'Get a campaign' },
		{ name: 'Get Many', value: 'getMany', description: 'List campaigns', action: 'Get many campaigns' },
		{
			name: 'Set Dialing Rate',
			value: 'setDialingRate',
			description: 'Set calls per hour; 0 pauses the campaign',
			action: 'Set the dialing rate of a campaign',
		},
	]),
	...get.description,
	...getMany.description,
	...setDialingRate.description,
];
