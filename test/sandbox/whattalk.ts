/**
 * WhatTalk sandbox: the endpoints of /work/shared/providers/whattalk.md under base path `/api`, so a node's base URL
 * is `${sandbox.url}/api` (also `sandbox.baseUrl`). WhatTalk is a white-label of AutoCalls; the API is Laravel's.
 *
 * Faithful to the seed (authoritative) and the provider doc: Bearer auth, integer ids, Laravel-style errors
 * (422 `{message, errors: {field: [messages]}}`, others `{message}`), duplicate numbers blocked unless
 * `allow_dupplicate` (sic), lead paging as a Laravel paginator, campaign statuses draft → in-progress ⇄ stopped →
 * completed, per-assistant webhooks (enable/disable, post-call and inbound). Choices the docs leave open are
 * marked "ASSUMPTION" so node authors know not to rely on them blindly:
 *  - the duplicate check is per campaign (same `phone_number` in the same campaign), message below;
 *  - validation messages use Laravel's default wording; the top-level message is the first one;
 *  - Add answers 201, list order is by id ascending, `date_from`/`date_to` compare the creation day (UTC);
 *  - starting a campaign that is already in progress (or stopping a stopped one) succeeds and changes nothing.
 *
 * Test helpers: `addAssistant`, `addPhoneNumber`, `addCampaign`, `addLead`, `leadsOf`, and the webhook sender
 * `sendPostCall` / `sendInboundCall` / `completeCall`, which POST to the URL an assistant registered, as WhatTalk does.
 * Fault injection and latency come from `SandboxServer`.
 *
 * Rate limit (off by default; `rateLimit: { perSecond }` or `setRateLimit`): a token bucket of `perSecond` requests
 * a second holding at most `burst` (default `perSecond`, one second's worth), for every request of the API key
 * before authentication, as Laravel's `throttle` middleware does. Beyond it: 429 `{"message":"Too Many Attempts."}`
 * with `Retry-After` in whole seconds (at least 1: the time until the next request is allowed, rounded up) and
 * Laravel's `X-RateLimit-Limit` / `X-RateLimit-Remaining` headers. ASSUMPTION: WhatTalk's real limits are not
 * documented ("429 Too Many Attempts." on some routes); the bucket's shape is a stand-in.
 */
import { json, SandboxHttpError, SandboxServer, type SandboxRequest, type SandboxResponse } from './server';

// ───────────────────────────────────────── types ─────────────────────────────────────────

export type AssistantType = 'outbound' | 'inbound';

export interface WhatTalkAssistant {
	id: number;
	name: string;
	type: AssistantType;
	/** Post-call webhook registered with `enable-webhook`, or null. */
	webhook_url: string | null;
	/** Inbound-call webhook registered with `enable-inbound-webhook`, or null. */
	inbound_webhook_url: string | null;
	/** The number the assistant calls from / answers on (in post-call payloads as `assistant_phone`). */
	phone_number: string;
}

export interface WhatTalkPhoneNumber {
	id: number;
	phone_number: string;
	country_code: string;
	type_label: string;
	is_available: boolean;
}

export type CampaignStatus = 'draft' | 'in-progress' | 'stopped' | 'completed';

export interface WhatTalkCampaign {
	id: number;
	name: string;
	assistant_id: number;
	status: CampaignStatus;
	timezone: string | null;
	allowed_hours_start_time: string;
	allowed_hours_end_time: string;
	allowed_days: string[];
	max_retries: number;
	retry_interval: number;
	max_calls_in_parallel: number;
	retry_on_voicemail: boolean;
	retry_on_goal_incomplete: boolean;
	goal_completion_variable: string | null;
	mark_complete_when_no_leads: boolean;
	phone_number_ids: number[];
	created_at: string;
	updated_at: string;
}

export type LeadStatus =
	| 'created'
	| 'scheduled'
	| 'processing'
	| 'completed'
	| 'rescheduled'
	| 'reached-max-retries'
	| 'blacklisted';

export interface WhatTalkLead {
	id: number;
	campaign_id: number;
	phone_number: string;
	variables: Record<string, unknown>;
	secondary_contacts: Array<{ phone_number: string; variables?: Record<string, unknown> }>;
	status: LeadStatus;
	call_tries: number;
	created_at: string;
	updated_at: string;
}

