import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as setDialingRate from './setDialingRate.operation';

export { get, getMany, setDialingRate };

export const description: INodeProperties[] = [
	...operationFields('campaign', 'get', [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a campaign',
			action: 'Get a campaign',
			tool: 'Gets one Taalk campaign: its name, status and dialing rate. Needs the campaign ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List campaigns',
			action: 'Get many campaigns',
			tool: 'Lists Taalk campaigns with their IDs and names (up to Limit, 10 unless set). Needs nothing.',
		},
		{
			name: 'Set Dialing Rate',
			value: 'setDialingRate',
			description: 'Set calls per hour; 0 pauses the campaign',
			action: 'Set the dialing rate of a campaign',
			tool: 'Sets how many calls per hour a Taalk campaign makes; 0 pauses the campaign. Needs the campaign ID and the calls per hour.',
		},
	]),
	...get.description,
	...getMany.description,
	...setDialingRate.description,
];
