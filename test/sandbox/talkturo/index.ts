/**
 * Talkturo sandbox: the endpoints of /work/shared/providers/talkturo.md under base path `/api`, so the credential's
 * Base URL is `sandbox.url` (the node adds `/api`) and raw requests go to `sandbox.baseUrl`.
 *
 * Seeded endpoints ([seed]: list/create campaigns, add contacts, run, create/list contacts) follow the seed
 * documents exactly. Newer ("[branch]") endpoints — GET/PUT/DELETE of one campaign or contact, campaign contact
 * list/removal, companies — exist unless `branch: false`, which models an older deployment (a missing route
 * answers 404, or 405 where the path exists for another method) and makes Add Contacts answer just `{success:true}`.
 *
 * Rules enforced (from the docs): Bearer auth; teamId required and must be the key's team; required fields;
 * E.164 phones; HH:MM windows; IANA zones; ISO dates; positive integers; from-numbers must be assigned to the
 * assistant (409); status lifecycle draft → scheduled → running ⇄ paused → completed | cancelled (completed and
 * cancelled cannot change again: 409; only status may change while running: 409; running needs credit: 402);
 * delete only draft/cancelled (400); run needs contacts (400), dials pending/queued contacts up to
 * max_concurrent_calls (and maxCalls), reports contacts without phone or marked do-not-call in `errors`; dry run
 * changes nothing; do-not-call contacts are skipped when added; a contact in a live campaign cannot be deleted (400).
 *
 * ASSUMPTIONS (the docs are silent): errors are `{success:false, error}`; contact create answers the bare contact
 * (as the seed lists its fields); lists answer `{success, <resource>, count, limit, offset}`, limit capped at 100;
 * adding a contact already in the campaign skips it; a run costs one credit per started call; webhook events are
 * `{event, call_id, campaign_id, contact_id, …}` signed with HMAC-SHA256 (hex) of the raw body in X-Talkturo-Signature.
 */
import { createHmac } from 'node:crypto';

import { json, SandboxServer } from '../server';
import { registerTalkturoRoutes } from './routes';
import {
	TALKTURO_DEFAULT_API_KEY,
	TalkturoStore,
	type CampaignContact,
	type TalkturoCall,
	type TalkturoCampaign,
	type TalkturoContact,
	type TalkturoSandboxOptions,
	type TalkturoState,
} from './state';

export {
	TALKTURO_DEFAULT_API_KEY,
	TALKTURO_FIXTURES,
	talkturoId,
	TalkturoStore,
	type CampaignContact,
	type CampaignStatus,
	type DialStatus,
	type TalkturoCall,
	type TalkturoCampaign,
	type TalkturoContact,
	type TalkturoSandboxOptions,
	type TalkturoState,
} from './state';

export class TalkturoSandbox extends SandboxServer {
	readonly apiKey: string;
	readonly teamId: string;
	readonly branch: boolean;
	readonly state: TalkturoState;
	/** The data and its operations (state.ts); the routes (routes.ts) work on it. */
	readonly store: TalkturoStore;

	constructor(options: TalkturoSandboxOptions = {}) {
		const apiKey = options.apiKey ?? TALKTURO_DEFAULT_API_KEY;
		super({
			name: 'talkturo',
			port: options.port,
			latencyMs: options.latencyMs,
			auth: (req) =>
				req.headers.authorization === `Bearer ${apiKey}`
					? undefined
					: json(401, { success: false, error: 'Invalid or missing API key' }),
			// A route the deployment lacks answers like a web framework would: the bare reason phrase.
			errorBody: (status, message) =>
				status === 404 || status === 405 ? { message } : { success: false, error: message },
		});
		this.apiKey = apiKey;
		this.store = new TalkturoStore(options);
		this.teamId = this.store.teamId;
		this.branch = this.store.branch;
		this.state = this.store.state;
		registerTalkturoRoutes(this, this.store);
	}

	/** The API root, `${url}/api` (the credential's Base URL is `url`; the node adds /api). */
	get baseUrl(): string {
		return `${this.url}/api`;
	}

	// ── test helpers (state.ts has what they do) ──

	addContact(fields: Record<string, unknown> = {}): TalkturoContact {
		return this.store.addContact(fields);
	}
	addCampaign(fields: Partial<TalkturoCampaign> & { contactIds?: string[] } = {}): TalkturoCampaign {
		return this.store.addCampaign(fields);
	}
	campaign(id: string): TalkturoCampaign {
		return this.store.campaign(id);
	}
	dialList(campaignId: string): CampaignContact[] {
		return this.store.dialList(campaignId);
	}
	contact(id: string): TalkturoContact | undefined {
		return this.store.contact(id);
	}
	contacts(): TalkturoContact[] {
		return this.store.contacts();
	}
	completeCall(
		callId: string,
		outcome: { answered?: boolean; extracted?: Record<string, unknown>; summary?: string } = {},
	): Record<string, unknown> {
		return this.store.completeCall(callId, outcome);
	}
	placeCall(campaignId: string, contactId: string): TalkturoCall {
		return this.store.placeCall(campaignId, contactId);
	}
	callEvent(callId: string, event: string): Record<string, unknown> {
		return this.store.callEvent(callId, event);
	}
}

/** Creates and starts a Talkturo sandbox. Remember `await sandbox.close()`. */
export async function startTalkturoSandbox(options: TalkturoSandboxOptions = {}): Promise<TalkturoSandbox> {
	const sandbox = new TalkturoSandbox(options);
	await sandbox.start();
	return sandbox;
}

// ───────────────────────────────────────── webhook sender ─────────────────────────────────────────

/** The X-Talkturo-Signature value for a raw body: HMAC-SHA256, hex. */
export function signTalkturoPayload(secret: string, rawBody: string | Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

export interface SendWebhookOptions {
	/** Signing secret; no signature header when undefined. */
	secret?: string;
	/** Send this signature instead of the right one (to test rejection). */
	signature?: string;
	headers?: Record<string, string>;
}

/** Posts one event (or an array of events) to a webhook URL, signed like Talkturo. */
export async function sendTalkturoWebhook(
	url: string,
	payload: unknown,
	options: SendWebhookOptions = {},
): Promise<{ status: number; body: string }> {
	const raw = JSON.stringify(payload);
	const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
	const signature =
		options.signature ??
		(options.secret !== undefined ? signTalkturoPayload(options.secret, raw) : undefined);
	if (signature !== undefined) headers['x-talkturo-signature'] = signature;
	const response = await fetch(url, { method: 'POST', headers, body: raw });
	return { status: response.status, body: await response.text() };
}