export interface WhatTalkSandboxOptions {
	/** Port to listen on (127.0.0.1); default 0 = any free port. */
	port?: number;
	/** Accepted Bearer token; default `'whattalk-test-key'`. */
	apiKey?: string;
	/** Persistent latency for every request, ms. */
	latencyMs?: number;
	/** Plan limit: creating more campaigns than this answers 403. Default unlimited. */
	maxCampaigns?: number;
	/** The account `GET /user/me` returns. */
	user?: { name: string; email: string; total_balance: number };
	/** Requests allowed per second (token bucket); beyond them 429 with Retry-After. Default: no limit. */
	rateLimit?: RateLimit;
}

/** A token bucket: `perSecond` requests a second, at most `burst` at once (default `perSecond`). */
export interface RateLimit {
	perSecond: number;
	burst?: number;
}

/** Laravel's throttle answer. */
export const TOO_MANY_ATTEMPTS = 'Too Many Attempts.';

/** What the webhook sender got back from the receiver. */
export interface DeliveryResult {
	url: string;
	status: number;
	body: unknown;
	payload: Record<string, unknown>;
}

export const WHATTALK_DEFAULT_API_KEY = 'whattalk-test-key';

export const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const LEAD_STATUSES: LeadStatus[] = [
	'created',
	'scheduled',
	'processing',
	'completed',
	'rescheduled',
	'reached-max-retries',
	'blacklisted',
];

/** ASSUMPTION: the wording of the duplicate refusal (the docs only say duplicates are blocked). */
export const DUPLICATE_MESSAGE = 'This phone number already exists in this campaign.';

const E164 = /^\+[1-9]\d{6,14}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const SETTABLE_LEAD_STATUSES: LeadStatus[] = ['created', 'completed', 'reached-max-retries'];
const UPDATABLE_LEAD_FIELDS = ['campaign_id', 'phone_number', 'status', 'variables'];

// ───────────────────────────────────────── helpers ─────────────────────────────────────────

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
	return structuredClone(value);
}

function notFound(message: string): SandboxHttpError {
	return new SandboxHttpError(404, { message });
}

/** "max_calls_in_parallel" → "max calls in parallel", as Laravel writes attribute names. */
function attribute(field: string): string {
	return field.replace(/_/g, ' ');
}

/** Collects Laravel-style validation errors; `throwIfAny` answers 422 `{message, errors}`. */
class Validator {
	readonly errors: Record<string, string[]> = {};

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	has(field: string): boolean {
		return field in this.errors;
	}

	required(body: Record<string, unknown>, field: string): boolean {
		const value = body[field];
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			this.add(field, `The ${attribute(field)} field is required.`);
			return false;
		}
		return true;
	}

	integer(body: Record<string, unknown>, field: string, min?: number, max?: number): number | undefined {
		const value = body[field];
		if (value === undefined || value === null) return undefined;
		const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
		if (typeof n !== 'number' || !Number.isInteger(n)) {
			this.add(field, `The ${attribute(field)} field must be an integer.`);
			return undefined;
		}
		if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
			this.add(field, `The ${attribute(field)} field must be between ${min} and ${max}.`);
			return undefined;
		}
		return n;
	}

	boolean(body: Record<string, unknown>, field: string): boolean | undefined {
		const value = body[field];
		if (value === undefined || value === null) return undefined;
		if (value === true || value === false || value === 1 || value === 0 || value === '1' || value === '0') {
			return value === true || value === 1 || value === '1';
		}
		this.add(field, `The ${attribute(field)} field must be true or false.`);
		return undefined;
	}

	phone(value: unknown, field: string): string | undefined {
		if (typeof value !== 'string' || !E164.test(value)) {
			this.add(field, `The ${attribute(field)} field format is invalid.`);
			return undefined;
		}
		return value;
	}

	throwIfAny(): void {
		const fields = Object.keys(this.errors);
		if (fields.length === 0) return;
		const first = this.errors[fields[0]][0];
		const more = fields.reduce((n, f) => n + this.errors[f].length, 0) - 1;
		const message = more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first;
		throw new SandboxHttpError(422, { message, errors: this.errors });
	}
}

function validTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function positiveInt(
	value: string | string[] | undefined,
	name: string,
	fallback: number,
	max?: number,
): number {
	if (value === undefined) return fallback;
	const n = Number(Array.isArray(value) ? value[0] : value);
	if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) {
		const v = new Validator();
		v.add(
			name,
			max ? `The ${attribute(name)} field must be between 1 and ${max}.` : `The ${name} must be at least 1.`,
		);
		v.throwIfAny();
	}
	return n;
}

