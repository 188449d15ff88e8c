import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { loadedOptionsField, titledOptions } from '../../../common/nodeDescription';
import { nameValuePairs, readNameValuePairs } from '../../../common/descriptions';
import { InputError, quote, readAllFields } from '../../../common/errors';
import type { PhoneSettings } from '../../../common/provider';
import { checkTimeZone } from '../../../common/validate';
import { talkturo } from '../../provider';
import { checkId } from '../shared';

export const LEAD_STATUSES = titledOptions(['contacted', 'converted', 'new', 'qualified', 'unqualified']);

export const firstNameField: INodeProperties = {
	displayName: 'First Name',
	name: 'firstName',
	type: 'string',
	default: '',
	placeholder: 'Ada',
};

export const lastNameField: INodeProperties = {
	displayName: 'Last Name',
	name: 'lastName',
	type: 'string',
	default: '',
	placeholder: 'Lovelace',
};

export const contactPhoneField: INodeProperties = {
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	default: '',
	placeholder: '+12025551234',
	description:
		'The number Talkturo calls. Checked and sent in E.164; numbers without +country use Default Country.',
};

/** The contact fields of Talkturo's API besides names and phone, alphabetical. */
export const contactDetailFields: INodeProperties[] = [
	loadedOptionsField('Company', 'companyId', 'getCompanies', 'The company the contact belongs to'),
	{
		displayName: 'Do Not Call',
		name: 'doNotCall',
		type: 'boolean',
		default: false,
		description: 'Whether Talkturo must never call this contact (it is then left out of every campaign)',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Job Title',
		name: 'jobTitle',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Lead Status',
		name: 'leadStatus',
		type: 'options',
		default: 'new',
		options: LEAD_STATUSES,
		description: 'Where the lead stands (Talkturo default: New)',
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'Preferred Contact Method',
		name: 'preferredContactMethod',
		type: 'string',
		default: '',
		placeholder: 'phone',
		description: 'How the contact prefers to be reached, e.g. phone or email',
	},
	{
		displayName: 'Secondary Phone',
		name: 'phoneSecondary',
		type: 'string',
		default: '',
		placeholder: '+12025559876',
		description: 'Checked and sent in E.164, like Phone',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		default: '',
		placeholder: 'trade-show',
		description: 'Where the contact came from, e.g. trade-show, website, referral',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'vip, spring-2025',
		description: 'Comma-separated tags (or an array from an expression)',
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'America/Chicago',
		description: "The contact's IANA time zone; Talkturo uses it to schedule calls",
	},
];

export const customFieldsParameter = (): INodeProperties =>
	nameValuePairs({
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			"Extra key-value data on the contact (Talkturo's AI extractor writes its findings here too). Existing custom fields are kept; these are added or replaced.",
		namePlaceholder: 'budget',
		valuePlaceholder: '50000',
	});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

function readTags(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value).split(',');
	return [...new Set(list.map((tag) => String(tag).trim()).filter((tag) => tag !== ''))];
}

/** Checks and converts contact fields (as named in the node) into Talkturo's camelCase body. */
export function readContactFields(raw: IDataObject, phoneSettings: PhoneSettings): IDataObject {
	return readAllFields((read) => {
		const body: IDataObject = {};
		for (const key of [
			'firstName',
			'lastName',
			'jobTitle',
			'source',
			'preferredContactMethod',
			'leadStatus',
		]) {
			if (given(raw[key]) && String(raw[key]).trim()) body[key] = String(raw[key]).trim();
		}
		if (given(raw.notes)) body.notes = String(raw.notes);
		if (given(raw.phone)) body.phone = read(() => talkturo.phone(raw.phone, phoneSettings, 'Phone'));
		if (given(raw.phoneSecondary))
			body.phoneSecondary = read(() => talkturo.phone(raw.phoneSecondary, phoneSettings, 'Secondary Phone'));
		if (given(raw.email)) {
			body.email = read(() => {
				const email = String(raw.email).trim();
				if (!EMAIL.test(email)) {
					throw new InputError(
						'Email',
						`${quote(raw.email)} is not an email address`,
						'Use an address like name@example.com',
					);
				}
				return email;
			});
		}
		if (given(raw.timezone)) body.timezone = read(() => checkTimeZone(raw.timezone, 'Time Zone'));
		if (given(raw.companyId))
			body.companyId = read(() => checkId(raw.companyId, 'Company', 'comp_01j9z3k7m2x4p8q6r5s0t1v2w3'));
		if (given(raw.doNotCall)) {
			body.doNotCall = read(() => {
				if (typeof raw.doNotCall !== 'boolean') {
					throw new InputError(
						'Do Not Call',
						`${quote(raw.doNotCall)} is not true or false`,
						'Use true or false',
					);
				}
				return raw.doNotCall;
			});
		}
		if (given(raw.tags)) body.tags = readTags(raw.tags);
		return body;
	});
}

/** Custom fields as an object, or undefined when none were given. */
export function readCustomFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const pairs = readNameValuePairs(ctx, itemIndex, 'customFields', 'Custom Fields');
	return Object.keys(pairs).length ? pairs : undefined;
}

/** The contact's stored custom fields, whatever Talkturo calls them. */
export function storedCustomFields(contact: IDataObject): IDataObject {
	const stored = contact.custom_fields ?? contact.customFields;
	return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as IDataObject) : {};
}
