/**
 * Talkturo sandbox: the endpoints of /work/shared/providers/talkturo.md under base path `/api`, so the credential's
 * Base URL is `sandbox.url` (the node adds `/api`) and raw requests go to `sandbox.baseUrl`.
 *
 * Seeded endpoints ([seed]: list/create campaigns, add contacts, run, create/list contacts) follow the seed
 * documents exactly. Newer ("[branch]") endpoints — GET/PUT/DELETE of one campaign or contact, campaign contact
 * list/removal, companies — exist unless `branch: false`, which models an older deployment (a missing route
 * answers 404, or 405 where the path exists for another method) and makes Add Contacts answer just `{success:true}`.
 *
 * Rules enforced (from the docs): Bearer auth; teamId required and must be the key's team; required fields;
 * E.164 phones; HH:MM windows; IANA zones; ISO dates; positive integers; from-numbers must be assigned to the
 * assistant (409); status lifecycle draft → scheduled → running ⇄ paused → completed | cancelled (completed and
 * cancelled cannot change again: 409; only status may change while running: 409; running needs credit: 402);
 * delete only draft/cancelled (400); run needs contacts (400), dials pending/queued contacts up to
 * max_concurrent_calls (and maxCalls), reports contacts without phone or marked do-not-call in `errors`; dry run
 * changes nothing; do-not-call contacts are skipped when added; a contact in a live campaign cannot be deleted (400).
 *
 * ASSUMPTIONS (the docs are silent): errors are `{success:false, error}`; contact create answers the bare contact
 * (as the seed lists its fields); lists answer `{success, <resource>, count, limit, offset}`, limit capped at 100;
 * adding a contact already in the campaign skips it; a run costs one credit per started call; webhook events are
 * `{event, call_id, campaign_id, contact_id, …}` signed with HMAC-SHA256 (hex) of the raw body in X-Talkturo-Signature.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { json, SandboxHttpError, SandboxServer, type SandboxRequest, type SandboxResponse } from './server';

// ───────────────────────────────────────── types ─────────────────────────────────────────

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
export type DialStatus = 'pending' | 'queued' | 'calling' | 'completed' | 'skipped' | 'failed';

export interface TalkturoCampaign {
	id: string;
	team_id: string;
	assistant_id: string;
	company_id: string;
	name: string;
	description: string | null;
	from_number: string | null;
	from_number_ids: string[];
	status: CampaignStatus;
	scheduled_start_at: string | null;
	call_window_start: string | null;
	call_window_end: string | null;
	call_window_timezone: string | null;
	max_concurrent_calls: number;
	max_attempts_per_contact: number;
	retry_delay_minutes: number;
	settings: Record<string, unknown>;
	total_contacts: number;
	contacts_called: number;
	contacts_completed: number;
	contacts_answered: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface TalkturoContact {
	id: string;
	team_id: string;
	company_id: string | null;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	phone: string | null;
	phone_secondary: string | null;
	job_title: string | null;
	lead_status: string;
	source: string | null;
	timezone: string | null;
	preferred_contact_method: string | null;
	do_not_call: boolean;
	notes: string | null;
	custom_fields: Record<string, unknown>;
	tags: string[];
	created_at: string;
	updated_at: string;
}

export interface CampaignContact {
	id: string;
	campaign_id: string;
	contact_id: string;
	status: DialStatus;
	priority: number;
	attempts: number;
	added_at: string;
}

export interface TalkturoCall {
	id: string;
	campaign_id: string;
	contact_id: string;
	assistant_id: string;
	from_number: string | null;
	to_number: string;
	status: 'initiated' | 'in-progress' | 'completed';
	answered: boolean | null;
	transcript: string | null;
	summary: string | null;
	started_at: string;
	ended_at: string | null;
}

export interface TalkturoState {
	assistants: Map<string, { id: string; name: string; team_id: string }>;
	numbers: Map<
		string,
		{ id: string; phone_number: string; status: string; team_id: string; assistant_id: string | null }
	>;
	companies: Map<string, { id: string; name: string; team_id: string; created_at: string }>;
	campaigns: Map<string, TalkturoCampaign>;
	contacts: Map<string, TalkturoContact>;
	/** Dial lists, per campaign id, in order. */
	dialLists: Map<string, CampaignContact[]>;
	calls: Map<string, TalkturoCall>;
	/** Calling credits; a started call costs one. */
	credits: number;
}

export interface TalkturoSandboxOptions {
	port?: number;
	/** Accepted Bearer token; default TALKTURO_DEFAULT_API_KEY. */
	apiKey?: string;
	/** The key's team; default TALKTURO_FIXTURES.teamId. */
	teamId?: string;
	/** Starting credits; default 1000. */
	credits?: number;
	/** false: an older deployment without the [branch] endpoints. Default true. */
	branch?: boolean;
	/** Seed the fixtures (assistants, numbers, company); default true. */
	fixtures?: boolean;
	latencyMs?: number;
}

export const TALKTURO_DEFAULT_API_KEY = 'tk_test_sandbox_key';

