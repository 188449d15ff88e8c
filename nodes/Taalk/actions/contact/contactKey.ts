import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneField } from '../../../common/descriptions';
import { InputError, quote } from '../../../common/errors';
import { phoneSpellings } from '../../../common/phone';
import type { PhoneSettings } from '../../../common/provider';
import { CONTACT_ID_REGEX } from '../shared';

/** "Find contact by phone or by ID": the parameters the Update and Remove operations share. */
export function contactKeyFields(verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Find Contact By',
			name: 'contactBy',
			type: 'options',
			default: 'phone',
			options: [
				{ name: 'Phone', value: 'phone' },
				{ name: 'Contact ID', value: 'contactId' },
			],
			description: `How to identify the contact to ${verb.toLowerCase()}`,
		},
		phoneField({ displayOptions: { show: { contactBy: ['phone'] } } }),
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '67910a3c99aeedfec27f8611',
			description: "The contact's 24-character Taalk ID",
			displayOptions: { show: { contactBy: ['contactId'] } },
		},
	];
}

export interface ContactKey {
	by: 'phone' | 'contactId';
	/** The phone in the chosen Phone Format, or the contact ID. */
	value: string;
	/**
	 * Every spelling the contact may be stored under, `value` first: Taalk matches phones as written, and a contact
	 * added from Taalk's console or by another client may carry the other style (national digits or E.164).
	 */
	spellings: string[];
}

export function readContactKey(ctx: IExecuteFunctions, itemIndex: number, phone: PhoneSettings): ContactKey {
	const by = ctx.getNodeParameter('contactBy', itemIndex, 'phone') as ContactKey['by'];
	if (by === 'contactId') {
		const id = String(ctx.getNodeParameter('contactId', itemIndex, '') ?? '').trim();
		if (!CONTACT_ID_REGEX.test(id)) {
			throw new InputError(
				'Contact ID',
				id ? `${quote(id)} is not a Taalk contact ID` : 'is empty',
				'A Taalk contact ID is 24 hexadecimal characters, e.g. 67910a3c99aeedfec27f8611',
			);
		}
		return { by, value: id, spellings: [id] };
	}
	const spellings = phoneSpellings(ctx.getNodeParameter('phone', itemIndex, ''), {
		...phone,
		field: 'Phone',
	});
	return { by: 'phone', value: spellings[0], spellings };
}
