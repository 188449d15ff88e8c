/**
 * Talkturo sandbox, its state: the team's assistants, caller-ID numbers, companies, campaigns, contacts, dial lists,
 * calls and credits, and the operations on them that the routes and the tests share (enrolling a contact, placing
 * and ending a call, the views the API answers with). No HTTP here: the routes (routes.ts) check requests and
 * answer the documented errors.
 */
import { randomBytes } from 'node:crypto';

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

export const CAMPAIGN_STATUSES: CampaignStatus[] = [
	'draft',
	'scheduled',
	'running',
	'paused',
	'completed',
	'cancelled',
];
export const DIAL_STATUSES: DialStatus[] = ['pending', 'queued', 'calling', 'completed', 'skipped', 'failed'];
export const TERMINAL: CampaignStatus[] = ['completed', 'cancelled'];
export const LIVE: DialStatus[] = ['pending', 'queued', 'calling'];

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** `prefix_01j…` ids like the docs' examples. */
export function talkturoId(prefix: string): string {
	const bytes = randomBytes(23);
	return `${prefix}_01j${Array.from(bytes, (b) => ALPHABET[b % 32]).join('')}`;
}

export function now(): string {
	return new Date().toISOString();
}

export const clone = <T>(value: T): T => structuredClone(value);

/** camelCase body field → snake_case stored field, for the fields contacts and campaigns share with the API. */
export const CONTACT_FIELDS: Record<string, keyof TalkturoContact> = {
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

/** The data a Talkturo sandbox holds for the key's team. */
export class TalkturoStore {
	readonly teamId: string;
	readonly branch: boolean;
	readonly state: TalkturoState;

	constructor(options: TalkturoSandboxOptions = {}) {
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
	}

	// ── test helpers ──

	seedFixtures(): void {
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
		this.applyContactFields(contact, fields);
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
	newCampaign(teamId: string, fields: Partial<TalkturoCampaign>): TalkturoCampaign {
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
		const campaign = this.findCampaign(campaignId);
		const entry = campaign && this.state.dialLists.get(campaign.id)?.find((e) => e.contact_id === contactId);
		const phone = this.state.contacts.get(contactId)?.phone;
		if (!campaign || !entry || !phone)
			throw new Error(`placeCall: ${contactId} is not a callable contact of ${campaignId}`);
		return clone(this.dial(campaign, entry, phone));
	}

	/** A new call to a dial-list entry: stored, the entry calling, the campaign's count up. */
	dial(campaign: TalkturoCampaign, entry: CampaignContact, phone: string): TalkturoCall {
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

	/** Puts a contact on the dial list: do-not-call ones as skipped, ones already on it not again. */
	enrol(campaign: TalkturoCampaign, contactId: string): 'added' | 'skipped' {
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

	// ── contacts ──

	newContact(teamId: string): TalkturoContact {
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

	/** Applies camelCase contact fields (unknown fields are ignored, as JSON APIs do); the routes check them first. */
	applyContactFields(contact: TalkturoContact, body: Record<string, unknown>): void {
		const next = { ...contact } as unknown as Record<string, unknown>;
		for (const [field, key] of Object.entries(CONTACT_FIELDS)) {
			if (field in body) next[key] = body[field] === undefined ? null : clone(body[field]);
		}
		Object.assign(contact, next, { updated_at: now() });
	}

	/** A campaign of the key's team that is not deleted. */
	findCampaign(id: string): TalkturoCampaign | undefined {
		const campaign = this.state.campaigns.get(id);
		return campaign && campaign.team_id === this.teamId && !campaign.deleted_at ? campaign : undefined;
	}

	/** A contact of the key's team. */
	findContact(id: string): TalkturoContact | undefined {
		const contact = this.state.contacts.get(id);
		return contact?.team_id === this.teamId ? contact : undefined;
	}

	campaignView(campaign: TalkturoCampaign): TalkturoCampaign {
		return { ...clone(campaign), total_contacts: this.state.dialLists.get(campaign.id)?.length ?? 0 };
	}

	dialView(entry: CampaignContact): Record<string, unknown> {
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
