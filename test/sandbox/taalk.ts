/**
 * Taalk.ai sandbox: the endpoints of /work/shared/providers/taalk.md under base path `/api`, so a node's base URL
 * is `${sandbox.url}/api` (also available as `sandbox.baseUrl`).
 *
 * Faithful to the seed (authoritative) and the provider doc; it enforces nothing they don't say, except what the
 * seed calls invalid (a contact without `name` or `phone` → 400). Choices the docs leave open are marked
 * "ASSUMPTION" below so node authors know not to rely on them blindly:
 *  - error bodies are `{ message }` (the real shape is undocumented), plus `field` / `index` for validation errors;
 *  - phones are keyed by exact string (numbers are stringified); no normalisation between `7047058647` and
 *    `+17047058647`, so a node must remove/update with the same format it appended with;
 *  - a malformed 24-hex id gets 400 `Invalid … id`;
 *  - `GET /campaign2s` pages are 1-based; `limit` (or `pageSize`, seen in a 3p client) defaults to 100, no cap;
 *  - `append` + `remove` in one body: append first, then remove;
 *  - `POST /call` with a new contact for `campaign` stores `name`, `phone` and the `params` fields on the contact.
 */
import { randomBytes } from 'node:crypto';

import { json, SandboxHttpError, SandboxServer, type SandboxRequest, type SandboxResponse } from './server';

// ───────────────────────────────────────── types ─────────────────────────────────────────

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

// ───────────────────────────────────────── helpers ─────────────────────────────────────────

const HEX24 = /^[0-9a-f]{24}$/i;
const FROM_FORMAT = /^\+1\d{10}$/;
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A present, non-empty scalar (string or number). */
function present(value: unknown): boolean {
	if (typeof value === 'string') return value.trim().length > 0;
	return typeof value === 'number' && Number.isFinite(value);
}

function badRequest(message: string, extra: Record<string, unknown> = {}): SandboxHttpError {
	return new SandboxHttpError(400, { message, ...extra });
}

function notFound(message: string): SandboxHttpError {
	return new SandboxHttpError(404, { message });
}

