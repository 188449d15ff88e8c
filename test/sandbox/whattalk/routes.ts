/**
 * WhatTalk sandbox, its routes: the rate limiter and the key check in front of the API, and the paths of
 * /work/shared/providers/whattalk.md under `/api`, each checking its body the way Laravel validates (422
 * `{message, errors}`) and answering the documented errors, over the state (state.ts).
 */
import {
	json,
	SandboxHttpError,
	type SandboxRequest,
	type SandboxResponse,
	type SandboxServer,
} from '../server';
import { isObject, knownTimeZone, ProviderRoutes } from '../server/routes';
import {
	clone,
	WEEK_DAYS,
	type LeadStatus,
	type RateLimit,
	type WhatTalkAssistant,
	type WhatTalkCampaign,
	type WhatTalkLead,
	type WhatTalkStore,
	TOO_MANY_ATTEMPTS,
	DUPLICATE_MESSAGE,
	LEAD_STATUSES,
} from './state';

const E164 = /^\+[1-9]\d{6,14}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const SETTABLE_LEAD_STATUSES: LeadStatus[] = ['created', 'completed', 'reached-max-retries'];
const UPDATABLE_LEAD_FIELDS = ['campaign_id', 'phone_number', 'status', 'variables'];

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
export class TokenBucket {
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

/** Registers the WhatTalk endpoints on `server`, over `store`. */
export function registerWhatTalkRoutes(server: SandboxServer, store: WhatTalkStore): void {
	new WhatTalkRoutes(server, store).register();
}

class WhatTalkRoutes extends ProviderRoutes<WhatTalkStore> {
	// ── routes ──

	register(): void {
		this.server.get('/api/user/me', () => ({ body: clone(this.store.user) }));
		this.server.get('/api/user/assistants', () => ({
			body: [...this.state.assistants.values()].map((a) => this.assistantView(a)),
		}));
		this.server.get('/api/user/assistants/outbound', () => ({
			body: [...this.state.assistants.values()]
				.filter((a) => a.type === 'outbound')
				.map((a) => this.assistantView(a)),
		}));
		this.server.get('/api/user/assistants/phone-numbers', () => ({
			body: [...this.state.phoneNumbers.values()].map(clone),
		}));
		this.server.post('/api/user/assistants/enable-webhook', (req) =>
			this.setWebhook(req, 'webhook_url', true),
		);
		this.server.post('/api/user/assistants/disable-webhook', (req) =>
			this.setWebhook(req, 'webhook_url', false),
		);
		this.server.post('/api/user/assistants/enable-inbound-webhook', (req) =>
			this.setWebhook(req, 'inbound_webhook_url', true),
		);
		this.server.post('/api/user/assistants/disable-inbound-webhook', (req) =>
			this.setWebhook(req, 'inbound_webhook_url', false),
		);
		this.server.post('/api/user/campaign', (req) => this.createCampaign(req));
		this.server.get('/api/user/campaigns', () => ({ body: [...this.state.campaigns.values()].map(clone) }));
		this.server.post('/api/user/campaigns/update-status', (req) => this.updateStatus(req));
		this.server.post('/api/user/lead', (req) => this.createLead(req));
		this.server.get('/api/user/leads', (req) => this.listLeads(req));
		this.server.put('/api/user/leads/:id', (req) => this.updateLead(req));
		this.server.delete('/api/user/leads/:id', (req) => this.deleteLead(req));
	}

	private setWebhook(
		req: SandboxRequest,
		field: 'webhook_url' | 'inbound_webhook_url',
		enable: boolean,
	): SandboxResponse {
		const body = isObject(req.body) ? req.body : {};
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
		const body = isObject(req.body) ? req.body : {};
		const v = new Validator();
		if (v.required(body, 'name')) {
			if (typeof body.name !== 'string') v.add('name', 'The name field must be a string.');
			else if (body.name.length > 255)
				v.add('name', 'The name field must not be greater than 255 characters.');
		}
		v.required(body, 'assistant_id');
		const assistantId = v.integer(body, 'assistant_id');
		if (body.timezone != null && (typeof body.timezone !== 'string' || !knownTimeZone(body.timezone))) {
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

		if (this.state.campaigns.size >= this.store.maxCampaigns) {
			throw new SandboxHttpError(403, {
				message: 'You have reached the maximum number of campaigns allowed by your plan.',
			});
		}
		const assistant = this.state.assistants.get(assistantId as number);
		if (!assistant || assistant.type !== 'outbound') {
			throw notFound('Assistant not found or is not an outbound assistant.');
		}
		const campaign = this.store.addCampaign({
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
		const body = isObject(req.body) ? req.body : {};
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
		const body = isObject(req.body) ? req.body : {};
		const v = new Validator();
		const phone = v.required(body, 'phone_number') ? v.phone(body.phone_number, 'phone_number') : undefined;
		if (v.required(body, 'campaign_id')) {
			const id = v.integer(body, 'campaign_id');
			if (id !== undefined && !this.state.campaigns.has(id))
				v.add('campaign_id', 'The selected campaign id is invalid.');
		}
		if (body.variables != null && !isObject(body.variables))
			v.add('variables', 'The variables field must be an array.');
		const allowDuplicate = v.boolean(body, 'allow_dupplicate') ?? false;
		const secondary: WhatTalkLead['secondary_contacts'] = [];
		if (body.secondary_contacts != null) {
			if (!Array.isArray(body.secondary_contacts))
				v.add('secondary_contacts', 'The secondary contacts field must be an array.');
			else
				body.secondary_contacts.forEach((contact, i) => {
					const c = isObject(contact) ? contact : {};
					const number = v.phone(c.phone_number, `secondary_contacts.${i}.phone_number`);
					if (c.variables != null && !isObject(c.variables)) {
						v.add(
							`secondary_contacts.${i}.variables`,
							`The secondary_contacts.${i}.variables field must be an array.`,
						);
					}
					if (number)
						secondary.push({
							phone_number: number,
							...(isObject(c.variables) ? { variables: clone(c.variables) } : {}),
						});
				});
		}
		v.throwIfAny();
		const campaignId = Number(body.campaign_id);
		if (!allowDuplicate && this.store.hasLead(campaignId, phone as string)) {
			throw new SandboxHttpError(422, {
				message: DUPLICATE_MESSAGE,
				errors: { phone_number: [DUPLICATE_MESSAGE] },
			});
		}
		const lead = this.store.addLead({
			campaign_id: campaignId,
			phone_number: phone as string,
			variables: isObject(body.variables) ? clone(body.variables) : {},
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
		const path = `${this.server.url}/api/user/leads`;
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
		const body = isObject(req.body) ? req.body : {};
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
		if (body.variables !== undefined && !isObject(body.variables))
			v.add('variables', 'The variables field must be an array.');
		v.throwIfAny();
		if (campaignId !== undefined) lead.campaign_id = campaignId;
		if (phone !== undefined) lead.phone_number = phone;
		if (body.status !== undefined) lead.status = body.status as LeadStatus;
		// Merged, not replaced (documented).
		if (isObject(body.variables)) lead.variables = { ...lead.variables, ...clone(body.variables) };
		lead.updated_at = new Date().toISOString();
		return { body: { message: 'Lead updated successfully' } };
	}

	private deleteLead(req: SandboxRequest): SandboxResponse {
		const lead = this.leadEntry(req.params.id);
		this.state.leads.delete(lead.id);
		return { body: { message: 'Lead deleted successfully' } };
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
