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
import { json, SandboxServer } from '../server';
import { registerWhatTalkRoutes, TokenBucket } from './routes';
import {
	WHATTALK_DEFAULT_API_KEY,
	WhatTalkStore,
	type DeliveryResult,
	type RateLimit,
	type WhatTalkAssistant,
	type WhatTalkCampaign,
	type WhatTalkLead,
	type WhatTalkPhoneNumber,
	type WhatTalkSandboxOptions,
} from './state';

export {
	DUPLICATE_MESSAGE,
	LEAD_STATUSES,
	TOO_MANY_ATTEMPTS,
	WEEK_DAYS,
	WHATTALK_DEFAULT_API_KEY,
	WhatTalkStore,
	type AssistantType,
	type CampaignStatus,
	type DeliveryResult,
	type LeadStatus,
	type RateLimit,
	type WhatTalkAssistant,
	type WhatTalkCampaign,
	type WhatTalkLead,
	type WhatTalkPhoneNumber,
	type WhatTalkSandboxOptions,
} from './state';

export class WhatTalkSandbox extends SandboxServer {
	readonly apiKey: string;
	/** Live state; tests may read and mutate it directly. */
	readonly state: WhatTalkStore['state'];
	/** The data and WhatTalk's side of a call (state.ts); the routes (routes.ts) work on it. */
	readonly store: WhatTalkStore;
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
		this.store = new WhatTalkStore(options);
		this.state = this.store.state;
		registerWhatTalkRoutes(this, this.store);
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

	/** Plan limit: creating more campaigns than this answers 403. */
	get maxCampaigns(): number {
		return this.store.maxCampaigns;
	}
	set maxCampaigns(limit: number) {
		this.store.maxCampaigns = limit;
	}

	/** The account `GET /user/me` returns. */
	get user(): { name: string; email: string; total_balance: number } {
		return this.store.user;
	}
	set user(user: { name: string; email: string; total_balance: number }) {
		this.store.user = user;
	}

	// ── test helpers (state.ts has what they do) ──

	addAssistant(partial: Partial<WhatTalkAssistant> = {}): WhatTalkAssistant {
		return this.store.addAssistant(partial);
	}
	addPhoneNumber(partial: Partial<WhatTalkPhoneNumber> = {}): WhatTalkPhoneNumber {
		return this.store.addPhoneNumber(partial);
	}
	addCampaign(partial: Partial<WhatTalkCampaign> & { assistant_id: number }): WhatTalkCampaign {
		return this.store.addCampaign(partial);
	}
	addLead(partial: Partial<WhatTalkLead> & { campaign_id: number; phone_number: string }): WhatTalkLead {
		return this.store.addLead(partial);
	}
	hasLead(campaignId: number, phone: string): boolean {
		return this.store.hasLead(campaignId, phone);
	}
	leadsOf(campaignId: number): WhatTalkLead[] {
		return this.store.leadsOf(campaignId);
	}
	postCallPayload(
		assistantId: number,
		options: { lead?: WhatTalkLead; overrides?: Record<string, unknown> } = {},
	): Record<string, unknown> {
		return this.store.postCallPayload(assistantId, options);
	}
	async sendPostCall(
		assistantId: number,
		options: { lead?: WhatTalkLead; overrides?: Record<string, unknown> } = {},
	): Promise<DeliveryResult> {
		return await this.store.sendPostCall(assistantId, options);
	}
	async sendInboundCall(assistantId: number, customerPhone?: string): Promise<DeliveryResult> {
		return await this.store.sendInboundCall(assistantId, customerPhone);
	}
	async completeCall(
		leadId: number,
		overrides: Record<string, unknown> = {},
	): Promise<DeliveryResult | undefined> {
		return await this.store.completeCall(leadId, overrides);
	}
}

/** Creates and starts a WhatTalk sandbox. Remember `await sandbox.close()`. */
export async function startWhatTalkSandbox(opts: WhatTalkSandboxOptions = {}): Promise<WhatTalkSandbox> {
	const sandbox = new WhatTalkSandbox(opts);
	await sandbox.start();
	return sandbox;
}