/** Fixed ids of the seeded assistants, caller-ID numbers and company. */
export const TALKTURO_FIXTURES = {
	teamId: 'team_01jsandbox00000000000000',
	assistants: {
		qualifier: { id: 'asst_01jsandbox0000000000qual', name: 'Lead Qualifier' },
		scheduler: { id: 'asst_01jsandbox0000000000sched', name: 'Appointment Setter' },
	},
	numbers: {
		/** Assigned to the qualifier. */
		main: { id: 'pn_01jsandbox000000000000001', phone_number: '+12025550101' },
		/** Assigned to the qualifier. */
		second: { id: 'pn_01jsandbox000000000000002', phone_number: '+12025550102' },
		/** Assigned to the scheduler. */
		scheduler: { id: 'pn_01jsandbox000000000000003', phone_number: '+12025550103' },
	},
	company: { id: 'comp_01jsandbox00000000000acme', name: 'Acme Corp' },
} as const;

// ───────────────────────────────────────── helpers ─────────────────────────────────────────

const E164 = /^\+[1-9]\d{6,14}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const CAMPAIGN_STATUSES: CampaignStatus[] = [
	'draft',
	'scheduled',
	'running',
	'paused',
	'completed',
	'cancelled',
];
const DIAL_STATUSES: DialStatus[] = ['pending', 'queued', 'calling', 'completed', 'skipped', 'failed'];
const TERMINAL: CampaignStatus[] = ['completed', 'cancelled'];
const LIVE: DialStatus[] = ['pending', 'queued', 'calling'];
const MAX_PAGE = 100;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** `prefix_01j…` ids like the docs' examples. */
export function talkturoId(prefix: string): string {
	const bytes = randomBytes(23);
	return `${prefix}_01j${Array.from(bytes, (b) => ALPHABET[b % 32]).join('')}`;
}

function fail(status: number, error: string): SandboxHttpError {
	return new SandboxHttpError(status, { success: false, error });
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return !/^[+-]/.test(value);
	} catch {
		return false;
	}
}

function one(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function paging(req: SandboxRequest): { limit: number; offset: number } {
	const read = (name: string, fallback: number, min: number) => {
		const raw = one(req.query[name]);
		if (raw === undefined || raw === '') return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < min) throw fail(400, `${name} must be an integer of ${min} or more`);
		return n;
	};
	return { limit: Math.min(read('limit', 50, 1), MAX_PAGE), offset: read('offset', 0, 0) };
}

/** One page of `all` as Talkturo lists answer: `{success, <key>, count, limit, offset}`. */
function listAnswer(
	req: SandboxRequest,
	key: string,
	all: unknown[],
	extra: Record<string, unknown> = {},
): SandboxResponse {
	const { limit, offset } = paging(req);
	return {
		body: {
			success: true,
			[key]: all.slice(offset, offset + limit),
			count: all.length,
			limit,
			offset,
			...extra,
		},
	};
}

function now(): string {
	return new Date().toISOString();
}

const clone = <T>(value: T): T => structuredClone(value);

/** camelCase body field → snake_case stored field, for the fields contacts and campaigns share with the API. */
const CONTACT_FIELDS: Record<string, keyof TalkturoContact> = {
	companyId: 'company_id',
	firstName: 'first_name',
	lastName: 'last_name',
	email: 'email',
	phone: 'phone',
	phoneSecondary: 'phone_secondary',
	jobTitle: 'job_title',
	leadStatus: 'lead_status',
	source: 'source',
	timezone: 'timezone',
	preferredContactMethod: 'preferred_contact_method',
	doNotCall: 'do_not_call',
	notes: 'notes',
	customFields: 'custom_fields',
	tags: 'tags',
};

// ───────────────────────────────────────── sandbox ─────────────────────────────────────────

export class TalkturoSandbox extends SandboxServer {
	readonly apiKey: string;
	readonly teamId: string;
	readonly branch: boolean;
	readonly state: TalkturoState;

	constructor(options: TalkturoSandboxOptions = {}) {
		const apiKey = options.apiKey ?? TALKTURO_DEFAULT_API_KEY;
		super({
			name: 'talkturo',
			port: options.port,
			latencyMs: options.latencyMs,
			auth: (req) =>
				req.headers.authorization === `Bearer ${apiKey}`
					? undefined
					: json(401, { success: false, error: 'Invalid or missing API key' }),
			// A route the deployment lacks answers like a web framework would: the bare reason phrase.
			errorBody: (status, message) =>
				status === 404 || status === 405 ? { message } : { success: false, error: message },
		});
		this.apiKey = apiKey;
		this.teamId = options.teamId ?? TALKTURO_FIXTURES.teamId;
		this.branch = options.branch ?? true;
		this.state = {
			assistants: new Map(),
			numbers: new Map(),
			companies: new Map(),
			campaigns: new Map(),
			contacts: new Map(),
			dialLists: new Map(),
			calls: new Map(),
			credits: options.credits ?? 1000,
		};
		if (options.fixtures !== false) this.seedFixtures();
		this.registerRoutes();
	}

	/** The API root, `${url}/api` (the credential's Base URL is `url`; the node adds /api). */
	get baseUrl(): string {
		return `${this.url}/api`;
	}

	// ── test helpers ──

