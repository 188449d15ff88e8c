/**
 * Talkdesk Campaign Management sandbox: the endpoints of /work/shared/providers/talkdesk.md plus the OAuth2
 * client-credentials token endpoint, on one loopback server. Give the credential region "Custom" with
 * Token URL `${sandbox.tokenUrl}` and API Base URL `${sandbox.url}`.
 *
 * Faithful to the seed (authoritative: the campaign status PATCH is ONE object `{op, path, value}`, errors are
 * `{code, message, description?, fields?: [{name, description}]}`) and the provider doc (HAL paging, bulk records
 * with per-record error codes, scopes). Choices the docs leave open are marked ASSUMPTION:
 *  - error `code` values are strings of our own (`"invalid_field"`, `"not_found"`, …);
 *  - ids are UUIDs; `_links` hrefs are absolute (`${url}/campaigns?page=2&per_page=…`), filters kept in them;
 *  - a new campaign is INCOMPLETE until a record list is attached (then READY); `running` needs READY or PAUSED,
 *    `paused` needs RUNNING or PAUSED (anything else: 422); status values are matched case-insensitively;
 *  - bulk records answer in request order (`_embedded.records[i]` is the i-th record sent), each either the
 *    created record (with `id`) or `{..., errors: [{code, message}]}`; more than 100 records → 413;
 *  - a phone already in the list → PHONE_NUMBER_NOT_UNIQUE; E.164 is `+` and 7–15 digits;
 *  - bulk record delete answers 200 `{total_deleted, _embedded: {failed_records: [{...key, code, message}]}}`;
 *  - DNC entry query answers `{_embedded: {entries: [matching entries]}}`; a phone already on the list → 409;
 *    entry delete answers 200 `{total_deleted}`; attach/detach answer 200 with the campaign's lists.
 */
import { SandboxServer } from '../server';
import { checkTalkdeskToken, registerTalkdeskRoutes } from './routes';
import {
	TalkdeskStore,
	type TalkdeskCampaign,
	type TalkdeskDncList,
	type TalkdeskRecord,
	type TalkdeskRecordList,
	type TalkdeskSandboxOptions,
	type TalkdeskState,
} from './state';

export {
	TALKDESK_ALL_SCOPES,
	TALKDESK_CLIENT_ID,
	TALKDESK_CLIENT_SECRET,
	TALKDESK_ID_PATTERN,
	TalkdeskStore,
	type TalkdeskCampaign,
	type TalkdeskDncEntry,
	type TalkdeskDncList,
	type TalkdeskRecord,
	type TalkdeskRecordList,
	type TalkdeskSandboxOptions,
	type TalkdeskState,
} from './state';

export class TalkdeskSandbox extends SandboxServer {
	readonly clientId: string;
	readonly clientSecret: string;
	readonly state: TalkdeskState;
	/** The data, the OAuth2 client and its tokens (state.ts); the routes (routes.ts) work on it. */
	readonly store: TalkdeskStore;

	constructor(options: TalkdeskSandboxOptions = {}) {
		super({
			name: 'talkdesk',
			port: options.port,
			latencyMs: options.latencyMs,
			auth: (req) => checkTalkdeskToken(this.store, req),
			errorBody: (status, message) => ({ code: `http_${status}`, message }),
		});
		this.store = new TalkdeskStore(options);
		this.clientId = this.store.clientId;
		this.clientSecret = this.store.clientSecret;
		this.state = this.store.state;
		registerTalkdeskRoutes(this, this.store);
	}

	/** Scopes the client may ask for. */
	get allowedScopes(): string[] {
		return this.store.allowedScopes;
	}
	set allowedScopes(scopes: string[]) {
		this.store.allowedScopes = scopes;
	}

	/** Lifetime of the tokens issued from now on, seconds. */
	get tokenTtlSeconds(): number {
		return this.store.tokenTtlSeconds;
	}
	set tokenTtlSeconds(seconds: number) {
		this.store.tokenTtlSeconds = seconds;
	}

	/** Tokens issued so far (by the token endpoint). */
	get tokensIssued(): number {
		return this.store.tokensIssued;
	}

	/** The URL to give the credential as Token URL (region Custom). */
	get tokenUrl(): string {
		return `${this.url}/oauth/token`;
	}

	// ── test helpers (state.ts has what they do) ──

	issuedTokens(): string[] {
		return this.store.issuedTokens();
	}
	expireTokens(): void {
		this.store.expireTokens();
	}
	addRecordList(seed: { id?: string; name?: string } = {}): TalkdeskRecordList {
		return this.store.addRecordList(seed);
	}
	addDncList(seed: { id?: string; name?: string; phones?: string[] } = {}): TalkdeskDncList {
		return this.store.addDncList(seed);
	}
	addCampaign(
		seed: Partial<TalkdeskCampaign> & { recordListIds?: string[]; dncListIds?: string[] } = {},
	): TalkdeskCampaign {
		return this.store.addCampaign(seed);
	}
	records(listId: string): TalkdeskRecord[] {
		return this.store.records(listId);
	}
}

export async function startTalkdeskSandbox(options: TalkdeskSandboxOptions = {}): Promise<TalkdeskSandbox> {
	const sandbox = new TalkdeskSandbox(options);
	await sandbox.start();
	return sandbox;
}
