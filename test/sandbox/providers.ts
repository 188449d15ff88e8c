/**
 * Registry of provider sandboxes for the dev CLI (`npm run sandbox`, `test/sandbox/cli.ts`).
 *
 * To add a provider: implement `test/sandbox/<provider>/` (state.ts, routes.ts, index.ts) on top of `server/`,
 * then add an entry to `SANDBOX_PROVIDERS` below with its fixed dev port from `SANDBOX_PORTS` and a `start` that
 * seeds some demo data and describes what a developer needs to configure the n8n credential (base URL, key, ids).
 */
import { objectId, startTaalkSandbox, TAALK_DEFAULT_API_KEY } from './taalk';
import {
	sendTalkturoWebhook,
	startTalkturoSandbox,
	TALKTURO_DEFAULT_API_KEY,
	TALKTURO_FIXTURES,
} from './talkturo';
import { startTalkdeskSandbox, TALKDESK_CLIENT_ID, TALKDESK_CLIENT_SECRET } from './talkdesk';
import { startWhatTalkSandbox, WHATTALK_DEFAULT_API_KEY } from './whattalk';

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
	/**
	 * For a provider with a trigger: makes it tell n8n that a call has ended, as it does in production. Taalk's
	 * call-flow rule and Talkturo's webhook post to the URL pasted into them (`url`; `secret` is the token / signing
	 * secret set on both sides); WhatTalk posts to the URL its trigger registered on the assistant (`url` unused).
	 * Resolves with where it posted and n8n's answer.
	 */
	callEnded?(webhook: { url: string; secret?: string }): Promise<{ url: string; status: number }>;
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
/** Fixed WhatTalk ids (integers, like the real API): 1050 is the campaign id of the seed article. */
export const WHATTALK_DEV = {
	outboundAssistant: 101,
	inboundAssistant: 102,
	callerIdNumber: 7,
	campaign: 1050,
} as const;

/** Fixed Talkturo dev ids (opaque strings like the docs' examples); team, assistants and numbers: TALKTURO_FIXTURES. */
export const TALKTURO_DEV = {
	campaign: 'camp_01jsandboxdev000000000001',
	contacts: { ready: 'cont_01jsandboxdev00000000001', doNotCall: 'cont_01jsandboxdev00000000002' },
} as const;