	private seedFixtures(): void {
		const f = TALKTURO_FIXTURES;
		for (const a of Object.values(f.assistants))
			this.state.assistants.set(a.id, { ...a, team_id: this.teamId });
		const assign = {
			main: f.assistants.qualifier.id,
			second: f.assistants.qualifier.id,
			scheduler: f.assistants.scheduler.id,
		};
		for (const [key, n] of Object.entries(f.numbers)) {
			this.state.numbers.set(n.id, {
				...n,
				status: 'active',
				team_id: this.teamId,
				assistant_id: assign[key as keyof typeof assign],
			});
		}
		this.state.companies.set(f.company.id, { ...f.company, team_id: this.teamId, created_at: now() });
	}

	/** Adds a contact directly (camelCase fields as the API takes them, or snake_case). */
	addContact(fields: Record<string, unknown> = {}): TalkturoContact {
		const contact = this.newContact(this.teamId);
		this.applyContactFields(contact, fields, true);
		for (const [key, value] of Object.entries(fields)) {
			if (key in contact && !(key in CONTACT_FIELDS))
				(contact as unknown as Record<string, unknown>)[key] = value;
		}
		this.state.contacts.set(contact.id, contact);
		return clone(contact);
	}

	/** Adds a campaign directly; `contactIds` go on its dial list as pending. */
	addCampaign(fields: Partial<TalkturoCampaign> & { contactIds?: string[] } = {}): TalkturoCampaign {
		const { contactIds = [], ...rest } = fields;
		const campaign = this.newCampaign(this.teamId, rest);
		this.state.campaigns.set(campaign.id, campaign);
		this.state.dialLists.set(campaign.id, []);
		for (const contactId of contactIds) this.enrol(campaign, contactId);
		return this.campaignView(campaign);
	}

	/** A campaign with Talkturo's defaults (the seeded assistant, company and first number), then `fields`. */
	private newCampaign(teamId: string, fields: Partial<TalkturoCampaign>): TalkturoCampaign {
		const f = TALKTURO_FIXTURES;
		const time = now();
		return {
			id: talkturoId('camp'),
			team_id: teamId,
			assistant_id: f.assistants.qualifier.id,
			company_id: f.company.id,
			name: `Campaign ${this.state.campaigns.size + 1}`,
			description: null,
			from_number: f.numbers.main.phone_number,
			from_number_ids: [f.numbers.main.id],
			status: 'draft',
			scheduled_start_at: null,
			call_window_start: null,
			call_window_end: null,
			call_window_timezone: null,
			max_concurrent_calls: 3,
			max_attempts_per_contact: 3,
			retry_delay_minutes: 60,
			settings: {},
			total_contacts: 0,
			contacts_called: 0,
			contacts_completed: 0,
			contacts_answered: 0,
			created_at: time,
			updated_at: time,
			deleted_at: null,
			...fields,
		};
	}

	/** The stored campaign (with derived counts); throws when unknown. */
	campaign(id: string): TalkturoCampaign {
		const campaign = this.state.campaigns.get(id);
		if (!campaign) throw new Error(`campaign: no campaign ${id}`);
		return this.campaignView(campaign);
	}

	/** A copy of a campaign's dial list. */
	dialList(campaignId: string): CampaignContact[] {
		return clone(this.state.dialLists.get(campaignId) ?? []);
	}

	contact(id: string): TalkturoContact | undefined {
		const contact = this.state.contacts.get(id);
		return contact && clone(contact);
	}

	contacts(): TalkturoContact[] {
		return [...this.state.contacts.values()].map(clone);
	}

	/**
	 * Ends a call as Talkturo would: the dial-list entry completes, the AI's extracted fields land in the contact's
	 * custom_fields, and the `call.ended` event payload is returned (post it with `sendTalkturoWebhook`).
	 */
	completeCall(
		callId: string,
		outcome: { answered?: boolean; extracted?: Record<string, unknown>; summary?: string } = {},
	): Record<string, unknown> {
		const call = this.state.calls.get(callId);
		if (!call) throw new Error(`completeCall: no call ${callId}`);
		const answered = outcome.answered ?? true;
		Object.assign(call, {
			status: 'completed',
			answered,
			ended_at: now(),
			transcript: answered ? 'Assistant: Hello! Contact: Hi, yes, I am interested.' : null,
			summary: outcome.summary ?? (answered ? 'The contact is interested.' : 'No answer.'),
		});
		const entry = this.state.dialLists.get(call.campaign_id)?.find((e) => e.contact_id === call.contact_id);
		if (entry) entry.status = 'completed';
		const campaign = this.state.campaigns.get(call.campaign_id);
		if (campaign) {
			campaign.contacts_completed++;
			if (answered) campaign.contacts_answered++;
		}
		const contact = this.state.contacts.get(call.contact_id);
		if (contact && outcome.extracted) {
			contact.custom_fields = { ...contact.custom_fields, ...outcome.extracted };
			contact.updated_at = now();
		}
		return this.callEvent(callId, 'call.ended');
	}

