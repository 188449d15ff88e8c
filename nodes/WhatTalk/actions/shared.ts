import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	campaignLocator,
	defaultCountryOption,
	nameValuePairs,
	readLocatorId,
	readNameValuePairs,
} from '../../common/descriptions';
import { InputError, quote } from '../../common/errors';
import { checkCountry, normalizePhone } from '../../common/phone';
import { checkIntRange } from '../../common/validate';

export const CAMPAIGN_LOCATOR = {
	provider: 'WhatTalk',
	searchListMethod: 'searchCampaigns',
	// Any host: white-labels of the platform use their own domain with the same paths.
	urlRegex: 'https?://[^/]+/campaigns/([0-9]+)',
	urlPlaceholder: 'https://app.whattalk.ai/campaigns/1050',
	idRegex: '[0-9]+',
	idPlaceholder: '1050',
};

type Show = { resource: string[]; operation: string[] };

export function campaignField(show: Show): INodeProperties {
	return campaignLocator({ ...CAMPAIGN_LOCATOR, displayOptions: { show } });
}

/** The campaign of an item as WhatTalk's integer ID. */
export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): number {
	return Number(readLocatorId(ctx, itemIndex, CAMPAIGN_LOCATOR));
}

/** A campaign dropdown inside a collection (filters, update fields); a campaign ID also works through an expression. */
export function campaignOption(purpose: string): INodeProperties {
	return {
		displayName: 'Campaign Name or ID',
		name: 'campaignId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCampaigns' },
		default: '',
		description: `${purpose}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The value of a `campaignOption`, or undefined when it was left empty. */
export function readCampaignOption(value: unknown): number | undefined {
	return value === undefined || value === ''
		? undefined
		: readId(value, 'Campaign', CAMPAIGN_LOCATOR.idPlaceholder);
}

/** A positive integer ID typed or mapped into a plain field (lead ID, assistant ID). */
export function readId(value: unknown, field: string, example: string): number {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^[1-9][0-9]*$/.test(text)) {
		throw new InputError(
			field,
			text ? `${quote(value)} is not a WhatTalk ID` : 'is empty',
			`WhatTalk IDs are whole numbers, e.g. ${example}`,
		);
	}
	return checkIntRange(text, field, 1);
}

/** Options every operation that takes a phone number offers. */
export const phoneOptionFields: INodeProperties[] = [
	defaultCountryOption({ note: 'WhatTalk receives every number in E.164 (+905551234567).' }),
];

/** Reads and checks Default Country once per run. */
export function readDefaultCountry(ctx: IExecuteFunctions): string {
	// A bad value fails the run; the router reports it on item 0 with the field.
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return checkCountry(String(options.defaultCountry ?? 'US'));
}

/** Validates a phone and writes it in E.164, as WhatTalk requires. */
export function e164(input: unknown, defaultCountry: string, field = 'Phone Number'): string {
	return normalizePhone(input, { defaultCountry, format: 'e164', field });
}

export const variablesParameter = (show: Show, description?: string): INodeProperties =>
	nameValuePairs({
		name: 'variables',
		displayName: 'Variables',
		description:
			description ??
			"Values your assistant reads during the call. Names must match the assistant's call-variable names exactly.",
		namePlaceholder: 'customer_name',
		valuePlaceholder: 'John',
		nameHint: "Must match a variable name of the campaign's assistant, e.g. customer_name",
		displayOptions: { show },
	});

export function readVariables(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return readNameValuePairs(ctx, itemIndex, 'variables', 'Variables');
}

export const LEAD_STATUSES = [
	'created',
	'scheduled',
	'processing',
	'completed',
	'rescheduled',
	'reached-max-retries',
	'blacklisted',
] as const;

/** "reached-max-retries" → "Reached Max Retries". */
export function statusLabel(status: string): string {
	return status
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}
