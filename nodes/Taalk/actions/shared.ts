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
import type { PhoneFormat } from '../../common/phone';

export const CAMPAIGN_LOCATOR = {
	provider: 'Taalk',
	searchListMethod: 'searchCampaigns',
	urlRegex: 'https?://[^/]+/console/campaign2s/([0-9a-fA-F]{24})',
	urlPlaceholder: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5',
	idRegex: '[0-9a-fA-F]{24}',
	idPlaceholder: '6791043299aeedfec27f85d5',
};

export const CONTACT_ID_REGEX = /^[0-9a-fA-F]{24}$/;

export function campaignField(show: { resource: string[]; operation: string[] }): INodeProperties {
	return campaignLocator({ ...CAMPAIGN_LOCATOR, displayOptions: { show } });
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(ctx, itemIndex, CAMPAIGN_LOCATOR);
}

/** Phone options shared by every operation that takes a phone number. */
export const phoneOptionFields: INodeProperties[] = [
	defaultCountryOption(),
	{
		displayName: 'Phone Format',
		name: 'phoneFormat',
		type: 'options',
		default: 'national',
		description:
			'How phone numbers are written when sent to Taalk. National Digits carry no country code, so a number of another country than the Default Country (another calling code) fails its item instead of reaching a different number; choose E.164 to send such numbers with their country code.',
		options: [
			{
				name: 'National Digits',
				value: 'national',
				description:
					"Digits without country code, as in Taalk's docs (US: 7047058647). Only numbers of the Default Country's calling code.",
			},
			{
				name: 'E.164',
				value: 'e164',
				description: 'With + and country code (+17047058647)',
			},
		],
	},
];

export interface PhoneSettings {
	defaultCountry: string;
	format: PhoneFormat;
}

/** Reads and checks the phone options once per run (they are the same for every item). */
export function readPhoneSettings(ctx: IExecuteFunctions, itemIndex = 0): PhoneSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const defaultCountry = checkCountry(String(options.defaultCountry ?? 'US'));
	const format = (options.phoneFormat as PhoneFormat | undefined) ?? 'national';
	return { defaultCountry, format };
}

export function taalkPhone(input: unknown, settings: PhoneSettings, field = 'Phone'): string {
	return normalizePhone(input, { ...settings, field });
}

export const CUSTOM_FIELD_PREFIX = 'Taalk_';

/**
 * Taalk only passes fields named exactly `Taalk_<name>` to the AI agent, and names are case-sensitive.
 * A bare name gets the prefix; a prefix in the wrong case (`taalk_city`, `TAALK_City`) is an error
 * naming the right form, because silently fixing it could hide a mismatch with the agent's fields.
 */
export function taalkFieldName(name: string, field = 'Custom Fields'): string {
	const trimmed = name.trim();
	if (trimmed.startsWith(CUSTOM_FIELD_PREFIX)) {
		if (trimmed.length === CUSTOM_FIELD_PREFIX.length) {
			throw new InputError(
				field,
				`${quote(trimmed)} has no name after the prefix`,
				'Use a name like Taalk_City',
			);
		}
		return trimmed;
	}
	if (trimmed.toLowerCase().startsWith(CUSTOM_FIELD_PREFIX.toLowerCase())) {
		const right = CUSTOM_FIELD_PREFIX + trimmed.slice(CUSTOM_FIELD_PREFIX.length);
		throw new InputError(
			field,
			`${quote(trimmed)} has the Taalk_ prefix in the wrong case; Taalk matches field names exactly`,
			`Write it as "${right}", or just "${trimmed.slice(CUSTOM_FIELD_PREFIX.length)}" and the prefix is added`,
		);
	}
	if (!/^[A-Za-z0-9][\w-]*$/.test(trimmed)) {
		throw new InputError(
			field,
			`${quote(name)} is not a usable field name`,
			'Use letters, digits, - and _ only, e.g. City or vehicle_year',
		);
	}
	return CUSTOM_FIELD_PREFIX + trimmed;
}

/** Custom fields as name/value pairs, read into `{ Taalk_<name>: value }`. */
export function readCustomFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = readNameValuePairs(ctx, itemIndex, 'customFields', 'Custom Fields');
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(pairs)) out[taalkFieldName(name)] = value;
	return out;
}

export const customFieldsParameter = (show: { resource: string[]; operation: string[] }): INodeProperties =>
	nameValuePairs({
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			"Fields your Taalk AI agent reads. Names get the Taalk_ prefix and must match the agent's fields exactly, including case.",
		namePlaceholder: 'City',
		valuePlaceholder: 'Charlotte',
		nameHint: 'Becomes Taalk_City. Case matters: it must match the field name your agent expects.',
		displayOptions: { show },
	});