	/**
	 * Places one call of a campaign to a contact on its dial list, as running the campaign does (the entry turns to
	 * calling); `completeCall` ends it. Throws when the contact is not on the list or has no phone.
	 */
	placeCall(campaignId: string, contactId: string): TalkturoCall {
		const campaign = this.campaignEntry(campaignId);
		const entry = this.state.dialLists.get(campaign.id)?.find((e) => e.contact_id === contactId);
		const phone = this.state.contacts.get(contactId)?.phone;
		if (!entry || !phone)
			throw new Error(`placeCall: ${contactId} is not a callable contact of ${campaignId}`);
		return clone(this.dial(campaign, entry, phone));
	}

	/** A new call to a dial-list entry: stored, the entry calling, the campaign's count up. */
	private dial(campaign: TalkturoCampaign, entry: CampaignContact, phone: string): TalkturoCall {
		const call: TalkturoCall = {
			id: talkturoId('call'),
			campaign_id: campaign.id,
			contact_id: entry.contact_id,
			assistant_id: campaign.assistant_id,
			from_number: campaign.from_number,
			to_number: phone,
			status: 'initiated',
			answered: null,
			transcript: null,
			summary: null,
			started_at: now(),
			ended_at: null,
		};
		this.state.calls.set(call.id, call);
		entry.status = 'calling';
		entry.attempts++;
		campaign.contacts_called++;
		return call;
	}

	/** An event payload for a call, as an assistant webhook would post it. */
	callEvent(callId: string, event: string): Record<string, unknown> {
		const call = this.state.calls.get(callId);
		if (!call) throw new Error(`callEvent: no call ${callId}`);
		return {
			event,
			timestamp: now(),
			call_id: call.id,
			campaign_id: call.campaign_id,
			contact_id: call.contact_id,
			assistant_id: call.assistant_id,
			from: call.from_number,
			to: call.to_number,
			status: call.status,
			...(event === 'call.ended' ? { answered: call.answered, summary: call.summary } : {}),
			...(event === 'call.transcribed' || event === 'call.ended' ? { transcript: call.transcript } : {}),
		};
	}

	// ── routes ──

	private registerRoutes(): void {
		this.get('/api/test-api-key', () => ({
			body: { success: true, message: 'API key is valid', teamId: this.teamId },
		}));
		this.get('/api/crm/campaigns', (req) => this.listCampaigns(req));
		this.post('/api/crm/campaigns', (req) => this.createCampaign(req));
		this.post('/api/crm/campaigns/:id/contacts', (req) => this.addContacts(req));
		this.post('/api/crm/campaigns/:id/run', (req) => this.run(req));
		this.post('/api/crm/contacts', (req) => this.createContact(req));
		this.get('/api/crm/contacts', (req) => this.listContacts(req));
		this.get('/api/crm/outbound-assistants', () => ({
			body: {
				success: true,
				assistants: [...this.state.assistants.values()].filter((a) => a.team_id === this.teamId),
			},
		}));
		this.get('/api/phone-numbers/purchase', (req) => {
			const teamId = this.team(one(req.query.teamId));
			return {
				body: {
					success: true,
					numbers: [...this.state.numbers.values()].filter((n) => n.team_id === teamId).map(clone),
				},
			};
		});
		if (!this.branch) return;
		this.get('/api/crm/campaigns/:id', (req) => this.getCampaign(req));
		this.put('/api/crm/campaigns/:id', (req) => this.updateCampaign(req));
		this.delete('/api/crm/campaigns/:id', (req) => this.deleteCampaign(req));
		this.get('/api/crm/campaigns/:id/contacts', (req) => this.campaignContacts(req));
		this.delete('/api/crm/campaigns/:id/contacts', (req) => this.removeContacts(req));
		this.get('/api/crm/contacts/:id', (req) => ({
			body: { success: true, contact: clone(this.contactEntry(req.params.id)) },
		}));
		this.put('/api/crm/contacts/:id', (req) => this.updateContact(req));
		this.delete('/api/crm/contacts/:id', (req) => this.deleteContact(req));
		this.get('/api/crm/companies', (req) => {
			const teamId = this.team(one(req.query.teamId));
			const search = one(req.query.search)?.toLowerCase();
			const all = [...this.state.companies.values()].filter(
				(c) => c.team_id === teamId && (!search || c.name.toLowerCase().includes(search)),
			);
			return listAnswer(req, 'companies', all.map(clone));
		});
	}

	/** teamId is required and must be the key's team. */
	private team(value: unknown): string {
		if (typeof value !== 'string' || value.trim() === '') throw fail(400, 'teamId is required');
		if (value !== this.teamId) throw fail(403, 'You do not have access to this team');
		return value;
	}

	// ── campaigns ──

	private listCampaigns(req: SandboxRequest): SandboxResponse {
		const teamId = this.team(one(req.query.teamId));
		const status = one(req.query.status);
		if (status !== undefined && !CAMPAIGN_STATUSES.includes(status as CampaignStatus)) {
			throw fail(400, `status must be one of ${CAMPAIGN_STATUSES.join(', ')}`);
		}
		const deleted = one(req.query.deleted) ?? 'exclude';
		if (!['exclude', 'include', 'only'].includes(deleted))
			throw fail(400, 'deleted must be exclude, include or only');
		const assistantId = one(req.query.assistantId);
		const all = [...this.state.campaigns.values()].filter(
			(c) =>
				c.team_id === teamId &&
				(status === undefined || c.status === status) &&
				(assistantId === undefined || c.assistant_id === assistantId) &&
				(deleted === 'include' || (deleted === 'only' ? c.deleted_at !== null : c.deleted_at === null)),
		);
		return listAnswer(
			req,
			'campaigns',
			all.map((c) => this.campaignView(c)),
		);
	}