/** Fisher–Yates shuffle of `list[from..]` in place. */
function shuffleTail<T>(list: T[], from: number, random: () => number): void {
	for (let i = list.length - 1; i > from; i--) {
		const j = from + Math.floor(random() * (i - from + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
}

function clone<T>(value: T): T {
	return structuredClone(value);
}

// ───────────────────────────────────────── sandbox ─────────────────────────────────────────

export class TaalkSandbox extends SandboxServer {
	readonly apiKey: string;
	/** Live state; tests may read and mutate it directly. */
	readonly state: TaalkState = { campaigns: new Map(), calls: new Map() };
	private readonly random: () => number;

	constructor(options: TaalkSandboxOptions = {}) {
		const apiKey = options.apiKey ?? TAALK_DEFAULT_API_KEY;
		super({
			name: 'taalk',
			port: options.port,
			latencyMs: options.latencyMs,
			// Bearer auth on every route. The optional `?db=<tenant>` query needs no handling: it is in the log.
			auth: (req) =>
				req.headers.authorization === `Bearer ${apiKey}` ? undefined : json(401, { message: 'Unauthorized' }),
			errorBody: (_status, message) => ({ message }),
		});
		this.apiKey = apiKey;
		this.random = options.random ?? Math.random;
		this.registerRoutes();
	}

	/** Base URL to give the node / credential: `${url}/api`. */
	get baseUrl(): string {
		return `${this.url}/api`;
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

	// ── routes ──

	private registerRoutes(): void {
		this.get('/api/campaign2s', (req) => this.listCampaigns(req));
		this.get('/api/campaign2s/:id', (req) => ({
			body: { payload: this.campaignView(this.campaignEntry(req.params.id)) },
		}));
		this.put('/api/campaign2s/:id', (req) => this.updateCampaign(req));
		this.post('/api/campaign2s/:id/contacts', (req) => this.changeContacts(req));
		this.post('/api/campaign2s/:id/contacts/:key', (req) => this.updateContact(req));
		this.post('/api/call', (req) => this.placeCall(req));
		this.get('/api/calls/:id', (req) => ({ body: this.callView(this.callEntry(req.params.id)) }));
		this.get('/api/calls/:id/recording', (req) => this.recording(req));
		this.get('/api/contacts', (req) => this.findContacts(req));
	}

	/** `GET /campaign2s?page=N&limit=L` → `{ payload, total }`. */
	private listCampaigns(req: SandboxRequest): SandboxResponse {
		const page = positiveInt(req.query.page, 'page', 1);
		const limit = positiveInt(req.query.limit ?? req.query.pageSize, 'limit', 100);
		const all = [...this.state.campaigns.values()];
		const payload = all.slice((page - 1) * limit, page * limit).map((e) => this.campaignView(e));
		return { body: { payload, total: all.length } };
	}

	/** `PUT /campaign2s/:id` e.g. `{ limitPerHour: 0 }` (0 effectively pauses dialing). */
	private updateCampaign(req: SandboxRequest): SandboxResponse {
		const entry = this.campaignEntry(req.params.id);
		const body = req.body ?? {};
		if (!isPlainObject(body)) throw badRequest('Body must be a JSON object');
		if ('limitPerHour' in body) {
			const v = body.limitPerHour;
			if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
				throw badRequest('"limitPerHour" must be a non-negative integer', { field: 'limitPerHour' });
			}
		}
		const { _id, createdAt, contactsCount, ...changes } = body;
		(void _id, void createdAt, void contactsCount); // read-only fields are ignored
		Object.assign(entry.campaign, changes);
		return { body: { payload: this.campaignView(entry) } };
	}

	/** `POST /campaign2s/:id/contacts` with `append` (+ `shuffle`), `remove`, or `shuffle` alone. */
	private changeContacts(req: SandboxRequest): SandboxResponse {
		const entry = this.campaignEntry(req.params.id);
		const body = req.body;
		if (!isPlainObject(body))
			throw badRequest('Body must be a JSON object with "append", "remove" or "shuffle"');
		const { append, remove, shuffle } = body;
		if (append === undefined && remove === undefined && shuffle === undefined) {
			throw badRequest('Body must contain "append", "remove" or "shuffle"');
		}
		if (append !== undefined && !Array.isArray(append))
			throw badRequest('"append" must be an array', { field: 'append' });
		if (remove !== undefined && !Array.isArray(remove))
			throw badRequest('"remove" must be an array', { field: 'remove' });
		if (shuffle !== undefined && typeof shuffle !== 'boolean')
			throw badRequest('"shuffle" must be a boolean', { field: 'shuffle' });

		// Validate everything before changing anything: a 400 leaves the campaign untouched.
		(append ?? []).forEach((contact: unknown, index: number) => {
			if (!isPlainObject(contact)) throw badRequest(`append[${index}] must be an object`, { index });
			for (const field of ['name', 'phone'] as const) {
				if (!present(contact[field])) {
					throw badRequest(`append[${index}].${field} is required`, { field, index });
				}
			}
		});
		(remove ?? []).forEach((key: unknown, index: number) => {
			if (!present(key))
				throw badRequest(`remove[${index}] must be a phone or a contact id`, { field: 'remove', index });
		});

		const change = { inserted: 0, updated: 0, removed: 0 };
		const firstNew = entry.contacts.length;
		// A bulk append looks phones up in an index of the list (the first contact per phone, as a scan finds)
		// rather than scanning the list for every contact; a few contacts are found by scanning.
		const byPhone = new Map<string, TaalkContact>();
		const indexed = (append?.length ?? 0) > 16;
		if (indexed) {
			for (const contact of entry.contacts)
				if (!byPhone.has(contact.phone)) byPhone.set(contact.phone, contact);
		}
		for (const raw of (append ?? []) as Array<Record<string, unknown>>) {
			const { _id, ...fields } = raw;
			void _id; // ids are assigned by the server
			const phone = String(fields.phone).trim();
			const existing = indexed ? byPhone.get(phone) : entry.contacts.find((c) => c.phone === phone);
			if (existing) {
				Object.assign(existing, fields, { phone });
				change.updated++;
			} else {
				const contact: TaalkContact = { ...fields, _id: objectId(), name: String(fields.name), phone };
				entry.contacts.push(contact);
				if (indexed) byPhone.set(phone, contact);
				change.inserted++;
			}
		}
		if (shuffle === true) {
			// With append: only the contacts just inserted; without: the whole list.
			shuffleTail(entry.contacts, append !== undefined ? firstNew : 0, this.random);
		}
		if (remove !== undefined) {
			const keys = new Set((remove as unknown[]).map((k) => String(k).trim()));
			const before = entry.contacts.length;
			entry.contacts = entry.contacts.filter((c) => !keys.has(c.phone) && !keys.has(c._id));
			change.removed = before - entry.contacts.length;
		}
		return { body: { change } };
	}

	/** `POST /campaign2s/:id/contacts/:key` (key = phone or contact id): merges the body into the contact. */
	private updateContact(req: SandboxRequest): SandboxResponse {
		const entry = this.campaignEntry(req.params.id);
		const contact = findContact(entry, req.params.key);
		if (!contact) throw notFound('Contact not found');
		const body = req.body ?? {};
		if (!isPlainObject(body)) throw badRequest('Body must be a JSON object of the fields to set');
		const { _id, ...fields } = body;
		void _id; // the id cannot be changed
		if ('phone' in fields) fields.phone = String(fields.phone).trim();
		Object.assign(contact, fields);
		return { body: { payload: clone(contact) } };
	}

	/** `POST /call`: 200 call queued; 202 when the phone is already a contact of `campaign` (updated, not called). */
	private placeCall(req: SandboxRequest): SandboxResponse {
		const body = req.body;
		if (!isPlainObject(body)) throw badRequest('Body must be a JSON object');
		for (const field of ['name', 'phone'] as const) {
			if (!present(body[field])) throw badRequest(`"${field}" is required`, { field });
		}
		const { from, agent, campaign, retryMethod, params } = body;
		if (from != null && (typeof from !== 'string' || !FROM_FORMAT.test(from))) {
			throw badRequest('"from" must be in the format +1XXXXXXXXXX', { field: 'from' });
		}
		if (agent != null && typeof agent !== 'string')
			throw badRequest('"agent" must be a string', { field: 'agent' });
		if (retryMethod != null && retryMethod !== 0 && retryMethod !== 1 && retryMethod !== 2) {
			throw badRequest('"retryMethod" must be 0, 1 or 2', { field: 'retryMethod' });
		}
		if (params != null && !isPlainObject(params))
			throw badRequest('"params" must be an object', { field: 'params' });
		if (campaign != null && typeof campaign !== 'string')
			throw badRequest('"campaign" must be a campaign id', { field: 'campaign' });

		const name = String(body.name);
		const phone = String(body.phone).trim();
		if (typeof campaign === 'string') {
			const entry = this.campaignEntry(campaign);
			const existing = entry.contacts.find((c) => c.phone === phone);
			if (existing) {
				Object.assign(existing, params ?? {}, { name });
				return {
					status: 202,
					body: {
						message: 'Contact already in campaign; updated, not called',
						contact: clone(existing),
						campaign,
					},
				};
			}
			entry.contacts.push({ ...(params ?? {}), _id: objectId(), name, phone });
		}

		const call: TaalkCall = {
			_id: objectId(),
			status: 'queued',
			amd: null,
			createdAt: new Date().toISOString(),
			messages: [],
			summary: null,
			name,
			phone,
			...(typeof from === 'string' ? { from } : {}),
			...(typeof agent === 'string' ? { agent } : {}),
			...(typeof campaign === 'string' ? { campaign } : {}),
			...(retryMethod != null ? { retryMethod: retryMethod as 0 | 1 | 2 } : {}),
			...(params != null ? { params: clone(params as Record<string, unknown>) } : {}),
			recording: 'none',
		};
		this.state.calls.set(call._id, call);
		return { status: 200, body: this.callView(call) };
	}

	/** `GET /calls/:id/recording`: MP3, 404 none, 425 still processing. */
	private recording(req: SandboxRequest): SandboxResponse {
		const call = this.callEntry(req.params.id);
		if (call.recording === 'none') throw notFound('Recording not found');
		if (call.recording === 'processing') return json(425, { message: 'Recording is still processing' });
		return { status: 200, headers: { 'content-type': 'audio/mpeg' }, raw: call.recording };
	}

	/** `GET /contacts?phone=` → `{ payload: [contacts] }` across campaigns (each copy carries its `campaign` id). */
	private findContacts(req: SandboxRequest): SandboxResponse {
		const phone = typeof req.query.phone === 'string' ? req.query.phone.trim() : undefined;
		const payload: TaalkContact[] = [];
		for (const [campaignId, entry] of this.state.campaigns) {
			for (const c of entry.contacts) {
				if (phone === undefined || c.phone === phone) payload.push({ ...clone(c), campaign: campaignId });
			}
		}
		return { body: { payload } };
	}

	// ── lookups and views ──

	private campaignEntry(id: string): TaalkCampaignEntry {
		if (!HEX24.test(id)) throw badRequest('Invalid campaign id', { field: 'campaign' });
		const entry = this.state.campaigns.get(id);
		if (!entry) throw notFound('Campaign not found');
		return entry;
	}

	private callEntry(id: string): TaalkCall {
		if (!HEX24.test(id)) throw badRequest('Invalid call id');
		const call = this.state.calls.get(id);
		if (!call) throw notFound('Call not found');
		return call;
	}

	private campaignView(entry: TaalkCampaignEntry): TaalkCampaign {
		return { ...clone(entry.campaign), contactsCount: entry.contacts.length };
	}

	/** Public shape of a call (`recording` is served by its own endpoint). */
	private callView(call: TaalkCall): Omit<TaalkCall, 'recording'> {
		const { recording, ...rest } = call;
		void recording;
		return clone(rest);
	}
}

function findContact(entry: TaalkCampaignEntry, key: string): TaalkContact | undefined {
	const k = key.trim();
	return entry.contacts.find((c) => c._id === k || c.phone === k);
}

function positiveInt(value: string | string[] | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(Array.isArray(value) ? value[0] : value);
	if (!Number.isInteger(n) || n < 1)
		throw badRequest(`"${name}" must be a positive integer`, { field: name });
	return n;
}

/** Creates and starts a Taalk sandbox. Remember `await sandbox.close()`. */
export async function startTaalkSandbox(opts: TaalkSandboxOptions = {}): Promise<TaalkSandbox> {
	const sandbox = new TaalkSandbox(opts);
	await sandbox.start();
	return sandbox;
}
