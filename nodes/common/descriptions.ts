import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { InputError, quote } from './errors';
import { remembered } from './memo';
import { readItemParameter } from './parameters';
import { countryName } from './phone';
import type { IntRange } from './validate';
import { getCountries } from './vendor/phoneLib';

/** A number parameter's `typeOptions` limits from its entry in a ranges table (see `IntRange`). */
export function rangeLimits(range: IntRange): { minValue: number; maxValue?: number } {
	return range.max === undefined ? { minValue: range.min } : { minValue: range.min, maxValue: range.max };
}

/** A range as a description says it: "1-100" (or with another separator, e.g. " to "); "6 or more" with no upper bound. */
export function rangeText(range: IntRange, separator = '-'): string {
	return range.max === undefined ? `${range.min} or more` : `${range.min}${separator}${range.max}`;
}

/** The Limit of a Get Many used as an AI agent's tool: what it returns goes into the model's context whole. */
export const TOOL_LIMIT = 10;

/**
 * Return All + Limit, shown for one operation. Limit defaults to 50, and to `TOOL_LIMIT` on the node's tool form
 * (`@tool`, a field of its own there), so that an agent's Get Many stays a short answer unless the user sets more.
 */
export function returnAllOrLimit(displayOptions: IDisplayOptions, maxLimit?: number): INodeProperties[] {
	const shownWhen = (tool: boolean): IDisplayOptions => ({
		...displayOptions,
		show: { ...displayOptions.show, returnAll: [false], '@tool': [tool] },
	});
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
		description: 'Max number of results to return',
		displayOptions: shownWhen(false),
	};
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		limit,
		// n8n's 50 suits a workflow; a tool's answer goes into the model's context whole, so its form asks less.
		{ ...limit, default: TOOL_LIMIT, displayOptions: shownWhen(true) },
	];
}

/** The `show` of an operation's parameters: which resource and operation they belong to. */
export type Show = { resource: string[]; operation: string[] };

export interface LocatorOptions {
	/** Provider name for hints, e.g. "Acme Calls". */
	provider: string;
	/** What the picker picks, in messages: "campaign" (the default), "record list", … */
	noun?: string;
	/** listSearch method that lists the choices. */
	searchListMethod: string;
	/** Regex with one capture group: the id inside a console URL. */
	urlRegex?: string;
	urlPlaceholder?: string;
	/** Regex the whole id must match. */
	idRegex: string;
	idPlaceholder: string;
	/** false: no By URL mode (the provider has no page URL to paste). */
	urlMode?: boolean;
	displayOptions?: IDisplayOptions;
	/** Parameter name; default `campaignId`. */
	name?: string;
	/** Display name; default "Campaign". */
	displayName?: string;
	/** Default: "The <provider> <noun> to work on". */
	description?: string;
}

