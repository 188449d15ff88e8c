import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../../../common/nodeDescription';
import * as append from './append.operation';
import * as remove from './remove.operation';
import * as shuffle from './shuffle.operation';
import * as update from './update.operation';

export { append, remove, shuffle, update };

export const description: INodeProperties[] = [
	...operationFields('contact', 'append', [
		{
			name: 'Append',
			value: 'append',
			description: "Add contacts to the end of a campaign's dial list (in bulk)",
			action: 'Append contacts to a campaign',
			tool: "Adds a contact to the end of a Taalk campaign's dial list, so the campaign's AI agent calls it; a phone already on the list is updated, not added twice. Needs the campaign ID (24 hexadecimal characters), the contact's first name and phone number (without +country code it is read as a number of Default Country, US unless set); last name and custom fields are optional.",
		},
		{
			name: 'Remove',
			value: 'remove',
			description: 'Remove contacts from a campaign by phone or contact ID (in bulk)',
			action: 'Remove contacts from a campaign',
			tool: "Removes a contact from a Taalk campaign's dial list, so it is not called. Needs the campaign ID and the contact's phone number (or its Taalk contact ID).",
		},
		{
			name: 'Shuffle',
			value: 'shuffle',
			description: "Randomize the order of a campaign's whole contact list",
			action: 'Shuffle a campaign contact list',
			tool: 'Shuffles the order in which a Taalk campaign calls the contacts of its whole dial list. Needs the campaign ID.',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Set fields on one contact of a campaign, such as Taalk_Success',
			action: 'Update a campaign contact',
			tool: "Changes fields of one contact of a Taalk campaign, e.g. marks it successful (Taalk_Success) or sets custom fields. Needs the campaign ID and the contact's phone number (or its Taalk contact ID).",
		},
	]),
	...append.description,
	...remove.description,
	...shuffle.description,
	...update.description,
];
