/**
 * Where a Talkdesk account lives: the API base URL and the OAuth2 token URL, derived from the region and the
 * account name (Talkdesk documents US, EU and Canada), or both given by hand for a custom region. Shared by the
 * credential (token requests) and the node transport (API requests), so both always agree.
 */

export type TalkdeskRegion = 'us' | 'eu' | 'ca' | 'custom';

/** The three documented regions: API base, and the identity domain that serves `/oauth/token`. */
export const TALKDESK_REGIONS: Record<Exclude<TalkdeskRegion, 'custom'>, { api: string; id: string }> = {
	us: { api: 'https://api.talkdeskapp.com', id: 'talkdeskid.com' },
	eu: { api: 'https://api.talkdeskapp.eu', id: 'talkdeskid.eu' },
	ca: { api: 'https://api.talkdeskappca.com', id: 'talkdeskidca.com' },
};

/** Scopes the node's operations need (space-separated, as OAuth2 sends them). */
export const TALKDESK_DEFAULT_SCOPES =
	'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage';

export interface TalkdeskConnection {
	region?: unknown;
	account?: unknown;
	tokenUrl?: unknown;
	apiBaseUrl?: unknown;
}

export interface TalkdeskUrls {
	/** API base, no trailing slash. */
	apiBaseUrl: string;
	tokenUrl: string;
}

/** A problem with the credential itself (not with an item): shown as is. */
export class TalkdeskCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TalkdeskCredentialError';
	}
}

/** How every token-request failure the credential reports begins. */
export const TOKEN_FAILURE = 'Talkdesk token request failed';

/** How every problem with the credential's settings begins. */
const SETTINGS_PROBLEM = 'Talkdesk credential:';

/**
 * A problem with the credential (a failed token request, broken settings) inside the message of the error n8n
 * wraps it in, from its first words to the end; undefined for any other message.
 */
export function credentialProblemIn(message: string): string | undefined {
	for (const start of [TOKEN_FAILURE, SETTINGS_PROBLEM]) {
		const at = message.indexOf(start);
		if (at >= 0) return message.slice(at);
	}
	return undefined;
}

/**
 * The message of a token request that Talkdesk's token service answered with an error: written by the
 * credential, read back by the node (n8n hands the node only the message of an error thrown in
 * `preAuthentication`).
 */
export function tokenFailureMessage(status: number, what: string, hint: string): string {
	return `${TOKEN_FAILURE} (${status}, ${what}). ${hint}`;
}

/**
 * Whether a token request was refused (4xx, e.g. invalid_client or invalid_scope), as opposed to failing for a
 * busy or broken token service (429, 5xx, network): the same credential will not get a token in this run.
 */
export function isTokenRefusal(message: string): boolean {
	const status = new RegExp(`${TOKEN_FAILURE} \\((\\d{3}),`).exec(message)?.[1];
	return status !== undefined && status.startsWith('4') && status !== '429';
}

/**
 * Whether a token request failed for a passing reason: the token service was busy or failing (429, 5xx) or did not
 * answer. A token request changes nothing, so the node's transport asks again (`TOKEN_RETRIES` times at most).
 */
export function isPassingTokenFailure(message: string): boolean {
	return new RegExp(`${TOKEN_FAILURE}(?: \\((?:429|5\\d\\d),|: )`).test(message);
}

/** How many times a token request that failed for a passing reason is asked again. */
export const TOKEN_RETRIES = 2;

const ACCOUNT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function httpUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	let ok = false;
	try {
		ok = ['http:', 'https:'].includes(new URL(text).protocol);
	} catch {
		ok = false;
	}
	if (!ok) {
		throw new TalkdeskCredentialError(
			`${SETTINGS_PROBLEM} "${field}" must be a full http(s) URL (now "${text}")`,
		);
	}
	return text;
}

/** The URLs of the account the credential points at; throws a readable error when it is incomplete. */
export function talkdeskUrls(connection: TalkdeskConnection): TalkdeskUrls {
	const region = (connection.region ?? 'us') as TalkdeskRegion;
	if (region === 'custom') {
		return {
			apiBaseUrl: httpUrl(connection.apiBaseUrl, 'API Base URL'),
			tokenUrl: httpUrl(connection.tokenUrl, 'Token URL'),
		};
	}
	const known = TALKDESK_REGIONS[region];
	if (!known) throw new TalkdeskCredentialError(`${SETTINGS_PROBLEM} unknown region "${String(region)}"`);
	const account = typeof connection.account === 'string' ? connection.account.trim() : '';
	if (!ACCOUNT.test(account)) {
		throw new TalkdeskCredentialError(
			`${SETTINGS_PROBLEM} "${account}" is not a Talkdesk account name. Use the name only (for https://acme.mytalkdesk.com it is "acme")`,
		);
	}
	return { apiBaseUrl: known.api, tokenUrl: `https://${account.toLowerCase()}.${known.id}/oauth/token` };
}