	private createCampaign(req: SandboxRequest): SandboxResponse {
		const body = req.body;
		if (!isObject(body)) throw fail(400, 'Body must be a JSON object');
		const teamId = this.team(body.teamId);
		for (const field of ['assistantId', 'companyId', 'name']) {
			if (typeof body[field] !== 'string' || !(body[field] as string).trim())
				throw fail(400, `${field} is required`);
		}
		if (!Array.isArray(body.fromNumberIds) || body.fromNumberIds.length === 0) {
			throw fail(400, 'fromNumberIds is required (a non-empty array of phone number IDs)');
		}
		const campaign = this.newCampaign(teamId, {
			assistant_id: '',
			company_id: '',
			from_number: null,
			from_number_ids: [],
			status: typeof body.scheduledStartAt === 'string' && body.scheduledStartAt ? 'scheduled' : 'draft',
		});
		this.applyCampaignFields(campaign, body);
		this.state.campaigns.set(campaign.id, campaign);
		this.state.dialLists.set(campaign.id, []);
		return { status: 201, body: { success: true, campaign: this.campaignView(campaign) } };
	}

	/** Validates and applies the camelCase fields of create / update. Throws before changing anything. */
	private applyCampaignFields(campaign: TalkturoCampaign, body: Record<string, unknown>): void {
		const next = { ...campaign };
		const str = (field: string) => {
			const value = body[field];
			if (typeof value !== 'string' || !value.trim()) throw fail(400, `${field} must be a non-empty string`);
			return value.trim();
		};
		if ('assistantId' in body) {
			const id = str('assistantId');
			if (this.state.assistants.get(id)?.team_id !== campaign.team_id)
				throw fail(400, `Assistant ${id} not found`);
			next.assistant_id = id;
		}
		if ('companyId' in body) {
			const id = str('companyId');
			if (this.state.companies.get(id)?.team_id !== campaign.team_id)
				throw fail(400, `Company ${id} not found`);
			next.company_id = id;
		}
		if ('name' in body) next.name = str('name');
		if ('description' in body) next.description = body.description == null ? null : String(body.description);
		if ('fromNumberIds' in body) {
			const ids = body.fromNumberIds;
			if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
				throw fail(400, 'fromNumberIds must be a non-empty array of phone number IDs');
			}
			next.from_number_ids = [...(ids as string[])];
		}
		for (const id of next.from_number_ids) {
			const number = this.state.numbers.get(id);
			if (!number || number.team_id !== campaign.team_id) throw fail(400, `Phone number ${id} not found`);
			if (number.assistant_id !== next.assistant_id) {
				throw fail(
					409,
					`Phone number ${number.phone_number} is not assigned to assistant ${next.assistant_id}`,
				);
			}
		}
		next.from_number = this.state.numbers.get(next.from_number_ids[0] ?? '')?.phone_number ?? null;
		if ('scheduledStartAt' in body) {
			const value = body.scheduledStartAt;
			if (
				value !== null &&
				(typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value)))
			) {
				throw fail(400, 'scheduledStartAt must be an ISO 8601 datetime');
			}
			next.scheduled_start_at = value as string | null;
		}
		for (const [field, key] of [
			['callWindowStart', 'call_window_start'],
			['callWindowEnd', 'call_window_end'],
		] as const) {
			if (!(field in body)) continue;
			const value = body[field];
			if (typeof value !== 'string' || !HHMM.test(value)) throw fail(400, `${field} must be in HH:MM format`);
			next[key] = value;
		}
		if ('callWindowTimezone' in body) {
			const value = body.callWindowTimezone;
			if (typeof value !== 'string' || !isZone(value))
				throw fail(400, 'callWindowTimezone must be an IANA timezone');
			next.call_window_timezone = value;
		}
		for (const [field, key] of [
			['maxConcurrentCalls', 'max_concurrent_calls'],
			['maxAttemptsPerContact', 'max_attempts_per_contact'],
			['retryDelayMinutes', 'retry_delay_minutes'],
		] as const) {
			if (!(field in body)) continue;
			const value = body[field];
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
				throw fail(400, `${field} must be a positive integer`);
			}
			next[key] = value;
		}
		if ('settings' in body) {
			if (!isObject(body.settings)) throw fail(400, 'settings must be an object');
			next.settings = clone(body.settings);
		}
		Object.assign(campaign, next, { updated_at: now() });
	}

	private getCampaign(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const list = this.state.dialLists.get(campaign.id) ?? [];
		return {
			body: {
				success: true,
				campaign: this.campaignView(campaign),
				contacts: list.slice(0, 100).map((e) => this.dialView(e)),
				contact_count: list.length,
			},
		};
	}

	private updateCampaign(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const body = req.body;
		if (!isObject(body)) throw fail(400, 'Body must be a JSON object');
		const { status, ...fields } = body;
		if (TERMINAL.includes(campaign.status)) {
			throw fail(409, `Campaign is ${campaign.status} and cannot be changed`);
		}
		if (Object.keys(fields).length && (campaign.status === 'running' || status === 'running')) {
			throw fail(409, 'Only status can be changed while the campaign is running');
		}
		if (status !== undefined) {
			if (!CAMPAIGN_STATUSES.includes(status as CampaignStatus)) {
				throw fail(400, `status must be one of ${CAMPAIGN_STATUSES.join(', ')}`);
			}
			this.checkTransition(campaign.status, status as CampaignStatus);
			if (status === 'running' && campaign.status !== 'running' && this.state.credits <= 0) {
				throw fail(402, 'Insufficient credits');
			}
		}
		this.applyCampaignFields(campaign, fields);
		if (status !== undefined) campaign.status = status as CampaignStatus;
		return { body: { success: true, campaign: this.campaignView(campaign) } };
	}

	private checkTransition(from: CampaignStatus, to: CampaignStatus): void {
		const allowed: Record<CampaignStatus, CampaignStatus[]> = {
			draft: ['draft', 'scheduled', 'running', 'cancelled'],
			scheduled: ['draft', 'scheduled', 'running', 'cancelled'],
			running: ['running', 'paused', 'completed', 'cancelled'],
			paused: ['paused', 'running', 'completed', 'cancelled'],
			completed: [],
			cancelled: [],
		};
		if (!allowed[from].includes(to)) throw fail(409, `Cannot change campaign status from ${from} to ${to}`);
	}

	private deleteCampaign(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		if (campaign.status !== 'draft' && campaign.status !== 'cancelled') {
			throw fail(400, `Only draft or cancelled campaigns can be deleted (this one is ${campaign.status})`);
		}
		campaign.deleted_at = now();
		return { body: { success: true, message: 'Campaign deleted' } };
	}

	private addContacts(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const body = req.body;
		if (!isObject(body) || !Array.isArray(body.contactIds) || body.contactIds.length === 0) {
			throw fail(400, 'contactIds is required (a non-empty array of contact IDs)');
		}
		if (TERMINAL.includes(campaign.status))
			throw fail(400, `Cannot add contacts to a ${campaign.status} campaign`);
		const ids = body.contactIds as unknown[];
		for (const id of ids) {
			const contact = typeof id === 'string' ? this.state.contacts.get(id) : undefined;
			if (!contact || contact.team_id !== campaign.team_id)
				throw fail(400, `Contact ${String(id)} not found`);
		}
		let added = 0;
		const skipped: string[] = [];
		for (const id of ids as string[]) {
			const result = this.enrol(campaign, id);
			if (result === 'added') added++;
			else skipped.push(id);
		}
		if (!this.branch) return { body: { success: true } };
		return {
			body: {
				success: true,
				added,
				skipped: skipped.length,
				message: `Added ${added} contact(s), skipped ${skipped.length} (already in the campaign or do-not-call)`,
			},
		};
	}

	/** Puts a contact on the dial list: do-not-call ones as skipped, ones already on it not again. */
	private enrol(campaign: TalkturoCampaign, contactId: string): 'added' | 'skipped' {
		const list = this.state.dialLists.get(campaign.id)!;
		if (list.some((e) => e.contact_id === contactId)) return 'skipped';
		const contact = this.state.contacts.get(contactId);
		if (!contact) throw new Error(`enrol: no contact ${contactId}`);
		list.push({
			id: talkturoId('cc'),
			campaign_id: campaign.id,
			contact_id: contactId,
			status: contact.do_not_call ? 'skipped' : 'pending',
			priority: 0,
			attempts: 0,
			added_at: now(),
		});
		return contact.do_not_call ? 'skipped' : 'added';
	}

	private campaignContacts(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const status = one(req.query.status);
		if (status !== undefined && !DIAL_STATUSES.includes(status as DialStatus)) {
			throw fail(400, `status must be one of ${DIAL_STATUSES.join(', ')}`);
		}
		const list = this.state.dialLists.get(campaign.id) ?? [];
		const matching = list.filter((e) => status === undefined || e.status === status);
		const statusCounts = Object.fromEntries(
			DIAL_STATUSES.map((s) => [s, list.filter((e) => e.status === s).length]),
		);
		return listAnswer(
			req,
			'contacts',
			matching.map((e) => this.dialView(e)),
			{ statusCounts },
		);
	}

	private removeContacts(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const body = req.body;
		if (!isObject(body) || !Array.isArray(body.contactIds) || body.contactIds.length === 0) {
			throw fail(400, 'contactIds is required (a non-empty array of contact IDs)');
		}
		const ids = new Set(body.contactIds as string[]);
		const list = this.state.dialLists.get(campaign.id)!;
		const keep = list.filter(
			(e) => !(ids.has(e.contact_id) && (e.status === 'pending' || e.status === 'skipped')),
		);
		const removed = list.length - keep.length;
		this.state.dialLists.set(campaign.id, keep);
		return { body: { success: true, removed } };
	}

	private run(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const body = req.body ?? {};
		if (!isObject(body)) throw fail(400, 'Body must be a JSON object');
		const { maxCalls, dryRun = false, accountSlug } = body;
		if (
			maxCalls !== undefined &&
			(typeof maxCalls !== 'number' || !Number.isInteger(maxCalls) || maxCalls < 1)
		) {
			throw fail(400, 'maxCalls must be a positive integer');
		}
		if (typeof dryRun !== 'boolean') throw fail(400, 'dryRun must be a boolean');
		if (accountSlug !== undefined && typeof accountSlug !== 'string')
			throw fail(400, 'accountSlug must be a string');
		if (TERMINAL.includes(campaign.status)) throw fail(400, `Cannot run a ${campaign.status} campaign`);
		const list = this.state.dialLists.get(campaign.id)!;
		if (list.length === 0) throw fail(400, 'Campaign has no contacts');
		if (!dryRun && this.state.credits <= 0) throw fail(402, 'Insufficient credits');

		const calling = list.filter((e) => e.status === 'calling').length;
		const cap = Math.max(
			0,
			Math.min(campaign.max_concurrent_calls - calling, (maxCalls as number | undefined) ?? Infinity),
		);
		const calls: Array<Record<string, unknown>> = [];
		const errors: string[] = [];
		let failed = 0;
		for (const entry of list) {
			if (calls.length >= cap) break;
			if (entry.status !== 'pending' && entry.status !== 'queued') continue;
			const contact = this.state.contacts.get(entry.contact_id);
			if (!contact?.phone) {
				errors.push(`Contact ${entry.contact_id} has no phone number`);
				failed++;
				if (!dryRun) entry.status = 'failed';
				continue;
			}
			if (contact.do_not_call) {
				errors.push(`Contact ${entry.contact_id} is marked do-not-call`);
				failed++;
				if (!dryRun) entry.status = 'skipped';
				continue;
			}
			if (dryRun) {
				calls.push({ contact_id: contact.id, to: contact.phone, from: campaign.from_number });
				continue;
			}
			if (this.state.credits <= 0) {
				errors.push(`Contact ${entry.contact_id} was not called: insufficient credits`);
				failed++;
				continue;
			}
			this.state.credits--;
			const call = this.dial(campaign, entry, contact.phone);
			calls.push({
				id: call.id,
				contact_id: contact.id,
				to: call.to_number,
				from: call.from_number,
				status: call.status,
			});
		}
		if (!dryRun) {
			campaign.status = 'running';
			campaign.updated_at = now();
		}
		return {
			body: {
				success: true,
				started: calls.length,
				failed,
				calls,
				errors,
				message: dryRun ? `Dry run: would start ${calls.length} calls` : `Started ${calls.length} calls`,
				dryRun,
			},
		};
	}

	// ── contacts ──

	private newContact(teamId: string): TalkturoContact {
		const time = now();
		return {
			id: talkturoId('cont'),
			team_id: teamId,
			company_id: null,
			first_name: null,
			last_name: null,
			email: null,
			phone: null,
			phone_secondary: null,
			job_title: null,
			lead_status: 'new',
			source: null,
			timezone: null,
			preferred_contact_method: null,
			do_not_call: false,
			notes: null,
			custom_fields: {},
			tags: [],
			created_at: time,
			updated_at: time,
		};
	}

	/** Validates then applies camelCase contact fields (unknown fields are ignored, as JSON APIs do). */
	private applyContactFields(contact: TalkturoContact, body: Record<string, unknown>, trusted = false): void {
		const next = { ...contact } as unknown as Record<string, unknown>;
		for (const [field, key] of Object.entries(CONTACT_FIELDS)) {
			if (!(field in body)) continue;
			const value = body[field];
			if (!trusted) this.checkContactField(field, value, contact.team_id);
			next[key] = value === undefined ? null : clone(value);
		}
		Object.assign(contact, next, { updated_at: now() });
	}

	private checkContactField(field: string, value: unknown, teamId: string): void {
		if (value === null) {
			if (['doNotCall', 'customFields', 'tags', 'leadStatus'].includes(field))
				throw fail(400, `${field} cannot be null`);
			return;
		}
		switch (field) {
			case 'phone':
			case 'phoneSecondary':
				if (typeof value !== 'string' || !E164.test(value)) {
					throw fail(400, `${field} must be in E.164 format (for example, +12025551234)`);
				}
				return;
			case 'email':
				if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
					throw fail(400, 'email is invalid');
				return;
			case 'timezone':
				if (typeof value !== 'string' || !isZone(value)) throw fail(400, 'timezone must be an IANA timezone');
				return;
			case 'doNotCall':
				if (typeof value !== 'boolean') throw fail(400, 'doNotCall must be a boolean');
				return;
			case 'customFields':
				if (!isObject(value)) throw fail(400, 'customFields must be an object');
				return;
			case 'tags':
				if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) {
					throw fail(400, 'tags must be an array of strings');
				}
				return;
			case 'companyId':
				if (typeof value !== 'string' || this.state.companies.get(value)?.team_id !== teamId) {
					throw fail(400, `Company ${String(value)} not found`);
				}
				return;
			default:
				if (typeof value !== 'string') throw fail(400, `${field} must be a string`);
		}
	}

	private createContact(req: SandboxRequest): SandboxResponse {
		const body = req.body;
		if (!isObject(body)) throw fail(400, 'Body must be a JSON object');
		const contact = this.newContact(this.team(body.teamId));
		this.applyContactFields(contact, body);
		this.state.contacts.set(contact.id, contact);
		return { status: 201, body: clone(contact) };
	}

	private listContacts(req: SandboxRequest): SandboxResponse {
		const teamId = this.team(one(req.query.teamId));
		const flag = (name: string) => {
			const value = one(req.query[name]);
			if (value === undefined) return undefined;
			if (value !== 'true' && value !== 'false') throw fail(400, `${name} must be "true" or "false"`);
			return value === 'true';
		};
		const doNotCall = flag('doNotCall');
		const hasPhone = flag('hasPhone');
		const companyId = one(req.query.companyId);
		const leadStatus = one(req.query.leadStatus);
		const search = one(req.query.search)?.trim().toLowerCase();
		const searchDigits = search?.replace(/\D/g, '') ?? '';
		const all = [...this.state.contacts.values()].filter((c) => {
			if (c.team_id !== teamId) return false;
			if (companyId !== undefined && c.company_id !== companyId) return false;
			if (leadStatus !== undefined && c.lead_status !== leadStatus) return false;
			if (doNotCall !== undefined && c.do_not_call !== doNotCall) return false;
			if (hasPhone !== undefined && Boolean(c.phone) !== hasPhone) return false;
			if (!search) return true;
			const text = [c.first_name, c.last_name, c.email, c.phone].filter(Boolean).join(' ').toLowerCase();
			if (text.includes(search)) return true;
			return searchDigits.length >= 7 && (c.phone ?? '').replace(/\D/g, '').includes(searchDigits);
		});
		return listAnswer(req, 'contacts', all.map(clone));
	}

	private updateContact(req: SandboxRequest): SandboxResponse {
		const contact = this.contactEntry(req.params.id);
		if (!isObject(req.body)) throw fail(400, 'Body must be a JSON object');
		this.applyContactFields(contact, req.body);
		if (contact.do_not_call) {
			for (const list of this.state.dialLists.values()) {
				for (const entry of list) {
					if (entry.contact_id === contact.id && entry.status === 'pending') entry.status = 'skipped';
				}
			}
		}
		return { body: { success: true, contact: clone(contact) } };
	}

	private deleteContact(req: SandboxRequest): SandboxResponse {
		const contact = this.contactEntry(req.params.id);
		for (const list of this.state.dialLists.values()) {
			const live = list.find((e) => e.contact_id === contact.id && LIVE.includes(e.status));
			if (live)
				throw fail(400, `Contact is ${live.status} in campaign ${live.campaign_id} and cannot be deleted`);
		}
		for (const [id, list] of this.state.dialLists) {
			this.state.dialLists.set(
				id,
				list.filter((e) => e.contact_id !== contact.id),
			);
		}
		this.state.contacts.delete(contact.id);
		return { body: { success: true } };
	}

	// ── lookups and views ──

	private campaignEntry(id: string): TalkturoCampaign {
		const campaign = this.state.campaigns.get(id);
		if (!campaign || campaign.team_id !== this.teamId || campaign.deleted_at)
			throw fail(404, 'Campaign not found');
		return campaign;
	}

	private contactEntry(id: string): TalkturoContact {
		const contact = this.state.contacts.get(id);
		if (!contact || contact.team_id !== this.teamId) throw fail(404, 'Contact not found');
		return contact;
	}

	private campaignView(campaign: TalkturoCampaign): TalkturoCampaign {
		return { ...clone(campaign), total_contacts: this.state.dialLists.get(campaign.id)?.length ?? 0 };
	}

	private dialView(entry: CampaignContact): Record<string, unknown> {
		const contact = this.state.contacts.get(entry.contact_id);
		return {
			...clone(entry),
			contact: contact
				? {
						first_name: contact.first_name,
						last_name: contact.last_name,
						phone: contact.phone,
						email: contact.email,
					}
				: null,
		};
	}
}

