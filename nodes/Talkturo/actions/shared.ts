import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError, quote } from '../../common/errors';
import type { PhoneSettings } from '../../common/provider';
import { ID_PATTERN, talkturo } from '../provider';
import type { TalkturoCredentials } from '../transport';

const ID_REGEX = new RegExp(`^${ID_PATTERN}$`);

/** A trimmed string, or '' for anything else (Talkturo's answers leave fields out or null). */
export const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

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

export const contactIdField = (extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'cont_01j9z3k7m2x4p8q6r5s0t1v2w3',
	description: 'The ID of the Talkturo contact',
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
	const credentials = await talkturo.credentials<TalkturoCredentials>(ctx);
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
	const credentials = await talkturo.credentials<TalkturoCredentials>(ctx);
	// An expression cannot be resolved while the editor fills a dropdown: the credential's team is used then.
	const typed = typeof override === 'string' && !override.startsWith('=') ? override.trim() : '';
	const team = (typed || String(credentials.teamId ?? '')).trim();
	if (!team) throw new NodeOperationError(ctx.getNode(), `No Talkturo team to list from. ${NO_TEAM_HINT}.`);
	return team;
}

/** Whether a stored number is the same as `wanted` (in E.164), for comparing numbers stored in different styles. */
export function samePhone(stored: unknown, wanted: string, phone: PhoneSettings): boolean {
	if (typeof stored !== 'string' || stored.trim() === '') return false;
	try {
		return talkturo.phone(stored, phone) === wanted;
	} catch {
		return false;
	}
}
