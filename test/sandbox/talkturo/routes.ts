/**
 * Talkturo sandbox, its routes: the HTTP paths of /work/shared/providers/talkturo.md under `/api`, each checking its
 * query and body and answering the documented errors (`{success:false, error}`), then reading or changing the
 * state (state.ts). The [branch] paths are registered only for a current deployment (`branch`).
 */
import { SandboxHttpError, type SandboxRequest, type SandboxResponse, type SandboxServer } from '../server';
import { firstValue, isObject, ProviderRoutes } from '../server/routes';
import {
	CAMPAIGN_STATUSES,
	clone,
	CONTACT_FIELDS,
	DIAL_STATUSES,
	LIVE,
	now,
	TERMINAL,
	type CampaignStatus,
	type DialStatus,
	type TalkturoCampaign,
	type TalkturoContact,
	type TalkturoStore,
} from './state';

const E164 = /^\+[1-9]\d{6,14}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const MAX_PAGE = 100;

function fail(status: number, error: string): SandboxHttpError {
	return new SandboxHttpError(status, { success: false, error });
}

function isZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return !/^[+-]/.test(value);
	} catch {
		return false;
	}
}

function paging(req: SandboxRequest): { limit: number; offset: number } {
	const read = (name: string, fallback: number, min: number) => {
		const raw = firstValue(req.query[name]);
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

/** Registers the Talkturo endpoints on `server`, over `store`. */
export function registerTalkturoRoutes(server: SandboxServer, store: TalkturoStore): void {
	new TalkturoRoutes(server, store).register();
}

class TalkturoRoutes extends ProviderRoutes<TalkturoStore> {
	private get teamId() {
		return this.store.teamId;
	}

	private get branch() {
		return this.store.branch;
	}

	// ── routes ──

	register(): void {
		this.server.get('/api/test-api-key', () => ({
			body: { success: true, message: 'API key is valid', teamId: this.teamId },
		}));
		this.server.get('/api/crm/campaigns', (req) => this.listCampaigns(req));
		this.server.post('/api/crm/campaigns', (req) => this.createCampaign(req));
		this.server.post('/api/crm/campaigns/:id/contacts', (req) => this.addContacts(req));
		this.server.post('/api/crm/campaigns/:id/run', (req) => this.run(req));
		this.server.post('/api/crm/contacts', (req) => this.createContact(req));
		this.server.get('/api/crm/contacts', (req) => this.listContacts(req));
		this.server.get('/api/crm/outbound-assistants', () => ({
			body: {
				success: true,
				assistants: [...this.state.assistants.values()].filter((a) => a.team_id === this.teamId),
			},
		}));
		this.server.get('/api/phone-numbers/purchase', (req) => {
			const teamId = this.team(firstValue(req.query.teamId));
			return {
				body: {
					success: true,
					numbers: [...this.state.numbers.values()].filter((n) => n.team_id === teamId).map(clone),
				},
			};
		});
		if (!this.branch) return;
		this.server.get('/api/crm/campaigns/:id', (req) => this.getCampaign(req));
		this.server.put('/api/crm/campaigns/:id', (req) => this.updateCampaign(req));
		this.server.delete('/api/crm/campaigns/:id', (req) => this.deleteCampaign(req));
		this.server.get('/api/crm/campaigns/:id/contacts', (req) => this.campaignContacts(req));
		this.server.delete('/api/crm/campaigns/:id/contacts', (req) => this.removeContacts(req));
		this.server.get('/api/crm/contacts/:id', (req) => ({
			body: { success: true, contact: clone(this.contactEntry(req.params.id)) },
		}));
		this.server.put('/api/crm/contacts/:id', (req) => this.updateContact(req));
		this.server.delete('/api/crm/contacts/:id', (req) => this.deleteContact(req));
		this.server.get('/api/crm/companies', (req) => {
			const teamId = this.team(firstValue(req.query.teamId));
			const search = firstValue(req.query.search)?.toLowerCase();
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
		const teamId = this.team(firstValue(req.query.teamId));
		const status = firstValue(req.query.status);
		if (status !== undefined && !CAMPAIGN_STATUSES.includes(status as CampaignStatus)) {
			throw fail(400, `status must be one of ${CAMPAIGN_STATUSES.join(', ')}`);
		}
		const deleted = firstValue(req.query.deleted) ?? 'exclude';
		if (!['exclude', 'include', 'only'].includes(deleted))
			throw fail(400, 'deleted must be exclude, include or only');
		const assistantId = firstValue(req.query.assistantId);
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
			all.map((c) => this.store.campaignView(c)),
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
		const campaign = this.store.newCampaign(teamId, {
			assistant_id: '',
			company_id: '',
			from_number: null,
			from_number_ids: [],
			status: typeof body.scheduledStartAt === 'string' && body.scheduledStartAt ? 'scheduled' : 'draft',
		});
		this.applyCampaignFields(campaign, body);
		this.state.campaigns.set(campaign.id, campaign);
		this.state.dialLists.set(campaign.id, []);
		return { status: 201, body: { success: true, campaign: this.store.campaignView(campaign) } };
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
				campaign: this.store.campaignView(campaign),
				contacts: list.slice(0, 100).map((e) => this.store.dialView(e)),
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
		return { body: { success: true, campaign: this.store.campaignView(campaign) } };
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
			const result = this.store.enrol(campaign, id);
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

	private campaignContacts(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaignEntry(req.params.id);
		const status = firstValue(req.query.status);
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
			matching.map((e) => this.store.dialView(e)),
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
			const call = this.store.dial(campaign, entry, contact.phone);
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

	/** Checks the camelCase contact fields of a body, then applies them (nothing changes when one is wrong). */
	private applyContactFields(contact: TalkturoContact, body: Record<string, unknown>): void {
		for (const field of Object.keys(CONTACT_FIELDS)) {
			if (field in body) this.checkContactField(field, body[field], contact.team_id);
		}
		this.store.applyContactFields(contact, body);
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
		const contact = this.store.newContact(this.team(body.teamId));
		this.applyContactFields(contact, body);
		this.state.contacts.set(contact.id, contact);
		return { status: 201, body: clone(contact) };
	}

	private listContacts(req: SandboxRequest): SandboxResponse {
		const teamId = this.team(firstValue(req.query.teamId));
		const flag = (name: string) => {
			const value = firstValue(req.query[name]);
			if (value === undefined) return undefined;
			if (value !== 'true' && value !== 'false') throw fail(400, `${name} must be "true" or "false"`);
			return value === 'true';
		};
		const doNotCall = flag('doNotCall');
		const hasPhone = flag('hasPhone');
		const companyId = firstValue(req.query.companyId);
		const leadStatus = firstValue(req.query.leadStatus);
		const search = firstValue(req.query.search)?.trim().toLowerCase();
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
		const campaign = this.store.findCampaign(id);
		if (!campaign) throw fail(404, 'Campaign not found');
		return campaign;
	}

	private contactEntry(id: string): TalkturoContact {
		const contact = this.store.findContact(id);
		if (!contact) throw fail(404, 'Contact not found');
		return contact;
	}
}