function queryString(value: string | string[] | undefined): string | undefined {
	const v = Array.isArray(value) ? value[0] : value;
	return v === undefined || v === '' ? undefined : v;
}

/** The rate limiter in front of the API: a token bucket, refilled continuously. */
class TokenBucket {
	private tokens: number;
	private at = Date.now();
	readonly perSecond: number;
	readonly burst: number;

	constructor(limit: RateLimit) {
		if (!(limit.perSecond > 0))
			throw new RangeError(`rateLimit.perSecond must be > 0, got ${limit.perSecond}`);
		this.perSecond = limit.perSecond;
		this.burst = Math.max(1, limit.burst ?? limit.perSecond);
		this.tokens = this.burst;
	}

	/** Takes one token, or answers 429 with the seconds until one is there. */
	take(): SandboxResponse | undefined {
		const now = Date.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
		this.at = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return undefined;
		}
		const seconds = Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
		return json(
			429,
			{ message: TOO_MANY_ATTEMPTS },
			{
				'retry-after': String(seconds),
				'x-ratelimit-limit': String(this.perSecond),
				'x-ratelimit-remaining': '0',
			},
		);
	}
}

// ───────────────────────────────────────── sandbox ─────────────────────────────────────────

export class WhatTalkSandbox extends SandboxServer {
	readonly apiKey: string;
	/** Live state; tests may read and mutate it directly. */
	readonly state = {
		assistants: new Map<number, WhatTalkAssistant>(),
		phoneNumbers: new Map<number, WhatTalkPhoneNumber>(),
		campaigns: new Map<number, WhatTalkCampaign>(),
		leads: new Map<number, WhatTalkLead>(),
		/** Every webhook delivery the sender made, oldest first. */
		deliveries: [] as DeliveryResult[],
	};
	maxCampaigns: number;
	user: { name: string; email: string; total_balance: number };
	private nextId = { assistant: 101, phoneNumber: 7, campaign: 1050, lead: 52311, call: 900001 };
	/** The rate limiter, when on (see `setRateLimit`). */
	private readonly limiter: { bucket?: TokenBucket };

	constructor(options: WhatTalkSandboxOptions = {}) {
		const apiKey = options.apiKey ?? WHATTALK_DEFAULT_API_KEY;
		const limiter: { bucket?: TokenBucket } = {};
		super({
			name: 'whattalk',
			port: options.port,
			latencyMs: options.latencyMs,
			// The rate limiter first (Laravel's `throttle` middleware of the api group), then the key.
			auth: (req) =>
				limiter.bucket?.take() ??
				(req.headers.authorization === `Bearer ${apiKey}`
					? undefined
					: json(401, { message: 'Unauthenticated.' })),
			errorBody: (_status, message) => ({ message }),
		});
		this.limiter = limiter;
		this.setRateLimit(options.rateLimit);
		this.apiKey = apiKey;
		this.maxCampaigns = options.maxCampaigns ?? Number.MAX_SAFE_INTEGER;
		this.user = options.user ?? { name: 'Sandbox User', email: 'sandbox@example.com', total_balance: 125.5 };
		this.registerRoutes();
	}

	/** Base URL to give the node / credential: `${url}/api`. */
	get baseUrl(): string {
		return `${this.url}/api`;
	}

	/** Turns the rate limit on (a full bucket), changes it, or turns it off (undefined). */
	setRateLimit(limit?: RateLimit): this {
		this.limiter.bucket = limit ? new TokenBucket(limit) : undefined;
		return this;
	}

	/** The rate limit in force, if any. */
	get rateLimit(): Required<RateLimit> | undefined {
		const bucket = this.limiter.bucket;
		return bucket && { perSecond: bucket.perSecond, burst: bucket.burst };
	}

	// ── test helpers ──

	addAssistant(partial: Partial<WhatTalkAssistant> = {}): WhatTalkAssistant {
		const id = partial.id ?? this.nextId.assistant++;
		const assistant: WhatTalkAssistant = {
			name: `Assistant ${id}`,
			type: 'outbound',
			webhook_url: null,
			inbound_webhook_url: null,
			phone_number: '+14155550100',
			...partial,
			id,
		};
		this.state.assistants.set(id, assistant);
		return clone(assistant);
	}

