/**
 * Registry of provider sandboxes for the dev CLI (`npm run sandbox`, `test/sandbox/cli.ts`).
 *
 * To add a provider: implement `test/sandbox/<provider>.ts` on top of `server.ts`, then add an entry to
 * `SANDBOX_PROVIDERS` below with its fixed dev port from `SANDBOX_PORTS` and a `start` that seeds some demo data
 * and describes what a developer needs to configure the n8n credential (base URL, key, ids).
 */
import { startTaalkSandbox, TAALK_DEFAULT_API_KEY } from './taalk';

/** Fixed dev ports, one per provider (also the default of `--port`). */
export const SANDBOX_PORTS = {
	taalk: 5690,
	talkturo: 5691,
	whattalk: 5692,
	talkdesk: 5693,
} as const;

export type SandboxProviderName = keyof typeof SANDBOX_PORTS;

export interface ProviderStartOptions {
	port: number;
	/** Overrides the provider's default test credential. */
	apiKey?: string;
	latencyMs?: number;
}

/** A started provider sandbox, as the CLI sees it. */
export interface StartedProviderSandbox {
	/** Base URL to put in the n8n credential. */
	baseUrl: string;
	/** Everything else a developer needs (API key, seeded ids, …), printed as `key: value` lines and in --json. */
	info: Record<string, unknown>;
	close(): Promise<void>;
}

export interface ProviderSandboxStarter {
	/** One line for `--help`. */
	description: string;
	start(options: ProviderStartOptions): Promise<StartedProviderSandbox>;
}

/** Seeded campaign ids are fixed so that workflows saved in a dev n8n keep working across restarts. */
export const TAALK_DEV_CAMPAIGNS = {
	/** The example id from the seed article. */
	main: '6791043299aeedfec27f85d5',
	second: '6791043299aeedfec27f85d6',
} as const;

/** Providers implemented so far. Talkturo, WhatTalk and Talkdesk go here when their sandboxes exist. */
export const SANDBOX_PROVIDERS: Partial<Record<SandboxProviderName, ProviderSandboxStarter>> = {
	taalk: {
		description: 'Taalk.ai (base path /api, Bearer API key)',
		async start({ port, apiKey, latencyMs }) {
			const sandbox = await startTaalkSandbox({ port, apiKey: apiKey ?? TAALK_DEFAULT_API_KEY, latencyMs });
			const main = sandbox.addCampaign({
				_id: TAALK_DEV_CAMPAIGNS.main,
				name: 'Sandbox: Auto insurance leads',
				limitPerHour: 60,
				contacts: [
					{
						name: 'Toma',
						last_name: 'Kraft',
						phone: '7047058647',
						Taalk_Address: '123 Fake St.',
						Taalk_City: 'Charlotte',
						Taalk_State: 'NC',
						Taalk_Zip: '28202',
					},
				],
			});
			const second = sandbox.addCampaign({
				_id: TAALK_DEV_CAMPAIGNS.second,
				name: 'Sandbox: Renewal reminders',
				limitPerHour: 0,
			});
			return {
				baseUrl: sandbox.baseUrl,
				info: {
					apiKey: sandbox.apiKey,
					campaigns: [main, second].map((c) => ({ id: c._id, name: c.name, contacts: c.contactsCount })),
				},
				close: () => sandbox.close(),
			};
		},
	},
};