/** Creates and starts a Talkturo sandbox. Remember `await sandbox.close()`. */
export async function startTalkturoSandbox(options: TalkturoSandboxOptions = {}): Promise<TalkturoSandbox> {
	const sandbox = new TalkturoSandbox(options);
	await sandbox.start();
	return sandbox;
}

// ───────────────────────────────────────── webhook sender ─────────────────────────────────────────

/** The X-Talkturo-Signature value for a raw body: HMAC-SHA256, hex. */
export function signTalkturoPayload(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export interface SendWebhookOptions {
	/** Signing secret; no signature header when undefined. */
	secret?: string;
	/** Send this signature instead of the right one (to test rejection). */
	signature?: string;
	headers?: Record<string, string>;
}

/** Posts one event (or an array of events) to a webhook URL, signed like Talkturo. */
export async function sendTalkturoWebhook(
	url: string,
	payload: unknown,
	options: SendWebhookOptions = {},
): Promise<{ status: number; body: string }> {
	const raw = JSON.stringify(payload);
	const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
	const signature =
		options.signature ??
		(options.secret !== undefined ? signTalkturoPayload(options.secret, raw) : undefined);
	if (signature !== undefined) headers['x-talkturo-signature'] = signature;
	const response = await fetch(url, { method: 'POST', headers, body: raw });
	return { status: response.status, body: await response.text() };
}
