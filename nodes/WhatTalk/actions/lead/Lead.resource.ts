import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as add from './add.operation';
import * as deleteLead from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { add, getMany, update };
export { deleteLead as delete };

export const description: INodeProperties[] = [
	...operationFields('lead', 'add', [
		{
			name: 'Add',
			value: 'add',
			description:
				'Add each input item as a lead of a campaign (one request per lead, several at a time); duplicates are reported, not failed',
			action: 'Add leads to a campaign',
			tool: "Adds a lead to a WhatTalk campaign, so the campaign's assistant calls it; a number already in the campaign is reported as a duplicate. Needs the campaign ID (a number) and the phone number (without +country code it is read as a number of Default Country, US unless set); call variables are optional.",
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a lead',
			action: 'Delete a lead',
			tool: 'Deletes a WhatTalk lead. Needs the lead ID.',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List leads by status, campaign, number or creation date',
			action: 'Get many leads',
			tool: 'Lists WhatTalk leads, filtered by status, campaign, number or creation date (up to Limit, 10 unless set). Needs nothing.',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a lead's campaign, number, status or variables",
			action: 'Update a lead',
			tool: "Changes a WhatTalk lead's campaign, number, status or call variables. Needs the lead ID.",
		},
	]),
	...add.description,
	...deleteLead.description,
	...getMany.description,
	...update.description,
];
