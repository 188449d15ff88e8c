/**
 * Talkdesk sandbox, its routes: the OAuth2 token endpoint, the bearer-token and scope checks, and the Campaign
 * Management paths of /work/shared/providers/talkdesk.md, each checking its body and answering the documented
 * errors (`{code, message, fields?}`), HAL paging, over the state (state.ts).
 */
import { randomUUID } from 'node:crypto';

import {
	json,
	SandboxHttpError,
	type SandboxRequest,
	type SandboxResponse,
	type SandboxServer,
} from '../server';
import { firstValue, isObject, knownTimeZone, ProviderRoutes } from '../server/routes';
import type {
	TalkdeskCampaign,
	TalkdeskDncEntry,
	TalkdeskDncList,
	TalkdeskRecord,
	TalkdeskRecordList,
	TalkdeskStore,
} from './state';

const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_TYPES = ['HOME', 'OFFICE', 'MOBILE', 'EXTRA_1', 'EXTRA_2', 'EXTRA_3'];
const TIME_UNITS = ['SECONDS', 'MINUTES', 'HOURS', 'DAYS'];
const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const ORDERABLE = ['created_at', 'name', 'dialing_mode', 'priority'];

function apiError(
	status: number,
	code: string,
	message: string,
	fields?: Array<{ name: string; description: string }>,
): SandboxHttpError {
	return new SandboxHttpError(status, fields ? { code, message, fields } : { code, message });
}

function intIn(value: unknown, min: number, max: number): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The sandbox's `auth`: a live bearer token issued by the token endpoint (which itself needs none). */
export function checkTalkdeskToken(store: TalkdeskStore, req: SandboxRequest): SandboxResponse | undefined {
	if (req.path === '/oauth/token') return undefined;
	const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
	const token = match ? store.tokens.get(match[1]) : undefined;
	if (!token) return json(401, { code: 'unauthorized', message: 'Missing or invalid access token' });
	if (Date.now() >= token.expiresAt) {
		return json(401, { code: 'token_expired', message: 'The access token expired' });
	}
	return undefined;
}

/** Registers the Talkdesk endpoints on `server`, over `store`. */
export function registerTalkdeskRoutes(server: SandboxServer, store: TalkdeskStore): void {
	new TalkdeskRoutes(server, store).register();
}

class TalkdeskRoutes extends ProviderRoutes<TalkdeskStore> {
	private get url() {
		return this.server.url;
	}

	// ── auth ──

	/** Throws 403 unless the request's token carries `scope`. */
	private needScope(req: SandboxRequest, scope: string): void {
		const token = this.store.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
		if (!token?.scopes.includes(scope)) {
			throw apiError(403, 'forbidden', `Forbidden: the access token lacks the scope ${scope}`);
		}
	}

	private issueToken(req: SandboxRequest): SandboxResponse {
		const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
		const [id, secret] = basic
			? Buffer.from(basic[1], 'base64').toString('utf8').split(/:(.*)/s, 2)
			: [undefined, undefined];
		if (id !== this.store.clientId || secret !== this.store.clientSecret) {
			return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
		}
		const form = isObject(req.body) ? req.body : {};
		if (firstValue(form.grant_type as string | string[]) !== 'client_credentials') {
			return json(400, {
				error: 'unsupported_grant_type',
				error_description: 'Only client_credentials is supported',
			});
		}
		const asked = (firstValue(form.scope as string | string[]) ?? '').split(' ').filter(Boolean);
		const refused = asked.filter((scope) => !this.store.allowedScopes.includes(scope));
		if (refused.length) {
			return json(400, {
				error: 'invalid_scope',
				error_description: `Scope not allowed for this client: ${refused.join(' ')}`,
			});
		}
		const scopes = asked.length ? asked : [...this.store.allowedScopes];
		const accessToken = this.store.issueToken(scopes);
		return json(200, {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: this.store.tokenTtlSeconds,
			scope: scopes.join(' '),
		});
	}

	// ── routes ──

