import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	campaignLocator,
	defaultCountryOption,
	optionsCollection,
	readLocatorId,
} from '../../common/descriptions';
import { InputError, quote } from '../../common/errors';
import { credentialsOfRun } from '../../common/perRun';
import { checkCountry, normalizePhone } from '../../common/phone';
import { forEachPrepared } from '../../common/prepared';
import { requestOptionFields } from '../../common/requestOptions';
import { keyValues } from '../../common/runner';
import type { RetryPolicy } from '../../common/transport';
import { CREDENTIAL_TYPE } from '../transport';
import type { TalkturoCredentials } from '../transport';

/** Talkturo ids are opaque strings such as camp_01j…, cont_01j…, pn_01j…. */
const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}';
const ID_REGEX = new RegExp(`^${ID_PATTERN}$`);

export const CAMPAIGN_LOCATOR = {
	provider: 'Talkturo',
	searchListMethod: 'searchCampaigns',
	// Talkturo documents no campaign page URL: no By URL mode (a URL given By ID is refused as an ID).
	urlMode: false,
	urlRegex: 'https?://[^/]+/(?:[^?#]*/)?campaigns/([A-Za-z0-9_-]+)',
	urlPlaceholder: 'https://app.talkturo.com/crm/campaigns/camp_01j9z3k7m2x4p8q6r5s0t1v2w3',
	idRegex: ID_PATTERN,
	idPlaceholder: 'camp_01j9z3k7m2x4p8q6r5s0t1v2w3',
};

type Show = { resource: string[]; operation: string[] };

/** The campaign picker: From List (searchable) or By ID. */
export function campaignField(show: Show): INodeProperties {
	return campaignLocator({ ...CAMPAIGN_LOCATOR, displayOptions: { show } });
}

export function readCampaignId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(ctx, itemIndex, CAMPAIGN_LOCATOR);
}

/** The parameters of an operation that needs only the campaign (Get, Delete, Pause, …). */
export function campaignOnlyProperties(show: Show): INodeProperties[] {
	return [campaignField(show), optionsCollection(requestOptionFields)];
}

/** One request per item for the item's campaign; every campaign is checked before the first request. */
export async function forEachCampaign(
	ctx: IExecuteFunctions,
	send: (campaignId: string, itemIndex: number, policy: RetryPolicy) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		ctx,
		(i) => readCampaignId(ctx, i),
		send,
		(campaignId) => keyValues({ campaign: campaignId }),
	);
}

/** Checks one opaque Talkturo id (contact, company, assistant, number, team). */
export function checkId(value: unknown, field: string, example = 'cont_01j9z3k7m2x4p8q6r5s0t1v2w3'): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new InputError(field, 'is empty', `Map a Talkturo ID to it, e.g. ${example}`);
	if (!ID_REGEX.test(text)) {
		throw new InputError(
			field,
			`${quote(value)} is not a Talkturo ID`,
			`Talkturo IDs are letters, digits, _ and -, e.g. ${example}`,
		);
	}
	return text;
}

/** A list of ids given as an array (multi-select, expression) or as comma-separated text. */
export function checkIdList(value: unknown, field: string, example: string): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').filter((part) => part.trim() !== '')
			: value === undefined || value === null
				? []
				: [value];
	return [...new Set(entries.map((entry) => checkId(entry, field, example)))];
}

export const contactIdField = (show: Show, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'cont_01j9z3k7m2x4p8q6r5s0t1v2w3',
	description: 'The ID of the Talkturo contact',
	displayOptions: { show },
	...extra,
});

export const teamIdOption: INodeProperties = {
	displayName: 'Team ID',
	name: 'teamId',
	type: 'string',
	default: '',
	placeholder: 'team_01j…',
	description: "The Talkturo team to use instead of the credential's Default Team ID",
};

const NO_TEAM_HINT = "Set Default Team ID in the Talkturo credential, or Team ID under this node's Options";

/** The team for an item: the node's Options → Team ID, else the credential's Default Team ID. */
export async function readTeamId(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	return (await teamReader(ctx, itemIndex))();
}

/**
 * The item's team as a reader for `readAllFields` (whose readers are synchronous): the credential is read here,
 * and `read(team)` checks the team, noting a problem together with the item's other bad fields.
 */
export async function teamReader(ctx: IExecuteFunctions, itemIndex: number): Promise<() => string> {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (String(options.teamId ?? '').trim()) return () => checkId(options.teamId, 'Team ID', 'team_01j…');
	const credentials = await credentialsOfRun<TalkturoCredentials>(ctx, CREDENTIAL_TYPE);
	return () => {
		if (!String(credentials.teamId ?? '').trim()) throw new InputError('Team ID', 'is not set', NO_TEAM_HINT);
		return checkId(credentials.teamId, 'Team ID', 'team_01j…');
	};
}

/** The team for dropdowns: what the node's Options say now, else the credential's default. */
export async function lookupTeamId(ctx: ILoadOptionsFunctions): Promise<string> {
	let override: unknown;
	try {
		override = ctx.getCurrentNodeParameter('options.teamId');
	} catch {
		override = undefined;
	}
	const credentials = await credentialsOfRun<TalkturoCredentials>(ctx, CREDENTIAL_TYPE);
	// An expression cannot be resolved while the editor fills a dropdown: the credential's team is used then.
	const typed = typeof override === 'string' && !override.startsWith('=') ? override.trim() : '';
	const team = (typed || String(credentials.teamId ?? '')).trim();
	if (!team) throw new NodeOperationError(ctx.getNode(), `No Talkturo team to list from. ${NO_TEAM_HINT}.`);
	return team;
}

export const defaultCountryField = defaultCountryOption({ note: 'Talkturo stores every number in E.164.' });

/** The Default Country of the node's Options, checked once per run. */
export function readCountry(ctx: IExecuteFunctions): string {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return checkCountry(String(options.defaultCountry ?? 'US'));
}

/** A phone in E.164, as Talkturo stores it. */
export function e164(input: unknown, defaultCountry: string, field = 'Phone'): string {
	return normalizePhone(input, { defaultCountry, format: 'e164', field });
}

/** The same phone in E.164 if it parses, for comparing numbers stored in different styles. */
export function samePhone(stored: unknown, wanted: string, defaultCountry: string): boolean {
	if (typeof stored !== 'string' || stored.trim() === '') return false;
	try {
		return e164(stored, defaultCountry) === wanted;
	} catch {
		return false;
	}
}