	addPhoneNumber(partial: Partial<WhatTalkPhoneNumber> = {}): WhatTalkPhoneNumber {
		const id = partial.id ?? this.nextId.phoneNumber++;
		const number: WhatTalkPhoneNumber = {
			phone_number: `+1415555${String(id).padStart(4, '0')}`,
			country_code: 'US',
			type_label: 'Outbound',
			is_available: true,
			...partial,
			id,
		};
		this.state.phoneNumbers.set(id, number);
		return clone(number);
	}

	addCampaign(partial: Partial<WhatTalkCampaign> & { assistant_id: number }): WhatTalkCampaign {
		const id = partial.id ?? this.nextId.campaign++;
		if (this.state.campaigns.has(id)) throw new Error(`addCampaign: campaign ${id} already exists`);
		const now = new Date().toISOString();
		const campaign: WhatTalkCampaign = {
			name: `Campaign ${id}`,
			status: 'draft',
			timezone: null,
			allowed_hours_start_time: '00:00',
			allowed_hours_end_time: '23:59',
			allowed_days: [...WEEK_DAYS],
			max_retries: 3,
			retry_interval: 60,
			max_calls_in_parallel: 3,
			retry_on_voicemail: false,
			retry_on_goal_incomplete: false,
			goal_completion_variable: null,
			mark_complete_when_no_leads: true,
			phone_number_ids: [],
			created_at: now,
			updated_at: now,
			...partial,
			id,
		};
		this.state.campaigns.set(id, campaign);
		this.nextId.campaign = Math.max(this.nextId.campaign, id + 1);
		return clone(campaign);
	}

	addLead(partial: Partial<WhatTalkLead> & { campaign_id: number; phone_number: string }): WhatTalkLead {
		const id = partial.id ?? this.nextId.lead++;
		const now = new Date().toISOString();
		const lead: WhatTalkLead = {
			variables: {},
			secondary_contacts: [],
			status: 'created',
			call_tries: 0,
			created_at: now,
			updated_at: now,
			...partial,
			id,
		};
		this.state.leads.set(id, lead);
		this.nextId.lead = Math.max(this.nextId.lead, id + 1);
		return clone(lead);
	}

	/** Whether the campaign has a lead with this number (the duplicate check; no copies, so 10,000s stay fast). */
	hasLead(campaignId: number, phone: string): boolean {
		for (const lead of this.state.leads.values()) {
			if (lead.campaign_id === campaignId && lead.phone_number === phone) return true;
		}
		return false;
	}

	/** Copies of a campaign's leads, by id. */
	leadsOf(campaignId: number): WhatTalkLead[] {
		return [...this.state.leads.values()].filter((l) => l.campaign_id === campaignId).map(clone);
	}

	/** The post-call payload WhatTalk sends for a call to `lead` (campaign call) or without a lead. */
	postCallPayload(
		assistantId: number,
		options: { lead?: WhatTalkLead; overrides?: Record<string, unknown> } = {},
	): Record<string, unknown> {
		const assistant = this.assistantEntry(assistantId);
		const { lead } = options;
		const campaign = lead ? this.state.campaigns.get(lead.campaign_id) : undefined;
		const customer = lead?.phone_number ?? '+905551234567';
		const started = new Date(Date.now() - 95_000);
		return {
			id: this.nextId.call++,
			customer_phone: customer,
			assistant_phone: assistant.phone_number,
			duration: 95,
			status: 'completed',
			extracted_variables: { status: true, summary: 'The customer agreed to a demo on Friday.' },
			input_variables: lead ? clone(lead.variables) : { customer_name: 'John' },
			transcript: [
				{ sender: 'bot', timestamp: started.getTime() / 1000, text: 'Hi! Is this a good time?' },
				{ sender: 'human', timestamp: started.getTime() / 1000 + 4, text: 'Yes, go ahead.' },
			],
			formatted_transcript: 'AI: Hi! Is this a good time?\nCustomer: Yes, go ahead.',
			recording_url: 'https://recordings.example.com/call.mp3',
			created_at: started.toISOString(),
			finished_at: new Date().toISOString(),
			transfers: [],
			...(lead
				? {
						lead: {
							id: lead.id,
							phone_number: lead.phone_number,
							variables: clone(lead.variables),
							status: lead.status,
							call_tries: lead.call_tries,
							campaign: campaign ? { id: campaign.id, name: campaign.name, status: campaign.status } : null,
						},
					}
				: {}),
			...options.overrides,
		};
	}

