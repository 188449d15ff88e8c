/**
 * Taalk sandbox, its routes: the paths of /work/shared/providers/taalk.md under `/api`, each checking its body
 * (`{message, field?, index?}` errors) and changing or reading the state (state.ts).
 */
import {
	json,
	SandboxHttpError,
	type SandboxRequest,
	type SandboxResponse,
	type SandboxServer,
} from '../server';
import { isObject, ProviderRoutes } from '../server/routes';
import {
	clone,
	HEX24,
	objectId,
	type TaalkCall,
	type TaalkCampaignEntry,
	type TaalkContact,
	type TaalkStore,
} from './state';

const FROM_FORMAT = /^\+1\d{10}$/;
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

/** Registers the Taalk endpoints on `server`, over `store`. */
export function registerTaalkRoutes(server: SandboxServer, store: TaalkStore): void {
	new TaalkRoutes(server, store).register();
}

class TaalkRoutes extends ProviderRoutes<TaalkStore> {
	// ── routes ──

	register(): void {
		this.server.get('/api/campaign2s', (req) => this.listCampaigns(req));
		this.server.get('/api/campaign2s/:id', (req) => ({
			body: { payload: this.store.campaignView(this.campaignEntry(req.params.id)) },
		}));
		this.server.put('/api/campaign2s/:id', (req) => this.updateCampaign(req));
		this.server.post('/api/campaign2s/:id/contacts', (req) => this.changeContacts(req));
		this.server.post('/api/campaign2s/:id/contacts/:key', (req) => this.updateContact(req));
		this.server.post('/api/call', (req) => this.placeCall(req));
		this.server.get('/api/calls/:id', (req) => ({
			body: this.store.callView(this.callEntry(req.params.id)),
		}));
		this.server.get('/api/calls/:id/recording', (req) => this.recording(req));
		this.server.get('/api/contacts', (req) => this.findContacts(req));
	}

	/** `GET /campaign2s?page=N&limit=L` → `{ payload, total }`. */
	private listCampaigns(req: SandboxRequest): SandboxResponse {
		const page = positiveInt(req.query.page, 'page', 1);
		const limit = positiveInt(req.query.limit ?? req.query.pageSize, 'limit', 100);
		const all = [...this.state.campaigns.values()];
		const payload = all.slice((page - 1) * limit, page * limit).map((e) => this.store.campaignView(e));
		return { body: { payload, total: all.length } };
	}

	/** `PUT /campaign2s/:id` e.g. `{ limitPerHour: 0 }` (0 effectively pauses dialing). */
	private updateCampaign(req: SandboxRequest): SandboxResponse {
		const entry = this.campaignEntry(req.params.id);
		const body = req.body ?? {};
		if (!isObject(body)) throw badRequest('Body must be a JSON object');
		if ('limitPerHour' in body) {
			const v = body.limitPerHour;
			if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
				throw badRequest('"limitPerHour" must be a non-negative integer', { field: 'limitPerHour' });
			}
		}
		const { _id, createdAt, contactsCount, ...changes } = body;
		(void _id, void createdAt, void contactsCount); // read-only fields are ignored
		Object.assign(entry.campaign, changes);
		return { body: { payload: this.store.campaignView(entry) } };
	}

	/** `POST /campaign2s/:id/contacts` with `append` (+ `shuffle`), `remove`, or `shuffle` alone. */
	private changeContacts(req: SandboxRequest): SandboxResponse {
		const entry = this.campaignEntry(req.params.id);
		const body = req.body;
		if (!isObject(body)) throw badRequest('Body must be a JSON object with "append", "remove" or "shuffle"');
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
			if (!isObject(contact)) throw badRequest(`append[${index}] must be an object`, { index });
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
			shuffleTail(entry.contacts, append !== undefined ? firstNew : 0, this.store.random);
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
		if (!isObject(body)) throw badRequest('Body must be a JSON object of the fields to set');
		const { _id, ...fields } = body;
		void _id; // the id cannot be changed
		if ('phone' in fields) fields.phone = String(fields.phone).trim();
		Object.assign(contact, fields);
		return { body: { payload: clone(contact) } };
	}

	/** `POST /call`: 200 call queued; 202 when the phone is already a contact of `campaign` (updated, not called). */
	private placeCall(req: SandboxRequest): SandboxResponse {
		const body = req.body;
		if (!isObject(body)) throw badRequest('Body must be a JSON object');
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
		if (params != null && !isObject(params))
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
		return { status: 200, body: this.store.callView(call) };
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
}