/** A resource picker (a campaign, a list) with From List (searchable), By URL (the console URL) and By ID modes. */
export function resourceLocator(options: LocatorOptions): INodeProperties {
	const noun = options.noun ?? 'campaign';
	return {
		displayName: options.displayName ?? 'Campaign',
		name: options.name ?? 'campaignId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description ?? `The ${options.provider} ${noun} to work on`,
		displayOptions: options.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			...(options.urlMode === false || options.urlRegex === undefined
				? []
				: [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: options.urlPlaceholder,
							validation: [
								{
									type: 'regex' as const,
									properties: {
										regex: options.urlRegex,
										errorMessage: `Not a ${options.provider} ${noun} URL`,
									},
								},
							],
							extractValue: { type: 'regex' as const, regex: options.urlRegex },
						},
					]),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${stripAnchors(options.idRegex)}$`,
							errorMessage: `Not a valid ${options.provider} ${noun} ID`,
						},
					},
				],
			},
		],
	};
}

/** A pattern of this package's descriptions, compiled once (no `g` or `y` flag: nothing is kept between uses). */
const compiled = remembered((pattern: string) => new RegExp(pattern));

function stripAnchors(regex: string): string {
	return regex.replace(/^\^/, '').replace(/\$$/, '');
}

/**
 * Reads a resource locator and returns the id, checking it before any request: a URL must be the
 * provider's console URL, an id must have the provider's shape.
 */
export function readLocatorId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: Omit<LocatorOptions, 'searchListMethod' | 'displayOptions' | 'description'>,
): string {
	const noun = options.noun ?? 'campaign';
	const name = options.name ?? 'campaignId';
	const field = options.displayName ?? 'Campaign';
	const raw = readItemParameter(ctx, name, itemIndex) as INodeParameterResourceLocator | string;
	const locator: INodeParameterResourceLocator =
		typeof raw === 'object' && raw !== null ? raw : { __rl: true, mode: 'id', value: raw };
	const value = String(locator.value ?? '').trim();
	if (value === '') {
		const hint =
			options.urlMode === false || options.urlRegex === undefined
				? `Pick a ${noun} from the list or enter its ID`
				: `Pick a ${noun} from the list, paste its URL or enter its ID`;
		throw new InputError(field, 'is empty', hint);
	}
	let id = value;
	if (locator.mode === 'url' && options.urlRegex !== undefined) {
		const match = compiled(options.urlRegex).exec(value);
		if (!match?.[1]) {
			throw new InputError(
				field,
				`${quote(value)} is not a ${options.provider} ${noun} URL`,
				`Paste the URL of the ${noun} page, like ${options.urlPlaceholder}`,
			);
		}
		id = match[1];
	}
	if (!compiled(`^(?:${stripAnchors(options.idRegex)})$`).test(id)) {
		throw new InputError(
			field,
			`${quote(id)} is not a valid ${options.provider} ${noun} ID`,
			`A ${options.provider} ${noun} ID looks like ${options.idPlaceholder}`,
		);
	}
	return id;
}

let countryList: INodePropertyOptions[] | undefined;

/** Every country the phone library has numbering rules for, as "United Kingdom (GB)" → "GB", sorted by name. */
export function countryOptions(): INodePropertyOptions[] {
	countryList ??= getCountries()
		.map((code) => ({ name: `${countryName(code)} (${code})`, value: code }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	return countryList;
}

const DEFAULT_COUNTRY_DESCRIPTION =
	'The country of phone numbers written without +country code; a number with +country code keeps its own. Pick from the list, or give a two-letter code such as GB in an expression.';

/**
 * "Default Country" for phone parsing: a searchable list of countries (an expression may still give any code;
 * the run checks it). `note` is added to the description, e.g. how the provider stores numbers.
 */
export function defaultCountryOption({
	note,
	...extra
}: Partial<INodeProperties> & { note?: string } = {}): INodeProperties {
	return {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		options: countryOptions(),
		default: 'US',
		description: note ? `${DEFAULT_COUNTRY_DESCRIPTION} ${note}` : DEFAULT_COUNTRY_DESCRIPTION,
		...extra,
	};
}

/** A list of name/value pairs (custom fields, variables). */
export function nameValuePairs(options: {
	name: string;
	displayName: string;
	description: string;
	namePlaceholder?: string;
	valuePlaceholder?: string;
	nameHint?: string;
	displayOptions?: IDisplayOptions;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${options.displayName.replace(/s$/, '')}`,
		default: {},
		description: options.description,
		displayOptions: options.displayOptions,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: options.namePlaceholder,
						hint: options.nameHint,
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: options.valuePlaceholder,
					},
				],
			},
		],
	};
}

/** Reads a `nameValuePairs` parameter into an object; blank names are an error, not silently dropped. */
export function readNameValuePairs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	displayName: string,
): IDataObject {
	const raw = readItemParameter(ctx, name, itemIndex, {}) as {
		field?: Array<{ name?: string; value?: unknown }>;
	};
	const out: IDataObject = {};
	for (const [position, pair] of (raw.field ?? []).entries()) {
		const key = String(pair.name ?? '').trim();
		if (!key) {
			throw new InputError(
				displayName,
				`entry ${position + 1} has no name`,
				'Give every entry a name, or remove it',
			);
		}
		out[key] = pair.value as IDataObject[string];
	}
	return out;
}

/** A collection's entries in alphabetical order of their display names, as n8n's style asks (a sorted copy). */
export function alphabetical(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** An "Options" collection with its entries in alphabetical order, as n8n's style asks. */
export function optionsCollection(
	options: INodeProperties[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...extra,
		options: alphabetical(options),
	};
}

/** A required phone number field; the node validates and reformats it before sending. */
export function phoneField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550123',
		description:
			'Checked and reformatted before sending; numbers without +country use Default Country. A number with an extension (ext 2, x12) fails its item: APIs cannot dial extensions.',
		...extra,
	};
}

/** "Batch Size" for bulk operations: how many items one request carries. */
export function batchSizeOption(options: {
	provider: string;
	noun: string;
	max: number;
	default: number;
}): INodeProperties {
	const { default: size } = options;
	return {
		displayName: 'Batch Size',
		name: 'chunkSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: options.max },
		default: size,
		description: `How many ${options.noun} go into one request to ${options.provider} (at most ${options.max})`,
	};
}

/** "Additional Fields": the optional fields of a create or add, in the order given. */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** "Update Fields": the fields an update may change, in the order given. */
export function updateFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}
