/**
 * Talkdesk sandbox, its state: campaigns, record lists, do-not-call lists and what is attached to what, and the
 * OAuth2 client with the tokens issued to it; the seeding operations the tests use. No HTTP here: the routes
 * (routes.ts) check requests, scopes and bodies and answer the documented errors.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export const TALKDESK_CLIENT_ID = 'talkdesk-test-client';
export const TALKDESK_CLIENT_SECRET = 'talkdesk-test-secret';
export const TALKDESK_ALL_SCOPES = [
	'campaigns:read',
	'campaigns:write',
	'record-lists:manage',
	'do-not-call-lists:manage',
] as const;

export interface TalkdeskCampaign {
	id: string;
	name: string;
	dialing_mode: string;
	priority: number;
	run_once: boolean;
	action_required: boolean;
	status: 'INCOMPLETE' | 'READY' | 'RUNNING' | 'PAUSED';
	created_at: string;
	[field: string]: unknown;
}

export interface TalkdeskRecord {
	id: string;
	phone_numbers: Array<{ phone_number: string; phone_type: string }>;
	first_name: string;
	last_name: string;
	timezone?: string;
	priority?: number;
	external_provider?: string;
	external_id?: string;
	external_url?: string;
	extra_data?: Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

export interface TalkdeskRecordList {
	id: string;
	name: string;
	status: string;
	created_at: string;
	records: TalkdeskRecord[];
}

export interface TalkdeskDncEntry {
	id: string;
	phone_number: string;
	expiration_date?: string;
	created_at: string;
}

export interface TalkdeskDncList {
	id: string;
	name: string;
	created_at: string;
	entries: TalkdeskDncEntry[];
}

export interface TalkdeskState {
	campaigns: Map<string, TalkdeskCampaign>;
	recordLists: Map<string, TalkdeskRecordList>;
	dncLists: Map<string, TalkdeskDncList>;
	/** campaign id → attached record list ids / DNC list ids. */
	campaignRecordLists: Map<string, string[]>;
	campaignDncLists: Map<string, string[]>;
}

export interface TalkdeskSandboxOptions {
	port?: number;
	clientId?: string;
	clientSecret?: string;
	/** Scopes the client may ask for (default: all four). */
	allowedScopes?: readonly string[];
	/** Lifetime of issued tokens, seconds (default 600, as seen in Talkdesk). */
	tokenTtlSeconds?: number;
	latencyMs?: number;
}

export interface IssuedToken {
	scopes: string[];
	expiresAt: number;
}

/** Talkdesk's ids are UUIDs. */
export const TALKDESK_ID_PATTERN = /^[0-9a-f-]{36}$/i;

/** The data a Talkdesk sandbox holds, and its OAuth2 client. */
export class TalkdeskStore {
	readonly clientId: string;
	readonly clientSecret: string;
	allowedScopes: string[];
	/** Lifetime of the tokens issued from now on, seconds. */
	tokenTtlSeconds: number;
	readonly state: TalkdeskState = {
		campaigns: new Map(),
		recordLists: new Map(),
		dncLists: new Map(),
		campaignRecordLists: new Map(),
		campaignDncLists: new Map(),
	};
	readonly tokens = new Map<string, IssuedToken>();
	/** Tokens issued so far (by the token endpoint). */
	tokensIssued = 0;

	constructor(options: TalkdeskSandboxOptions = {}) {
		this.clientId = options.clientId ?? TALKDESK_CLIENT_ID;
		this.clientSecret = options.clientSecret ?? TALKDESK_CLIENT_SECRET;
		this.allowedScopes = [...(options.allowedScopes ?? TALKDESK_ALL_SCOPES)];
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 600;
	}

	// ── test helpers ──

	/** Every access token issued so far (for tests that check no token leaks into output or logs). */
	issuedTokens(): string[] {
		return [...this.tokens.keys()];
	}

	/** Every issued token stops working now (server-side expiry / revocation). */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/** A new access token for `scopes`, living `tokenTtlSeconds` from now. */
	issueToken(scopes: string[]): string {
		const accessToken = randomBytes(24).toString('base64url');
		this.tokens.set(accessToken, { scopes, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 });
		this.tokensIssued++;
		return accessToken;
	}

	addRecordList(seed: { id?: string; name?: string } = {}): TalkdeskRecordList {
		const list: TalkdeskRecordList = {
			id: seed.id ?? randomUUID(),
			name: seed.name ?? `Record list ${this.state.recordLists.size + 1}`,
			status: 'AVAILABLE',
			created_at: new Date().toISOString(),
			records: [],
		};
		this.state.recordLists.set(list.id, list);
		return list;
	}

	addDncList(seed: { id?: string; name?: string; phones?: string[] } = {}): TalkdeskDncList {
		const list: TalkdeskDncList = {
			id: seed.id ?? randomUUID(),
			name: seed.name ?? `Do-not-call list ${this.state.dncLists.size + 1}`,
			created_at: new Date().toISOString(),
			entries: [],
		};
		for (const phone of seed.phones ?? []) {
			list.entries.push({ id: randomUUID(), phone_number: phone, created_at: list.created_at });
		}
		this.state.dncLists.set(list.id, list);
		return list;
	}

	/** A campaign; `recordListIds` are attached (which makes it READY). */
	addCampaign(
		seed: Partial<TalkdeskCampaign> & { recordListIds?: string[]; dncListIds?: string[] } = {},
	): TalkdeskCampaign {
		const { recordListIds = [], dncListIds = [], ...fields } = seed;
		const campaign: TalkdeskCampaign = {
			dialing_mode: 'PREVIEW',
			priority: 1,
			run_once: false,
			action_required: false,
			status: recordListIds.length ? 'READY' : 'INCOMPLETE',
			created_at: new Date().toISOString(),
			...fields,
			id: fields.id ?? randomUUID(),
			name: fields.name ?? `Campaign ${this.state.campaigns.size + 1}`,
		};
		this.state.campaigns.set(campaign.id, campaign);
		this.state.campaignRecordLists.set(campaign.id, [...recordListIds]);
		this.state.campaignDncLists.set(campaign.id, [...dncListIds]);
		return campaign;
	}

	records(listId: string): TalkdeskRecord[] {
		const list = this.state.recordLists.get(listId);
		if (!list) throw new Error(`records: no record list ${listId}`);
		return structuredClone(list.records);
	}
}
