/**
 * WhatTalk sandbox, its state: assistants, caller-ID numbers, campaigns, leads and the webhook deliveries made, the
 * seeding operations the tests use, and WhatTalk's own side of a call (the post-call and inbound-call events it
 * posts to the URL an assistant registered). No HTTP routes here: routes.ts checks requests and answers the
 * documented errors.
 */
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

export function clone<T>(value: T): T {
	return structuredClone(value);
}

/** The data a WhatTalk sandbox holds for the API key's account. */
export class WhatTalkStore {
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
	nextId = { assistant: 101, phoneNumber: 7, campaign: 1050, lead: 52311, call: 900001 };

	constructor(options: WhatTalkSandboxOptions = {}) {
		this.maxCampaigns = options.maxCampaigns ?? Number.MAX_SAFE_INTEGER;
		this.user = options.user ?? { name: 'Sandbox User', email: 'sandbox@example.com', total_balance: 125.5 };
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
		const campaign = this.state.campaigns.get(lead.campaign_id);
		if (!campaign) throw new Error(`completeCall: no campaign ${lead.campaign_id}`);
		if (!this.state.assistants.get(campaign.assistant_id)?.webhook_url) return undefined;
		return await this.sendPostCall(campaign.assistant_id, { lead, overrides });
	}

	async deliver(url: string, payload: Record<string, unknown>): Promise<DeliveryResult> {
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

	// ── lookups and views ──

	assistantEntry(id: number): WhatTalkAssistant {
		const assistant = this.state.assistants.get(id);
		if (!assistant) throw new Error(`no assistant ${id}`);
		return assistant;
	}
}
