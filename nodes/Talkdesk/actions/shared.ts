import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { defaultCountryOption, readLocatorId, resourceLocator } from '../../common/descriptions';
import type { LocatorOptions } from '../../common/descriptions';
import { InputError, quote } from '../../common/errors';
import { getItemParameter } from '../../common/parameters';
import type { IntRange } from '../../common/validate';
import { ID, talkdesk } from '../provider';

const ID_PATTERN = new RegExp(`^${ID}$`);

/** Which list a picker picks: its parameter, label, noun in messages and search method. */
type ListKind = Required<Pick<LocatorOptions, 'name' | 'displayName' | 'noun' | 'searchListMethod'>>;

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

/** The settings of a list picker: Talkdesk's ID shape, and no By URL mode. */
function listLocator(kind: ListKind): LocatorOptions {
	const { idRegex, idPlaceholder } = talkdesk.campaign;
	return { provider: talkdesk.name, ...kind, idRegex, idPlaceholder, urlMode: false };
}

/** A record list or do-not-call list picker: From List (searchable) or By ID. */
export function listField(kind: ListKind, description?: string): INodeProperties {
	return resourceLocator({ ...listLocator(kind), description });
}

export function readListId(ctx: IExecuteFunctions, itemIndex: number, kind: ListKind): string {
	return readLocatorId(ctx, itemIndex, listLocator(kind));
}

/** A required text id (record id, entry id) checked for Talkdesk's shape. */
export function readId(ctx: IExecuteFunctions, itemIndex: number, name: string, displayName: string): string {
	const value = String(getItemParameter(ctx, name, itemIndex, '') ?? '').trim();
	if (!ID_PATTERN.test(value)) {
		throw new InputError(
			displayName,
			value ? `${quote(value)} is not a valid Talkdesk ID` : 'is empty',
			`Map the ${displayName.toLowerCase()}, e.g. ${talkdesk.campaign.idPlaceholder}`,
		);
	}
	return value;
}

/** A trimmed string parameter; `undefined` when blank. */
export function readText(ctx: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const value = getItemParameter(ctx, name, itemIndex, '');
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/** Talkdesk's documented number ranges (seed): each sets a parameter's limits in the editor and is checked before sending. */
export const RANGES = {
	/** Campaigns' and records' dialing priority. */
	priority: { min: 1, max: 10 },
	maxAttempts: { min: 1, max: 100 },
	retryPeriod: { min: 1, max: 2_592_000 },
	abandonmentTimeout: { min: 2, max: 30 },
	maxAbandonmentRate: { min: 1, max: 100 },
	maxDialingRatio: { min: 1, max: 3 },
	maxRingTime: { min: 6, max: 120 },
	maxSkipAttempts: { min: 0, max: 20 },
	previewTimeout: { min: 6, max: 300 },
} satisfies Record<string, IntRange>;

/** Talkdesk's documented text lengths, in characters: said in the parameters' descriptions, checked by `checkLength`. */
export const LENGTHS = {
	campaignName: { min: 3, max: 35 },
	recordName: { min: 1, max: 80 },
	timeZone: { min: 1, max: 35 },
} satisfies Record<string, IntRange>;

/** Talkdesk documents bulk counters up to 100: never more records in one request. */
export const MAX_BULK = 100;

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

/** "Phone" filter (with its Default Country), sent to Talkdesk in E.164. */
export function phoneFilterFields(what: string): INodeProperties[] {
	return [
		defaultCountryOption({
			description:
				'The country of a Phone filter written without +country code. Pick from the list, or give a two-letter code such as GB in an expression.',
		}),
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: '+14155550123',
			description: `Only ${what} with this phone number`,
		},
	];
}

export function readPhoneFilter(filters: IDataObject): string | undefined {
	if (typeof filters.phone !== 'string' || !filters.phone.trim()) return undefined;
	return talkdesk.phone(filters.phone, talkdesk.phoneSettings(filters));
}