/** Fixed Talkdesk dev ids (UUIDs, as Talkdesk's API returns). */
export const TALKDESK_DEV = {
	campaign: '3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
	recordList: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	dncList: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
} as const;

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
				callEnded: ({ url, secret }) =>
					sandbox.postCallFlowEvent(
						url,
						{ event: 'FINISH', callId: objectId(), summary: 'Spoke with Toma Kraft.' },
						{ token: secret || undefined },
					),
				close: () => sandbox.close(),
			};
		},
	},
	whattalk: {
		description: 'WhatTalk.ai / AutoCalls white-label (base path /api, Bearer API key, integer ids)',
		async start({ port, apiKey, latencyMs }) {
			const sandbox = await startWhatTalkSandbox({
				port,
				apiKey: apiKey ?? WHATTALK_DEFAULT_API_KEY,
				latencyMs,
			});
			sandbox.addAssistant({
				id: WHATTALK_DEV.outboundAssistant,
				name: 'Sandbox: Renewals caller',
				type: 'outbound',
			});
			sandbox.addAssistant({
				id: WHATTALK_DEV.inboundAssistant,
				name: 'Sandbox: Front desk',
				type: 'inbound',
				phone_number: '+14155550199',
			});
			sandbox.addPhoneNumber({ id: WHATTALK_DEV.callerIdNumber, phone_number: '+14155550123' });
			const campaign = sandbox.addCampaign({
				id: WHATTALK_DEV.campaign,
				name: 'Sandbox: Istanbul renewals',
				assistant_id: WHATTALK_DEV.outboundAssistant,
				timezone: 'Europe/Istanbul',
			});
			sandbox.addLead({
				campaign_id: campaign.id,
				phone_number: '+905551234567',
				variables: { customer_name: 'Ayşe' },
			});
			return {
				baseUrl: sandbox.baseUrl,
				info: {
					apiKey: sandbox.apiKey,
					assistants: [...sandbox.state.assistants.values()].map((a) => ({
						id: a.id,
						name: a.name,
						type: a.type,
					})),
					campaigns: [{ id: campaign.id, name: campaign.name, leads: sandbox.leadsOf(campaign.id).length }],
				},
				async callEnded() {
					const delivery = await sandbox.completeCall(sandbox.leadsOf(campaign.id)[0].id);
					if (!delivery)
						throw new Error("the campaign's assistant has no webhook: no WhatTalk Trigger is published");
					return delivery;
				},
				close: () => sandbox.close(),
			};
		},
	},
	talkturo: {
		description: 'Talkturo (white-label; base path /api, Bearer API token, team id)',
		async start({ port, apiKey, latencyMs }) {
			const sandbox = await startTalkturoSandbox({
				port,
				apiKey: apiKey ?? TALKTURO_DEFAULT_API_KEY,
				latencyMs,
			});
			sandbox.addContact({
				id: TALKTURO_DEV.contacts.ready,
				firstName: 'Grace',
				lastName: 'Hopper',
				phone: '+12025550150',
				email: 'grace@example.com',
			});
			sandbox.addContact({
				id: TALKTURO_DEV.contacts.doNotCall,
				firstName: 'Alan',
				lastName: 'Turing',
				phone: '+12025550151',
				doNotCall: true,
			});
			const campaign = sandbox.addCampaign({
				id: TALKTURO_DEV.campaign,
				name: 'Sandbox: Q1 trade show follow-up',
				call_window_start: '09:00',
				call_window_end: '17:00',
				call_window_timezone: 'America/New_York',
				contactIds: [TALKTURO_DEV.contacts.ready, TALKTURO_DEV.contacts.doNotCall],
			});
			return {
				// The credential's Base URL: the node adds /api.
				baseUrl: sandbox.url,
				info: {
					apiToken: sandbox.apiKey,
					teamId: sandbox.teamId,
					assistants: Object.values(TALKTURO_FIXTURES.assistants),
					callerIdNumbers: Object.values(TALKTURO_FIXTURES.numbers),
					company: TALKTURO_FIXTURES.company,
					campaign: { id: campaign.id, name: campaign.name, contacts: campaign.total_contacts },
				},
				async callEnded({ url, secret }) {
					const call = sandbox.placeCall(campaign.id, TALKTURO_DEV.contacts.ready);
					const event = sandbox.completeCall(call.id, { summary: 'Grace wants a demo on Friday.' });
					return { url, ...(await sendTalkturoWebhook(url, event, { secret })) };
				},
				close: () => sandbox.close(),
			};
		},
	},
	talkdesk: {
		description: 'Talkdesk Campaigns (OAuth2 client credentials at /oauth/token; credential region "Custom")',
		async start({ port, apiKey, latencyMs }) {
			const sandbox = await startTalkdeskSandbox({
				port,
				clientSecret: apiKey ?? TALKDESK_CLIENT_SECRET,
				latencyMs,
			});
			const list = sandbox.addRecordList({ id: TALKDESK_DEV.recordList, name: 'Sandbox: Spring leads' });
			const dnc = sandbox.addDncList({ id: TALKDESK_DEV.dncList, name: 'Sandbox: Opted out' });
			const campaign = sandbox.addCampaign({
				id: TALKDESK_DEV.campaign,
				name: 'Sandbox: Spring renewals',
				recordListIds: [list.id],
				dncListIds: [dnc.id],
			});
			return {
				// The credential's API Base URL (region Custom); tokenUrl below is its Token URL.
				baseUrl: sandbox.url,
				info: {
					tokenUrl: sandbox.tokenUrl,
					clientId: TALKDESK_CLIENT_ID,
					clientSecret: sandbox.clientSecret,
					campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
					recordList: { id: list.id, name: list.name },
					doNotCallList: { id: dnc.id, name: dnc.name },
				},
				close: () => sandbox.close(),
			};
		},
	},
};