	register(): void {
		this.server.post('/oauth/token', (req) => this.issueToken(req));

		this.server.get('/campaigns', (req) => {
			this.needScope(req, 'campaigns:read');
			return this.listCampaigns(req);
		});
		this.server.post('/campaigns', (req) => {
			this.needScope(req, 'campaigns:read');
			this.needScope(req, 'campaigns:write');
			return this.createCampaign(req);
		});
		this.server.get('/campaigns/:id', (req) => {
			this.needScope(req, 'campaigns:read');
			return { body: this.campaignView(this.campaign(req.params.id)) };
		});
		this.server.patch('/campaigns/:id', (req) => {
			this.needScope(req, 'campaigns:write');
			return this.patchCampaign(req);
		});
		this.server.delete('/campaigns/:id', (req) => {
			this.needScope(req, 'campaigns:write');
			this.campaign(req.params.id);
			this.state.campaigns.delete(req.params.id);
			return { status: 204 };
		});
		for (const [segment, map, lists] of [
			['record-lists', this.state.campaignRecordLists, this.state.recordLists],
			['do-not-call-lists', this.state.campaignDncLists, this.state.dncLists],
		] as const) {
			this.server.get(`/campaigns/:id/${segment}`, (req) => {
				this.needScope(req, 'campaigns:read');
				return this.attached(req, segment, map, lists);
			});
			this.server.post(`/campaigns/:id/${segment}`, (req) => {
				this.needScope(req, 'campaigns:write');
				return this.attach(req, segment, map, lists, true);
			});
			this.server.delete(`/campaigns/:id/${segment}`, (req) => {
				this.needScope(req, 'campaigns:write');
				return this.attach(req, segment, map, lists, false);
			});
		}

		this.server.post('/record-lists', (req) => {
			this.needScope(req, 'record-lists:manage');
			const name = isObject(req.body) ? req.body.name : undefined;
			if (typeof name !== 'string' || name.trim() === '') {
				throw apiError(400, 'invalid_field', 'Invalid record list', [
					{ name: 'name', description: 'must not be blank' },
				]);
			}
			const { records, ...view } = this.store.addRecordList({ name });
			return { status: 201, body: { ...view, total_records: records.length } };
		});
		this.server.get('/record-lists', (req) => {
			this.needScope(req, 'record-lists:manage');
			const name = firstValue(req.query.name);
			const all = [...this.state.recordLists.values()]
				.filter((list) => !name || list.name.toLowerCase().includes(name.toLowerCase()))
				.map((list) => this.recordListView(list));
			return this.page(req, all, 'record_lists');
		});
		this.server.get('/record-lists/:id', (req) => {
			this.needScope(req, 'record-lists:manage');
			return { body: this.recordListView(this.recordList(req.params.id)) };
		});
		this.server.post('/record-lists/:id/records/bulks', (req) => {
			this.needScope(req, 'record-lists:manage');
			return this.bulkAppend(req);
		});
		this.server.delete('/record-lists/:id/records/bulks', (req) => {
			this.needScope(req, 'record-lists:manage');
			return this.bulkDelete(req);
		});
		this.server.patch('/record-lists/:id/records/:recordId', (req) => {
			this.needScope(req, 'record-lists:manage');
			return this.patchRecord(req);
		});
		this.server.get('/record-lists/:id/records', (req) => {
			this.needScope(req, 'record-lists:manage');
			return this.listRecords(req);
		});

		this.server.get('/do-not-call-lists', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			const name = firstValue(req.query.name);
			const all = [...this.state.dncLists.values()]
				.filter((list) => !name || list.name.toLowerCase().includes(name.toLowerCase()))
				.map(({ entries, ...list }) => ({ ...list, total_entries: entries.length }));
			return this.page(req, all, 'do_not_call_lists');
		});
		this.server.get('/do-not-call-lists/:id', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			const { entries, ...list } = this.dncList(req.params.id);
			return { body: { ...list, total_entries: entries.length } };
		});
		this.server.post('/do-not-call-lists/:id/entries', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			return this.addDncEntry(req);
		});
		this.server.get('/do-not-call-lists/:id/entries', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			const phone = firstValue(req.query.phone_number);
			const entries = this.dncList(req.params.id).entries.filter((e) => !phone || e.phone_number === phone);
			return this.page(req, entries, 'entries');
		});
		this.server.delete('/do-not-call-lists/:id/entries', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			const list = this.dncList(req.params.id);
			if (!Array.isArray(req.body)) throw apiError(400, 'invalid_body', 'Body must be an array of {id}');
			const ids = new Set(req.body.map((entry) => (isObject(entry) ? entry.id : undefined)));
			const before = list.entries.length;
			list.entries = list.entries.filter((entry) => !ids.has(entry.id));
			return { body: { total_deleted: before - list.entries.length } };
		});
		this.server.post('/do-not-call-lists/:id/entries/queries', (req) => {
			this.needScope(req, 'do-not-call-lists:manage');
			const list = this.dncList(req.params.id);
			const asked = isObject(req.body) && Array.isArray(req.body.phone_numbers) ? req.body.phone_numbers : [];
			const phones = new Set(asked.map((entry) => (isObject(entry) ? entry.phone_number : undefined)));
			const entries = list.entries.filter((entry) => phones.has(entry.phone_number));
			return { body: { total: entries.length, _embedded: { entries } } };
		});
	}

	// ── campaigns ──

	private campaign(id: string): TalkdeskCampaign {
		const campaign = this.state.campaigns.get(id);
		if (!campaign) throw apiError(404, 'not_found', `Campaign ${id} not found`);
		return campaign;
	}

	private campaignView(campaign: TalkdeskCampaign): Record<string, unknown> {
		return {
			...structuredClone(campaign),
			_links: {
				self: { href: `${this.url}/campaigns/${campaign.id}` },
				campaigns: { href: `${this.url}/campaigns` },
			},
		};
	}

	private listCampaigns(req: SandboxRequest): SandboxResponse {
		const q = (key: string) => firstValue(req.query[key]);
		const name = q('name');
		const search = q('search')?.toLowerCase();
		const status = q('status');
		if (status && !/^(incomplete|ready|running|paused)$/.test(status)) {
			throw apiError(400, 'invalid_field', 'Invalid filter', [
				{ name: 'status', description: 'must be one of incomplete, ready, running, paused (lower case)' },
			]);
		}
		const mode = q('dialing_mode');
		const priority = q('priority');
		let all = [...this.state.campaigns.values()].filter(
			(c) =>
				(!name || c.name === name) &&
				(!search || c.name.toLowerCase().includes(search)) &&
				(!status || c.status.toLowerCase() === status) &&
				(!mode || c.dialing_mode === mode) &&
				(!priority || String(c.priority) === priority),
		);
		const order = q('order_by');
		if (order) {
			const [field, direction = 'asc'] = order.split(':');
			if (!ORDERABLE.includes(field) || !['asc', 'desc'].includes(direction)) {
				throw apiError(400, 'invalid_field', 'Invalid filter', [
					{ name: 'order_by', description: `${order} is not supported` },
				]);
			}
			all = [...all].sort((a, b) => {
				const [x, y] = [a[field] as string | number, b[field] as string | number];
				const cmp = x < y ? -1 : x > y ? 1 : 0;
				return direction === 'desc' ? -cmp : cmp;
			});
		}
		const view = all.map((c) => {
			const { id, name: n, dialing_mode, priority: p, run_once, action_required, status: s, created_at } = c;
			return { id, name: n, dialing_mode, priority: p, run_once, action_required, status: s, created_at };
		});
		return this.page(req, view, 'campaigns');
	}

	private createCampaign(req: SandboxRequest): SandboxResponse {
		const body = isObject(req.body) ? req.body : {};
		const fields: Array<{ name: string; description: string }> = [];
		const bad = (name: string, description: string) => fields.push({ name, description });
		const name = body.name;
		if (typeof name !== 'string' || name.length < 3 || name.length > 35) {
			bad('name', 'size must be between 3 and 35');
		}
		if (body.dialing_mode !== undefined && !['PREDICTIVE', 'PREVIEW'].includes(body.dialing_mode as string)) {
			bad('dialing_mode', 'must be PREDICTIVE or PREVIEW');
		}
		if (body.priority !== undefined && !intIn(body.priority, 1, 10))
			bad('priority', 'must be between 1 and 10');
		const strategy = isObject(body.dialing_strategy) ? body.dialing_strategy : undefined;
		if (!strategy) {
			bad('dialing_strategy', 'must not be null');
		} else {
			if (!intIn(strategy.max_attempts, 1, 100))
				bad('dialing_strategy.max_attempts', 'must be between 1 and 100');
			if (!intIn(strategy.retry_period, 1, 2_592_000)) {
				bad('dialing_strategy.retry_period', 'must be between 1 and 2592000');
			}
			if (!TIME_UNITS.includes(strategy.retry_time_unit as string)) {
				bad('dialing_strategy.retry_time_unit', 'must be SECONDS, MINUTES, HOURS or DAYS');
			}
			const hours = strategy.calling_hours;
			if (!Array.isArray(hours) || hours.length === 0) {
				bad('dialing_strategy.calling_hours', 'must not be empty');
			} else {
				hours.forEach((rule, i) => {
					const ok =
						isObject(rule) &&
						typeof rule.from === 'string' &&
						typeof rule.to === 'string' &&
						Array.isArray(rule.week_days) &&
						rule.week_days.length > 0 &&
						rule.week_days.every((d) => WEEK_DAYS.includes(d as string));
					if (!ok) bad(`dialing_strategy.calling_hours[${i}]`, 'needs from, to and week_days');
				});
			}
			const dispositions = isObject(strategy.dispositions) ? strategy.dispositions : undefined;
			for (const key of ['busy', 'no_answer', 'invalid_number']) {
				if (!isObject(dispositions?.[key])) bad(`dialing_strategy.dispositions.${key}`, 'must not be null');
			}
		}
		if (fields.length)
			throw apiError(400, 'invalid_field', 'Errors were found in the submitted data', fields);
		const campaign = this.store.addCampaign({
			...structuredClone(body),
			name: name as string,
			dialing_mode: (body.dialing_mode as string) ?? 'PREVIEW',
			priority: (body.priority as number) ?? 1,
			status: 'INCOMPLETE',
		} as Partial<TalkdeskCampaign>);
		return { status: 201, body: this.campaignView(campaign) };
	}

	/** The seed's PATCH: ONE object `{op: "REPLACE", path: "status"|"name"|"priority", value}`. */
	private patchCampaign(req: SandboxRequest): SandboxResponse {
		const campaign = this.campaign(req.params.id);
		const body = req.body;
		if (!isObject(body)) {
			throw apiError(400, 'invalid_body', 'Body must be one object {op, path, value}');
		}
		if (String(body.op).toUpperCase() !== 'REPLACE') {
			throw apiError(400, 'invalid_field', 'Invalid operation', [
				{ name: 'op', description: 'must be REPLACE' },
			]);
		}
		switch (body.path) {
			case 'status': {
				const wanted = String(body.value).toUpperCase();
				if (wanted === 'RUNNING') {
					if (!['READY', 'PAUSED', 'RUNNING'].includes(campaign.status)) {
						throw apiError(422, 'campaign_incomplete', `Campaign cannot start while ${campaign.status}`, [
							{ name: 'status', description: 'attach a record list first' },
						]);
					}
				} else if (wanted === 'PAUSED') {
					if (!['RUNNING', 'PAUSED'].includes(campaign.status)) {
						throw apiError(422, 'invalid_transition', `Campaign cannot be paused while ${campaign.status}`);
					}
				} else {
					throw apiError(400, 'invalid_field', 'Invalid status', [
						{ name: 'value', description: 'must be running or paused' },
					]);
				}
				campaign.status = wanted as TalkdeskCampaign['status'];
				break;
			}
			case 'name':
				if (typeof body.value !== 'string' || body.value.length < 3 || body.value.length > 35) {
					throw apiError(400, 'invalid_field', 'Invalid name', [
						{ name: 'name', description: 'size must be between 3 and 35' },
					]);
				}
				campaign.name = body.value;
				break;
			case 'priority':
				if (!intIn(body.value, 1, 10)) {
					throw apiError(400, 'invalid_field', 'Invalid priority', [
						{ name: 'priority', description: 'must be between 1 and 10' },
					]);
				}
				campaign.priority = body.value as number;
				break;
			default:
				throw apiError(400, 'invalid_field', 'Invalid path', [
					{ name: 'path', description: 'must be status, name or priority' },
				]);
		}
		return { status: 200, body: this.campaignView(campaign) };
	}

	private attached(
		req: SandboxRequest,
		segment: string,
		map: Map<string, string[]>,
		lists: Map<string, { id: string; name: string }>,
	): SandboxResponse {
		this.campaign(req.params.id);
		const items = (map.get(req.params.id) ?? []).map((id) => ({ id, name: lists.get(id)?.name }));
		return { body: { total: items.length, _embedded: { [segment.replace(/-/g, '_')]: items } } };
	}

	private attach(
		req: SandboxRequest,
		segment: string,
		map: Map<string, string[]>,
		lists: Map<string, { id: string; name: string }>,
		add: boolean,
	): SandboxResponse {
		const campaign = this.campaign(req.params.id);
		if (!Array.isArray(req.body) || req.body.length === 0) {
			throw apiError(400, 'invalid_body', 'Body must be a non-empty array of {id}');
		}
		const ids = req.body.map((entry) => (isObject(entry) ? String(entry.id) : ''));
		const current = map.get(campaign.id) ?? [];
		for (const id of ids) {
			if (!lists.has(id)) throw apiError(404, 'not_found', `List ${id} not found`);
			if (add && !current.includes(id)) current.push(id);
			if (!add && current.includes(id)) current.splice(current.indexOf(id), 1);
		}
		map.set(campaign.id, current);
		if (segment === 'record-lists') {
			if (current.length && campaign.status === 'INCOMPLETE') campaign.status = 'READY';
			if (!current.length && campaign.status === 'READY') campaign.status = 'INCOMPLETE';
		}
		return this.attached(req, segment, map, lists);
	}

	// ── record lists ──

	private recordList(id: string): TalkdeskRecordList {
		const list = this.state.recordLists.get(id);
		if (!list) throw apiError(404, 'not_found', `Record list ${id} not found`);
		return list;
	}

	private recordListView(list: TalkdeskRecordList): Record<string, unknown> {
		const { records, ...view } = list;
		return { ...view, total_records: records.length };
	}

	/**
	 * Per-record checks of the doc's error codes; `[]` when the record is fine. `phonesTaken`: the phones of the
	 * list's records, including those created by this request so far.
	 */
	private recordErrors(record: unknown, phonesTaken: Set<string>): Array<{ code: string; message: string }> {
		const errors: Array<{ code: string; message: string }> = [];
		const err = (code: string, message: string) => errors.push({ code, message });
		if (!isObject(record)) return [{ code: 'REQUIRED_FIELDS', message: 'record must be an object' }];
		const phones = Array.isArray(record.phone_numbers) ? record.phone_numbers : [];
		if (phones.length === 0) err('PHONE_NUMBER_MISSING', 'phone_numbers must have at least one entry');
		for (const phone of phones) {
			const number = isObject(phone) ? phone.phone_number : undefined;
			if (typeof number !== 'string' || number === '') {
				err('PHONE_NUMBER_MISSING', 'phone_number is required');
			} else if (
				!E164.test(number) ||
				!PHONE_TYPES.includes(String((phone as { phone_type?: unknown }).phone_type))
			) {
				err('PHONE_NUMBER_INVALID', `${number} is not an E.164 number with a valid phone_type`);
			} else if (phonesTaken.has(number)) {
				err('PHONE_NUMBER_NOT_UNIQUE', `${number} is already in the record list`);
			}
		}
		for (const [key, code] of [
			['first_name', 'FIRST_NAME'],
			['last_name', 'LAST_NAME'],
		] as const) {
			const value = record[key];
			if (value === undefined || value === '') err(`${code}_MISSING`, `${key} is required`);
			else if (typeof value !== 'string' || value.length > 80)
				err(`${code}_INVALID`, `${key} must be 1-80 characters`);
		}
		if (record.timezone !== undefined) {
			if (
				typeof record.timezone !== 'string' ||
				record.timezone.length > 35 ||
				!knownTimeZone(record.timezone)
			) {
				err('TIMEZONE_INVALID', `${String(record.timezone)} is not a time zone`);
			}
		}
		if (record.priority !== undefined && !intIn(record.priority, 1, 10)) {
			err('PRIORITY_INVALID', 'priority must be between 1 and 10');
		}
		if ((record.external_id === undefined) !== (record.external_provider === undefined)) {
			err('EXTERNAL_REF_MISSING', 'external_id and external_provider go together');
		}
		return errors;
	}

	private bulkAppend(req: SandboxRequest): SandboxResponse {
		const list = this.recordList(req.params.id);
		const records = isObject(req.body) && Array.isArray(req.body.records) ? req.body.records : undefined;
		if (!records || records.length === 0) {
			throw apiError(400, 'invalid_field', 'Invalid request', [
				{ name: 'records', description: 'must have between 1 and 100 records' },
			]);
		}
		if (records.length > 100) {
			throw apiError(413, 'too_many_records', 'At most 100 records per request');
		}
		// Looked up in a set rather than by scanning the list for every phone: linear in the list's size.
		const phonesTaken = new Set<string>();
		for (const record of list.records) {
			for (const phone of record.phone_numbers ?? []) phonesTaken.add(phone.phone_number);
		}
		const now = new Date().toISOString();
		const results = records.map((raw) => {
			const errors = this.recordErrors(raw, phonesTaken);
			const record = raw as Record<string, unknown>;
			if (errors.length) return { ...structuredClone(record), errors };
			const created: Record<string, unknown> = {
				...structuredClone(record),
				id: randomUUID(),
				created_at: now,
				updated_at: now,
			};
			list.records.push(created as unknown as TalkdeskRecord);
			for (const phone of created.phone_numbers as Array<{ phone_number: string }>) {
				phonesTaken.add(phone.phone_number);
			}
			return created;
		});
		const totalErrors = results.filter((r) => 'errors' in r).length;
		return {
			status: 201,
			body: {
				record_list_id: list.id,
				has_errors: totalErrors > 0,
				total_errors: totalErrors,
				total_created: results.length - totalErrors,
				_embedded: { records: results },
			},
		};
	}

	private bulkDelete(req: SandboxRequest): SandboxResponse {
		const list = this.recordList(req.params.id);
		if (!Array.isArray(req.body) || req.body.length === 0 || req.body.length > 100) {
			throw apiError(400, 'invalid_body', 'Body must be an array of 1 to 100 record references');
		}
		const failed: Array<Record<string, unknown>> = [];
		let deleted = 0;
		for (const key of req.body) {
			if (!isObject(key)) {
				failed.push({ code: 'REQUIRED_FIELDS', message: 'reference must be an object' });
				continue;
			}
			const index = list.records.findIndex((r) =>
				key.id !== undefined
					? r.id === key.id
					: key.phone_number !== undefined
						? r.phone_numbers.some((p) => p.phone_number === key.phone_number)
						: r.external_provider === key.external_provider && r.external_id === key.external_id,
			);
			if (index === -1) {
				failed.push({ ...key, code: 'RECORD_NOT_FOUND', message: 'No such record in this list' });
				continue;
			}
			list.records.splice(index, 1);
			deleted++;
		}
		return { body: { total_deleted: deleted, _embedded: { failed_records: failed } } };
	}

	private patchRecord(req: SandboxRequest): SandboxResponse {
		const list = this.recordList(req.params.id);
		const record = list.records.find((r) => r.id === req.params.recordId);
		if (!record) throw apiError(404, 'not_found', `Record ${req.params.recordId} not found`);
		if (!Array.isArray(req.body) || req.body.length === 0) {
			throw apiError(400, 'invalid_body', 'Body must be an array of {op, path, value}');
		}
		for (const op of req.body) {
			if (!isObject(op) || !['replace', 'add'].includes(String(op.op))) {
				throw apiError(400, 'invalid_field', 'Invalid operation', [
					{ name: 'op', description: 'must be replace or add' },
				]);
			}
			if (op.path === 'priority') {
				if (!intIn(op.value, 1, 10)) {
					throw apiError(400, 'invalid_field', 'Invalid record', [
						{ name: 'priority', description: 'must be between 1 and 10' },
					]);
				}
				record.priority = op.value as number;
			} else if (op.path === 'extra_data') {
				if (!isObject(op.value)) {
					throw apiError(400, 'invalid_field', 'Invalid record', [
						{ name: 'extra_data', description: 'must be an object' },
					]);
				}
				record.extra_data = op.op === 'add' ? { ...record.extra_data, ...op.value } : op.value;
			} else {
				throw apiError(400, 'invalid_field', 'Invalid path', [
					{ name: 'path', description: 'must be priority or extra_data' },
				]);
			}
		}
		record.updated_at = new Date().toISOString();
		return { body: structuredClone(record) };
	}

	private listRecords(req: SandboxRequest): SandboxResponse {
		const list = this.recordList(req.params.id);
		const phone = firstValue(req.query.phone_number);
		const search = firstValue(req.query.search)?.toLowerCase();
		let records = list.records.filter(
			(r) =>
				(!phone || r.phone_numbers.some((p) => p.phone_number === phone)) &&
				(!search || `${r.first_name} ${r.last_name}`.toLowerCase().includes(search)),
		);
		const order = firstValue(req.query.order_by);
		if (order) {
			const [field, direction = 'asc'] = order.split(':');
			if (!['updated_at', 'priority'].includes(field)) {
				throw apiError(400, 'invalid_field', 'Invalid filter', [
					{ name: 'order_by', description: `${order} is not supported` },
				]);
			}
			records = [...records].sort((a, b) => {
				const [x, y] = [a[field as 'priority'] ?? 0, b[field as 'priority'] ?? 0];
				const cmp = x < y ? -1 : x > y ? 1 : 0;
				return direction === 'desc' ? -cmp : cmp;
			});
		}
		return this.page(req, records, 'records');
	}

	// ── do-not-call lists ──

	private dncList(id: string): TalkdeskDncList {
		const list = this.state.dncLists.get(id);
		if (!list) throw apiError(404, 'not_found', `Do-not-call list ${id} not found`);
		return list;
	}

	private addDncEntry(req: SandboxRequest): SandboxResponse {
		const list = this.dncList(req.params.id);
		const body = isObject(req.body) ? req.body : {};
		const phone = body.phone_number;
		if (typeof phone !== 'string' || !E164.test(phone)) {
			throw apiError(400, 'invalid_field', 'Invalid entry', [
				{ name: 'phone_number', description: 'must be an E.164 phone number' },
			]);
		}
		const expiry = body.expiration_date;
		if (expiry !== undefined && (typeof expiry !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expiry))) {
			throw apiError(400, 'invalid_field', 'Invalid entry', [
				{ name: 'expiration_date', description: 'must be a date YYYY-MM-DD' },
			]);
		}
		if (list.entries.some((e) => e.phone_number === phone)) {
			throw apiError(409, 'already_exists', `${phone} is already on the do-not-call list`);
		}
		const entry: TalkdeskDncEntry = {
			id: randomUUID(),
			phone_number: phone,
			...(expiry ? { expiration_date: expiry as string } : {}),
			created_at: new Date().toISOString(),
		};
		list.entries.push(entry);
		return { status: 201, body: entry };
	}

	// ── HAL paging ──

	private page(req: SandboxRequest, all: unknown[], key: string): SandboxResponse {
		const page = Number(firstValue(req.query.page) ?? 1);
		const perPage = Number(firstValue(req.query.per_page) ?? 20);
		if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
			throw apiError(400, 'invalid_field', 'Invalid paging', [
				{ name: 'per_page', description: 'page must be 1 or more, per_page 1 to 100' },
			]);
		}
		const totalPages = Math.max(1, Math.ceil(all.length / perPage));
		const items = all.slice((page - 1) * perPage, page * perPage);
		const href = (n: number) => {
			const query = new URLSearchParams();
			for (const [k, v] of Object.entries(req.query)) {
				if (k !== 'page') for (const value of ([] as string[]).concat(v)) query.append(k, value);
			}
			query.set('page', String(n));
			return { href: `${this.url}${req.path}?${query.toString()}` };
		};
		const links: Record<string, { href: string }> = {
			self: href(page),
			first: href(1),
			last: href(totalPages),
		};
		if (page > 1) links.prev = href(page - 1);
		if (page < totalPages) links.next = href(page + 1);
		return {
			body: {
				total: all.length,
				count: items.length,
				page,
				per_page: perPage,
				total_pages: totalPages,
				_embedded: { [key]: items },
				_links: links,
			},
		};
	}
}
