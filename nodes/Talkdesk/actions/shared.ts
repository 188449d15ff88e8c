import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { campaignLocator, defaultCountryOption, readLocatorId } from '../../common/descriptions';
import { InputError, quote } from '../../common/errors';
import { getItemParameter } from '../../common/parameters';
import { checkCountry, normalizePhone } from '../../common/phone';

export type Show = { resource: string[]; operation: string[] };

/** Talkdesk ids are up to 36 characters (UUIDs in practice). */
const ID = '[0-9A-Za-z][0-9A-Za-z_-]{0,35}';
const ID_PATTERN = new RegExp(`^${ID}$`);

export const CAMPAIGN_LOCATOR = {
	provider: 'Talkdesk',
	searchListMethod: 'searchCampaigns',
	// Talkdesk's own hosts only (acme.mytalkdesk.com, …): another provider's campaign URL is refused.
	urlRegex: `https?://[^/]*talkdesk[^/]*/(?:.*/)?campaigns/(${ID})(?:[/?#].*)?$`,
	urlPlaceholder:
		'https://acme.mytalkdesk.com/campaign-manager/campaigns/3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
	idRegex: ID,
	idPlaceholder: '3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
};

export function campaignField(show: Show): INodeProperties {
	return campaignLocator({ ...CAMPAIGN_LOCATOR, displayOptions: { show } });
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(ctx, itemIndex, CAMPAIGN_LOCATOR);
}

interface ListKind {
	/** Parameter name, e.g. `recordListId`. */
	name: string;
	displayName: string;
	/** "record list" / "do-not-call list", for messages. */
	noun: string;
	searchListMethod: string;
}

export const RECORD_LIST: ListKind = {
	name: 'recordListId',
	displayName: 'Record List',
	noun: 'record list',
	searchListMethod: 'searchRecordLists',
};

export const DNC_LIST: ListKind = {
	name: 'dncListId',
	displayName: 'Do-Not-Call List',
	noun: 'do-not-call list',
	searchListMethod: 'searchDncLists',
};

/** A record list or do-not-call list picker: From List (searchable) or By ID. */
export function listField(kind: ListKind, show: Show, description?: string): INodeProperties {
	return {
		displayName: kind.displayName,
		name: kind.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: description ?? `The Talkdesk ${kind.noun} to work on`,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: CAMPAIGN_LOCATOR.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: `^${ID}$`, errorMessage: `Not a valid Talkdesk ${kind.noun} ID` },
					},
				],
			},
		],
	};
}

export function readListId(ctx: IExecuteFunctions, itemIndex: number, kind: ListKind): string {
	const raw = getItemParameter(ctx, kind.name, itemIndex) as INodeParameterResourceLocator | string;
	const value = String((typeof raw === 'object' && raw !== null ? raw.value : raw) ?? '').trim();
	if (value === '') {
		throw new InputError(kind.displayName, 'is empty', `Pick a ${kind.noun} from the list or enter its ID`);
	}
	if (!ID_PATTERN.test(value)) {
		throw new InputError(
			kind.displayName,
			`${quote(value)} is not a valid Talkdesk ${kind.noun} ID`,
			`A Talkdesk ID looks like ${CAMPAIGN_LOCATOR.idPlaceholder}`,
		);
	}
	return value;
}

/** A required text id (record id, entry id) checked for Talkdesk's shape. */
export function readId(ctx: IExecuteFunctions, itemIndex: number, name: string, displayName: string): string {
	const value = String(getItemParameter(ctx, name, itemIndex, '') ?? '').trim();
	if (!ID_PATTERN.test(value)) {
		throw new InputError(
			displayName,
			value ? `${quote(value)} is not a valid Talkdesk ID` : 'is empty',
			`Map the ${displayName.toLowerCase()}, e.g. ${CAMPAIGN_LOCATOR.idPlaceholder}`,
		);
	}
	return value;
}

/** Phones go to Talkdesk in E.164; "Default Country" completes numbers written without +country. */
export const phoneOptionFields: INodeProperties[] = [
	defaultCountryOption({ note: 'Talkdesk receives every number in E.164 (+14155550123).' }),
];

/** Reads and checks Default Country once per run. */
export function readDefaultCountry(ctx: IExecuteFunctions, optionsName = 'options'): string {
	const options = ctx.getNodeParameter(optionsName, 0, {}) as IDataObject;
	return checkCountry(String(options.defaultCountry ?? 'US'));
}

export function e164(input: unknown, defaultCountry: string, field = 'Phone'): string {
	return normalizePhone(input, { defaultCountry, format: 'e164', field });
}

/** A trimmed string parameter; `undefined` when blank. */
export function readText(ctx: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const value = getItemParameter(ctx, name, itemIndex, '');
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Throws unless `text` has at most `max` characters (Talkdesk's documented field lengths). */
export function checkLength(text: string, field: string, min: number, max: number): string {
	if (text.length < min || text.length > max) {
		throw new InputError(
			field,
			`${quote(text)} has ${text.length} characters`,
			`Talkdesk accepts ${min === max ? min : `${min} to ${max}`} characters`,
		);
	}
	return text;
}