	/**
	 * Delivers a post-call event to the assistant's registered webhook, as WhatTalk does when a call ends.
	 * Throws when the assistant has no webhook.
	 */
	async sendPostCall(
		assistantId: number,
		options: { lead?: WhatTalkLead; overrides?: Record<string, unknown> } = {},
	): Promise<DeliveryResult> {
		const url = this.assistantEntry(assistantId).webhook_url;
		if (!url) throw new Error(`sendPostCall: assistant ${assistantId} has no webhook`);
		return await this.deliver(url, this.postCallPayload(assistantId, options));
	}

	/** Delivers an inbound-call event (before the call is connected) to the assistant's inbound webhook. */
	async sendInboundCall(assistantId: number, customerPhone = '+905551234567'): Promise<DeliveryResult> {
		const assistant = this.assistantEntry(assistantId);
		if (!assistant.inbound_webhook_url)
			throw new Error(`sendInboundCall: assistant ${assistantId} has no inbound webhook`);
		return await this.deliver(assistant.inbound_webhook_url, {
			customer_phone: customerPhone,
			assistant_phone: assistant.phone_number,
			assistant_id: assistant.id,
		});
	}

	/** Simulates the call to a lead: status completed, one more try, and the post-call event to the webhook (if any). */
	async completeCall(
		leadId: number,
		overrides: Record<string, unknown> = {},
	): Promise<DeliveryResult | undefined> {
		const lead = this.state.leads.get(leadId);
		if (!lead) throw new Error(`completeCall: no lead ${leadId}`);
		lead.status = 'completed';
		lead.call_tries += 1;
		lead.updated_at = new Date().toISOString();
		const campaign = this.campaignEntry(lead.campaign_id);
		if (!this.state.assistants.get(campaign.assistant_id)?.webhook_url) return undefined;
		return await this.sendPostCall(campaign.assistant_id, { lead, overrides });
	}

