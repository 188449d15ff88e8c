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
import { json, SandboxServer } from '../server';
import { registerTaalkRoutes } from './routes';
import {
	TAALK_DEFAULT_API_KEY,
	TaalkStore,
	type TaalkCall,
	type TaalkCampaign,
	type TaalkCampaignSeed,
	type TaalkContact,
	type TaalkSandboxOptions,
	type TaalkState,
} from './state';

export {
	objectId,
	TAALK_DEFAULT_API_KEY,
	TaalkStore,
	type TaalkCall,
	type TaalkCampaign,
	type TaalkCampaignData,
	type TaalkCampaignEntry,
	type TaalkCampaignSeed,
	type TaalkContact,
	type TaalkMessage,
	type TaalkSandboxOptions,
	type TaalkState,
} from './state';

export class TaalkSandbox extends SandboxServer {
	readonly apiKey: string;
	/** Live state; tests may read and mutate it directly. */
	readonly state: TaalkState;
	/** The data and Taalk's side of a call (state.ts); the routes (routes.ts) work on it. */
	readonly store: TaalkStore;
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
		this.store = new TaalkStore(options);
		this.state = this.store.state;
		registerTaalkRoutes(this, this.store);
	}

	/** Base URL to give the node / credential: `${url}/api`. */
	get baseUrl(): string {
		return `${this.url}/api`;
	}

	// ── test helpers (state.ts has what they do) ──

	addCampaign(partial: TaalkCampaignSeed = {}): TaalkCampaign {
		return this.store.addCampaign(partial);
	}
	contacts(campaignId: string): TaalkContact[] {
		return this.store.contacts(campaignId);
	}
	completeCall(callId: string, patch: Partial<Omit<TaalkCall, '_id'>> = {}): TaalkCall {
		return this.store.completeCall(callId, patch);
	}
	async postCallFlowEvent(
		url: string,
		event: Record<string, unknown>,
		options: { token?: string } = {},
	): Promise<{ url: string; status: number; body: string }> {
		return await this.store.postCallFlowEvent(url, event, options);
	}
}

/** Creates and starts a Taalk sandbox. Remember `await sandbox.close()`. */
export async function startTaalkSandbox(opts: TaalkSandboxOptions = {}): Promise<TaalkSandbox> {
	const sandbox = new TaalkSandbox(opts);
	await sandbox.start();
	return sandbox;
}
