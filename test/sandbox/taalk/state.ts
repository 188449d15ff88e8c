/**
 * Taalk sandbox, its state: campaigns with their contacts in dialing order, and calls; the seeding operations the
 * tests use, and Taalk's own side of a call (finishing it, posting a call-flow event). No HTTP routes here:
 * routes.ts checks requests and answers the documented errors.
 */
import { randomBytes } from 'node:crypto';

/** A contact as stored: `_id`, `name`, `phone`, then any fields sent (`last_name`, `Taalk_*`, …). */
export interface TaalkContact {
	_id: string;
	name: string;
	phone: string;
	[field: string]: unknown;
}

/** A campaign as stored (no `contactsCount`: it is derived when answering). */
export interface TaalkCampaignData {
	_id: string;
	name: string;
	limitPerHour: number;
	active: boolean;
	createdAt: string;
	[field: string]: unknown;
}

/** A campaign as returned by the API (`contactsCount` is computed from the contact list). */
export interface TaalkCampaign extends TaalkCampaignData {
	contactsCount: number;
}

export interface TaalkCampaignEntry {
	campaign: TaalkCampaignData;
	/** Dialing order. Mutate freely in tests. */
	contacts: TaalkContact[];
}

export interface TaalkMessage {
	role: string;
	content: string;
}

/** A call placed with `POST /call`. */
export interface TaalkCall {
	_id: string;
	/** `queued` when placed; tests move it on with `completeCall()` or by editing `state.calls`. */
	status: string;
	/** Answering-machine detection result; `null` until the call happened. */
	amd: string | null;
	createdAt: string;
	messages: TaalkMessage[];
	summary: string | null;
	name: string;
	phone: string;
	from?: string;
	agent?: string;
	campaign?: string;
	retryMethod?: 0 | 1 | 2;
	params?: Record<string, unknown>;
	/** Recording state for `GET /calls/:id/recording`: none → 404, processing → 425, a Buffer → the MP3. */
	recording: 'none' | 'processing' | Buffer;
}

export interface TaalkState {
	campaigns: Map<string, TaalkCampaignEntry>;
	calls: Map<string, TaalkCall>;
}

export interface TaalkSandboxOptions {
	/** Port to listen on (127.0.0.1); default 0 = any free port. */
	port?: number;
	/** Accepted Bearer token; default `'taalk-test-key'`. */
	apiKey?: string;
	/** Persistent latency for every request, ms. */
	latencyMs?: number;
	/** Random source for shuffles (tests can make them deterministic); default `Math.random`. */
	random?: () => number;
}

/** Fields a test may give `addCampaign`; `contacts` are appended (each gets an `_id` unless given). */
export type TaalkCampaignSeed = Partial<TaalkCampaignData> & {
	contacts?: Array<Partial<TaalkContact> & { name: string; phone: string }>;
};

export const TAALK_DEFAULT_API_KEY = 'taalk-test-key';

export const HEX24 = /^[0-9a-f]{24}$/i;

let objectIdCounter = randomBytes(3).readUIntBE(0, 3);
const objectIdProcess = randomBytes(5).toString('hex');

/** A MongoDB-ObjectId-like 24-hex string: 4-byte time, 5 random bytes (per process), 3-byte counter. */
export function objectId(): string {
	objectIdCounter = (objectIdCounter + 1) % 0xffffff;
	const time = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return time + objectIdProcess + objectIdCounter.toString(16).padStart(6, '0');
}

export function clone<T>(value: T): T {
	return structuredClone(value);
}

/** The data a Taalk sandbox holds. */
export class TaalkStore {
	/** Live state; tests may read and mutate it directly. */
	readonly state: TaalkState = { campaigns: new Map(), calls: new Map() };
	readonly random: () => number;

	constructor(options: TaalkSandboxOptions = {}) {
		this.random = options.random ?? Math.random;
	}

	// ── test helpers ──

	/** Creates a campaign (defaults: generated id, name `Campaign N`, limitPerHour 60, active false). */
	addCampaign(partial: TaalkCampaignSeed = {}): TaalkCampaign {
		const { contacts = [], ...fields } = partial;
		const _id = fields._id ?? objectId();
		if (!HEX24.test(_id)) throw new Error(`addCampaign: _id must be 24 hex characters, got ${_id}`);
		if (this.state.campaigns.has(_id)) throw new Error(`addCampaign: campaign ${_id} already exists`);
		const campaign: TaalkCampaignData = {
			...fields,
			_id,
			name: fields.name ?? `Campaign ${this.state.campaigns.size + 1}`,
			limitPerHour: fields.limitPerHour ?? 60,
			active: fields.active ?? false,
			createdAt: fields.createdAt ?? new Date().toISOString(),
		};
		const entry: TaalkCampaignEntry = { campaign, contacts: [] };
		for (const c of contacts) entry.contacts.push({ ...c, _id: c._id ?? objectId(), phone: String(c.phone) });
		this.state.campaigns.set(_id, entry);
		return this.campaignView(entry);
	}

	/** Copy of a campaign's contacts, in dialing order. Throws for an unknown campaign. */
	contacts(campaignId: string): TaalkContact[] {
		const entry = this.state.campaigns.get(campaignId);
		if (!entry) throw new Error(`contacts: no campaign ${campaignId}`);
		return clone(entry.contacts);
	}

	/** Marks a call as finished with a transcript, summary and recording (overridable through `patch`). */
	completeCall(callId: string, patch: Partial<Omit<TaalkCall, '_id'>> = {}): TaalkCall {
		const call = this.state.calls.get(callId);
		if (!call) throw new Error(`completeCall: no call ${callId}`);
		Object.assign(
			call,
			{
				status: 'completed',
				amd: 'human',
				messages: [
					{ role: 'assistant', content: `Hi ${call.name}, this is Taalk calling.` },
					{ role: 'user', content: 'Hello, yes, go ahead.' },
				],
				summary: `Spoke with ${call.name}.`,
				// Minimal bytes with an ID3 header: enough to be recognisable as an MP3 payload.
				recording: Buffer.from('ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000', 'binary'),
			},
			patch,
		);
		return call;
	}

	/**
	 * Posts an event as a campaign's call-flow rule with a webhook action does: the event as JSON to the URL pasted
	 * into the rule (Taalk has no API to register one), with `?token=<token>` appended when a token is given.
	 */
	async postCallFlowEvent(
		url: string,
		event: Record<string, unknown>,
		options: { token?: string } = {},
	): Promise<{ url: string; status: number; body: string }> {
		const target = options.token === undefined ? url : `${url}?token=${encodeURIComponent(options.token)}`;
		const response = await fetch(target, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(event),
		});
		return { url: target, status: response.status, body: await response.text() };
	}

	campaignView(entry: TaalkCampaignEntry): TaalkCampaign {
		return { ...clone(entry.campaign), contactsCount: entry.contacts.length };
	}

	/** Public shape of a call (`recording` is served by its own endpoint). */
	callView(call: TaalkCall): Omit<TaalkCall, 'recording'> {
		const { recording, ...rest } = call;
		void recording;
		return clone(rest);
	}
}