	private async deliver(url: string, payload: Record<string, unknown>): Promise<DeliveryResult> {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(payload),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text
		}
		const result = { url, status: response.status, body, payload };
		this.state.deliveries.push(result);
		return result;
	}

	// ── routes ──

	private registerRoutes(): void {
		this.get('/api/user/me', () => ({ body: clone(this.user) }));
		this.get('/api/user/assistants', () => ({
			body: [...this.state.assistants.values()].map((a) => this.assistantView(a)),
		}));
		this.get('/api/user/assistants/outbound', () => ({
			body: [...this.state.assistants.values()]
				.filter((a) => a.type === 'outbound')
				.map((a) => this.assistantView(a)),
		}));
		this.get('/api/user/assistants/phone-numbers', () => ({
			body: [...this.state.phoneNumbers.values()].map(clone),
		}));
		this.post('/api/user/assistants/enable-webhook', (req) => this.setWebhook(req, 'webhook_url', true));
		this.post('/api/user/assistants/disable-webhook', (req) => this.setWebhook(req, 'webhook_url', false));
		this.post('/api/user/assistants/enable-inbound-webhook', (req) =>
			this.setWebhook(req, 'inbound_webhook_url', true),
		);
		this.post('/api/user/assistants/disable-inbound-webhook', (req) =>
			this.setWebhook(req, 'inbound_webhook_url', false),
		);
		this.post('/api/user/campaign', (req) => this.createCampaign(req));
		this.get('/api/user/campaigns', () => ({ body: [...this.state.campaigns.values()].map(clone) }));
		this.post('/api/user/campaigns/update-status', (req) => this.updateStatus(req));
		this.post('/api/user/lead', (req) => this.createLead(req));
		this.get('/api/user/leads', (req) => this.listLeads(req));
		this.put('/api/user/leads/:id', (req) => this.updateLead(req));
		this.delete('/api/user/leads/:id', (req) => this.deleteLead(req));
	}

	private setWebhook(
		req: SandboxRequest,
		field: 'webhook_url' | 'inbound_webhook_url',
		enable: boolean,
	): SandboxResponse {
		const body = isPlainObject(req.body) ? req.body : {};
		const v = new Validator();
		v.required(body, 'assistant_id');
		const assistantId = v.integer(body, 'assistant_id');
		if (enable && v.required(body, 'webhook_url')) {
			const url = body.webhook_url;
			if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url))
				v.add('webhook_url', 'The webhook url field must be a valid URL.');
		}
		v.throwIfAny();
		const assistant = this.state.assistants.get(assistantId as number);
		if (!assistant) throw notFound('Assistant not found');
		assistant[field] = enable ? String(body.webhook_url) : null;
		const kind = field === 'webhook_url' ? 'Webhook' : 'Inbound webhook';
		return { body: { message: `${kind} ${enable ? 'enabled' : 'disabled'} successfully` } };
	}

	private createCampaign(req: SandboxRequest): SandboxResponse {
		const body = isPlainObject(req.body) ? req.body : {};
		const v = new Validator();
		if (v.required(body, 'name')) {
			if (typeof body.name !== 'string') v.add('name', 'The name field must be a string.');
			else if (body.name.length > 255)
				v.add('name', 'The name field must not be greater than 255 characters.');
		}
		v.required(body, 'assistant_id');
		const assistantId = v.integer(body, 'assistant_id');
		if (body.timezone != null && (typeof body.timezone !== 'string' || !validTimeZone(body.timezone))) {
			v.add('timezone', 'The timezone field must be a valid timezone.');
		}
		for (const field of ['allowed_hours_start_time', 'allowed_hours_end_time']) {
			const value = body[field];
			if (value != null && (typeof value !== 'string' || !HH_MM.test(value))) {
				v.add(field, `The ${attribute(field)} field must match the format H:i.`);
			}
		}
		if (body.allowed_days != null) {
			if (!Array.isArray(body.allowed_days))
				v.add('allowed_days', 'The allowed days field must be an array.');
			else
				body.allowed_days.forEach((day, i) => {
					if (!WEEK_DAYS.includes(String(day)))
						v.add(`allowed_days.${i}`, `The selected allowed_days.${i} is invalid.`);
				});
		}
		const maxRetries = v.integer(body, 'max_retries', 1, 5);
		const retryInterval = v.integer(body, 'retry_interval', 10, 4320);
		const parallel = v.integer(body, 'max_calls_in_parallel', 1, 10);
		const flags = {
			retry_on_voicemail: v.boolean(body, 'retry_on_voicemail'),
			retry_on_goal_incomplete: v.boolean(body, 'retry_on_goal_incomplete'),
			mark_complete_when_no_leads: v.boolean(body, 'mark_complete_when_no_leads'),
		};
		if (body.goal_completion_variable != null && typeof body.goal_completion_variable !== 'string') {
			v.add('goal_completion_variable', 'The goal completion variable field must be a string.');
		}
		const phoneNumberIds: number[] = [];
		if (body.phone_number_ids != null) {
			if (!Array.isArray(body.phone_number_ids))
				v.add('phone_number_ids', 'The phone number ids field must be an array.');
			else
				body.phone_number_ids.forEach((id, i) => {
					if (!this.state.phoneNumbers.has(Number(id)))
						v.add(`phone_number_ids.${i}`, `The selected phone_number_ids.${i} is invalid.`);
					else phoneNumberIds.push(Number(id));
				});
		}
		v.throwIfAny();

		if (this.state.campaigns.size >= this.maxCampaigns) {
			throw new SandboxHttpError(403, {
				message: 'You have reached the maximum number of campaigns allowed by your plan.',
			});
		}
		const assistant = this.state.assistants.get(assistantId as number);
		if (!assistant || assistant.type !== 'outbound') {
			throw notFound('Assistant not found or is not an outbound assistant.');
		}
		const campaign = this.addCampaign({
			name: String(body.name),
			assistant_id: assistant.id,
			timezone: typeof body.timezone === 'string' ? body.timezone : null,
			...(typeof body.allowed_hours_start_time === 'string'
				? { allowed_hours_start_time: body.allowed_hours_start_time }
				: {}),
			...(typeof body.allowed_hours_end_time === 'string'
				? { allowed_hours_end_time: body.allowed_hours_end_time }
				: {}),
			...(Array.isArray(body.allowed_days) ? { allowed_days: body.allowed_days.map(String) } : {}),
			...(maxRetries !== undefined ? { max_retries: maxRetries } : {}),
			...(retryInterval !== undefined ? { retry_interval: retryInterval } : {}),
			...(parallel !== undefined ? { max_calls_in_parallel: parallel } : {}),
			...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)),
			...(typeof body.goal_completion_variable === 'string'
				? { goal_completion_variable: body.goal_completion_variable }
				: {}),
			phone_number_ids: phoneNumberIds,
		});
		return { status: 201, body: { message: 'Campaign created successfully', data: campaign } };
	}

	private updateStatus(req: SandboxRequest): SandboxResponse {
		const body = isPlainObject(req.body) ? req.body : {};
		const v = new Validator();
		v.required(body, 'campaign_id');
		const campaignId = v.integer(body, 'campaign_id');
		if (v.required(body, 'action') && body.action !== 'start' && body.action !== 'stop') {
			v.add('action', 'The selected action is invalid.');
		}
		v.throwIfAny();
		const campaign = this.campaignEntry(campaignId as number);
		campaign.status = body.action === 'start' ? 'in-progress' : 'stopped';
		campaign.updated_at = new Date().toISOString();
		return {
			body: {
				message: `Campaign ${body.action === 'start' ? 'started' : 'stopped'} successfully`,
				success: true,
				data: { campaign_id: campaign.id, status: campaign.status },
			},
		};
	}

	private createLead(req: SandboxRequest): SandboxResponse {
		const body = isPlainObject(req.body) ? req.body : {};
		const v = new Validator();
		const phone = v.required(body, 'phone_number') ? v.phone(body.phone_number, 'phone_number') : undefined;
		if (v.required(body, 'campaign_id')) {
			const id = v.integer(body, 'campaign_id');
			if (id !== undefined && !this.state.campaigns.has(id))
				v.add('campaign_id', 'The selected campaign id is invalid.');
		}
		if (body.variables != null && !isPlainObject(body.variables))
			v.add('variables', 'The variables field must be an array.');
		const allowDuplicate = v.boolean(body, 'allow_dupplicate') ?? false;
		const secondary: WhatTalkLead['secondary_contacts'] = [];
		if (body.secondary_contacts != null) {
			if (!Array.isArray(body.secondary_contacts))
				v.add('secondary_contacts', 'The secondary contacts field must be an array.');
			else
				body.secondary_contacts.forEach((contact, i) => {
					const c = isPlainObject(contact) ? contact : {};
					const number = v.phone(c.phone_number, `secondary_contacts.${i}.phone_number`);
					if (c.variables != null && !isPlainObject(c.variables)) {
						v.add(
							`secondary_contacts.${i}.variables`,
							`The secondary_contacts.${i}.variables field must be an array.`,
						);
					}
					if (number)
						secondary.push({
							phone_number: number,
							...(isPlainObject(c.variables) ? { variables: clone(c.variables) } : {}),
						});
				});
		}
		v.throwIfAny();
		const campaignId = Number(body.campaign_id);
		if (!allowDuplicate && this.hasLead(campaignId, phone as string)) {
			throw new SandboxHttpError(422, {
				message: DUPLICATE_MESSAGE,
				errors: { phone_number: [DUPLICATE_MESSAGE] },
			});
		}
		const lead = this.addLead({
			campaign_id: campaignId,
			phone_number: phone as string,
			variables: isPlainObject(body.variables) ? clone(body.variables) : {},
			secondary_contacts: secondary,
		});
		return { status: 201, body: { message: 'Lead created successfully', data: lead } };
	}

	private listLeads(req: SandboxRequest): SandboxResponse {
		const perPage = positiveInt(req.query.per_page, 'per_page', 15, 100);
		const page = positiveInt(req.query.page, 'page', 1);
		const status = queryString(req.query.status);
		const campaignId = queryString(req.query.campaign_id);
		const phone = queryString(req.query.phone_number);
		const from = queryString(req.query.date_from);
		const to = queryString(req.query.date_to);
		const v = new Validator();
		if (status !== undefined && !LEAD_STATUSES.includes(status as LeadStatus))
			v.add('status', 'The selected status is invalid.');
		if (campaignId !== undefined && !/^\d+$/.test(campaignId))
			v.add('campaign_id', 'The campaign id field must be an integer.');
		for (const [field, value] of [
			['date_from', from],
			['date_to', to],
		] as const) {
			if (value !== undefined && !YMD.test(value))
				v.add(field, `The ${attribute(field)} field must match the format Y-m-d.`);
		}
		v.throwIfAny();
		const rows = [...this.state.leads.values()]
			.filter(
				(l) =>
					(status === undefined || l.status === status) &&
					(campaignId === undefined || l.campaign_id === Number(campaignId)) &&
					(phone === undefined || l.phone_number.includes(phone)) &&
					(from === undefined || l.created_at.slice(0, 10) >= from) &&
					(to === undefined || l.created_at.slice(0, 10) <= to),
			)
			.sort((a, b) => a.id - b.id);
		const total = rows.length;
		const lastPage = Math.max(1, Math.ceil(total / perPage));
		const data = rows.slice((page - 1) * perPage, page * perPage).map(clone);
		const path = `${this.baseUrl}/user/leads`;
		const pageUrl = (n: number) => `${path}?page=${n}`;
		return {
			body: {
				current_page: page,
				data,
				first_page_url: pageUrl(1),
				from: data.length ? (page - 1) * perPage + 1 : null,
				last_page: lastPage,
				last_page_url: pageUrl(lastPage),
				next_page_url: page < lastPage ? pageUrl(page + 1) : null,
				path,
				per_page: perPage,
				prev_page_url: page > 1 ? pageUrl(page - 1) : null,
				to: data.length ? (page - 1) * perPage + data.length : null,
				total,
			},
		};
	}

	private updateLead(req: SandboxRequest): SandboxResponse {
		const lead = this.leadEntry(req.params.id);
		const body = isPlainObject(req.body) ? req.body : {};
		const invalid = Object.keys(body).filter((key) => !UPDATABLE_LEAD_FIELDS.includes(key));
		if (invalid.length) throw new SandboxHttpError(422, { message: `Invalid fields: ${invalid.join(', ')}` });
		const v = new Validator();
		const campaignId = v.integer(body, 'campaign_id');
		if (campaignId !== undefined && !this.state.campaigns.has(campaignId))
			v.add('campaign_id', 'The selected campaign id is invalid.');
		const phone = body.phone_number !== undefined ? v.phone(body.phone_number, 'phone_number') : undefined;
		if (body.status !== undefined && !SETTABLE_LEAD_STATUSES.includes(body.status as LeadStatus)) {
			v.add('status', 'The selected status is invalid.');
		}
		if (body.variables !== undefined && !isPlainObject(body.variables))
			v.add('variables', 'The variables field must be an array.');
		v.throwIfAny();
		if (campaignId !== undefined) lead.campaign_id = campaignId;
		if (phone !== undefined) lead.phone_number = phone;
		if (body.status !== undefined) lead.status = body.status as LeadStatus;
		// Merged, not replaced (documented).
		if (isPlainObject(body.variables)) lead.variables = { ...lead.variables, ...clone(body.variables) };
		lead.updated_at = new Date().toISOString();
		return { body: { message: 'Lead updated successfully' } };
	}

	private deleteLead(req: SandboxRequest): SandboxResponse {
		const lead = this.leadEntry(req.params.id);
		this.state.leads.delete(lead.id);
		return { body: { message: 'Lead deleted successfully' } };
	}

	// ── lookups and views ──

	private assistantEntry(id: number): WhatTalkAssistant {
		const assistant = this.state.assistants.get(id);
		if (!assistant) throw new Error(`no assistant ${id}`);
		return assistant;
	}

	private campaignEntry(id: number): WhatTalkCampaign {
		const campaign = this.state.campaigns.get(id);
		if (!campaign) throw notFound('Campaign not found');
		return campaign;
	}

	private leadEntry(id: string): WhatTalkLead {
		const lead = /^\d+$/.test(id) ? this.state.leads.get(Number(id)) : undefined;
		if (!lead) throw notFound('Lead not found');
		return lead;
	}

	/** Public shape of an assistant: webhook URLs are not listed (the real list does not document them). */
	private assistantView(assistant: WhatTalkAssistant): Record<string, unknown> {
		return {
			id: assistant.id,
			name: assistant.name,
			type: assistant.type,
			phone_number: assistant.phone_number,
		};
	}
}

/** Creates and starts a WhatTalk sandbox. Remember `await sandbox.close()`. */
export async function startWhatTalkSandbox(opts: WhatTalkSandboxOptions = {}): Promise<WhatTalkSandbox> {
	const sandbox = new WhatTalkSandbox(opts);
	await sandbox.start();
	return sandbox;
}
