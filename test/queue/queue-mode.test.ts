/**
 * Queue mode (n8n's scaling setup), end to end: PostgreSQL and Redis started by the suite (test/queue/services.ts),
 * then a real n8n as main + 2 workers + a webhook processor (test/queue/cluster.ts), each with our packed package
 * installed in its own user folder, against the four provider sandboxes. Which n8n: $N8N_VERSION (`latest`, `oldest`
 * or an exact version, as for the e2e suites), default the latest pinned one (scripts/n8n-versions.json: 2.41.1 on its
 * own Node 24); every n8n process runs on the Node its n8n was installed for, jest stays on the machine's Node.
 *
 *   - The example workflows (examples/*.json) give the same results as in one process (test/e2e/examples.e2e.test.ts):
 *     the manual ones run from the main's REST API ("Execute workflow"), offloaded to the workers
 *     (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true); the webhook, trigger and schedule ones once published. Every
 *     execution is enqueued and run by one of the workers, never by the main.
 *   - Every trigger (Taalk, Talkturo, WhatTalk) gets its provider's webhook through the webhook processor (WEBHOOK_URL
 *     points at it; the main serves no production webhooks). The WhatTalk Trigger registers its webhook once — by the
 *     main, when published — not once per process, and unregisters when unpublished.
 *   - A worker killed (SIGKILL) in the middle of a 10,000-contact Taalk append and of a 1,000-lead WhatTalk add: the
 *     execution ends failed ("error") in n8n's records, and running the workflow again leaves every contact exactly
 *     once.
 */
import { realpathSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { resolveRuntime } from '../../scripts/n8n-runtime';

import { TAALK_DEV_CAMPAIGNS, TALKDESK_DEV, TALKTURO_DEV, WHATTALK_DEV } from '../sandbox/providers';
import { json, SandboxServer } from '../sandbox/server';
import { startTaalkSandbox, type TaalkSandbox } from '../sandbox/taalk';
import { startTalkdeskSandbox, TALKDESK_CLIENT_ID, type TalkdeskSandbox } from '../sandbox/talkdesk';
import { sendTalkturoWebhook, startTalkturoSandbox, type TalkturoSandbox } from '../sandbox/talkturo';
import { startWhatTalkSandbox, type WhatTalkSandbox } from '../sandbox/whattalk';
import {
	ensureN8nInstalled,
	packPackage,
	PACKAGE_NAME,
	REPO_ROOT,
	type CredentialImport,
	type NodeItem,
	type WorkflowImport,
} from '../e2e/n8n';
import { loadWorkflow, Timings, waitFor, waitForWebhook } from '../e2e/support';
import { outputsOf, QueueCluster, ROLES, type Execution, type Role } from './cluster';
import { startServices, type Services } from './services';

const MINUTE = 60_000;
jest.setTimeout(3 * MINUTE);
/**
 * The n8n the suite runs, and the Node it runs on: $N8N_VERSION when set (`oldest` is 2.8.4 on this machine's Node),
 * else the latest pinned n8n on its own Node 24.
 */
const QUEUE_RUNTIME = resolveRuntime({ n8n: process.env.N8N_VERSION || 'latest' });
const example = (file: string) => loadWorkflow(join(REPO_ROOT, 'examples', file));
const MANUAL = "When clicking 'Execute workflow'";

const DEV_CREDENTIALS: Record<string, { id: string; name: string }> = {
	taalkApi: { id: 'vcTaalkSandbox01', name: 'Taalk sandbox' },
	talkturoApi: { id: 'vcTalkturoSandbx', name: 'Talkturo sandbox' },
	whatTalkApi: { id: 'vcWhatTalkSandbx', name: 'WhatTalk sandbox' },
	talkdeskOAuth2Api: { id: 'vcTalkdeskSandbx', name: 'Talkdesk sandbox' },
};
const credential = (type: string, data: Record<string, unknown>): CredentialImport => ({
	...DEV_CREDENTIALS[type],
	type,
	data,
});

type WorkflowNode = { name: string; type: string; parameters: Record<string, unknown>; webhookId?: string };
const nodeOf = (workflow: WorkflowImport, name: string) => {
	const node = (workflow.nodes as unknown as WorkflowNode[]).find((n) => n.name === name);
	if (!node) throw new Error(`${workflow.name} has no node "${name}"`);
	return node;
};

const SHEET = example('sheet-rows-to-talkturo.json');
const TALKDESK = example('talkdesk-daily-campaign.json');
const CRM = example('crm-webhook-to-taalk.json');
const WHATTALK = example('whattalk-call-ended-to-crm.json');
const TALKTURO_SYNC = loadWorkflow(
	join(REPO_ROOT, 'test', 'e2e', 'workflows', 'talkturo-post-call-sync.json'),
);
const END_OF_DAY = 'End of day (weekdays 18:00)';

/** Taalk has no registration API: its trigger's URL is pasted into a call-flow rule. */
const TAALK_TOKEN = `queue-${randomBytes(8).toString('hex')}`;
const TAALK_TRIGGER: WorkflowImport = {
	id: 'vcQueueTaalkTrigger',
	name: 'Queue: Taalk call finished',
	nodes: [
		{
			id: 'a0e1c2d3-0000-4000-8000-000000000001',
			name: 'Call finished',
			type: `${PACKAGE_NAME}.taalkTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '3b9a6c1e-2d4f-4a8b-9c0d-1e2f3a4b5c6d',
			parameters: { events: ['FINISH'], secretToken: TAALK_TOKEN, options: {} },
			credentials: { taalkApi: DEV_CREDENTIALS.taalkApi },
		},
	],
	connections: {},
};

/** Many contacts from a Set node's expression, one item each, into one of our nodes. */
function bulkWorkflow(
	id: string,
	name: string,
	count: number,
	lead: string,
	target: Record<string, unknown>,
): WorkflowImport {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-1`,
				name: MANUAL,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-2`,
				name: 'Leads',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: `={{ { leads: Array.from({ length: ${count} }, (_, i) => (${lead})) } }}`,
					options: {},
				},
			},
			{
				id: `${id}-3`,
				name: 'One item per lead',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'leads', options: {} },
			},
			{ id: `${id}-4`, position: [660, 0], ...target },
		],
		connections: {
			[MANUAL]: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] },
			Leads: { main: [[{ node: 'One item per lead', type: 'main', index: 0 }]] },
			'One item per lead': { main: [[{ node: String(target.name), type: 'main', index: 0 }]] },
		},
	};
}

const TAALK_BULK_CAMPAIGN = '6791043299aeedfec27f8600';
const TAALK_BULK_COUNT = 10_000;
/** 10,000 distinct valid US numbers: 704-705-0000 … 704-705-9999. */
const TAALK_BULK = bulkWorkflow(
	'vcQueueTaalk10k',
	'Queue: 10,000 contacts to Taalk',
	TAALK_BULK_COUNT,
	"{ first: 'Lead ' + i, phone: '704705' + String(i).padStart(4, '0') }",
	{
		name: 'Append to campaign',
		type: `${PACKAGE_NAME}.taalk`,
		typeVersion: 1,
		parameters: {
			resource: 'contact',
			operation: 'append',
			campaignId: { __rl: true, mode: 'id', value: TAALK_BULK_CAMPAIGN },
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			options: {},
		},
		credentials: { taalkApi: DEV_CREDENTIALS.taalkApi },
	},
);

const WHATTALK_BULK_CAMPAIGN = 2001;
const WHATTALK_BULK_COUNT = 1000;
/** 1,000 distinct numbers: +1 415 555 1000 … 1999. */
const WHATTALK_BULK = bulkWorkflow(
	'vcQueueWhatTalk1k',
	'Queue: 1,000 leads to WhatTalk',
	WHATTALK_BULK_COUNT,
	"{ name: 'Lead ' + i, phone: '+1415555' + String(1000 + i) }",
	{
		name: 'Add leads',
		type: `${PACKAGE_NAME}.whatTalk`,
		typeVersion: 1,
		parameters: {
			resource: 'lead',
			operation: 'add',
			campaignId: { __rl: true, mode: 'id', value: String(WHATTALK_BULK_CAMPAIGN) },
			phone: '={{ $json.phone }}',
			variables: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
			options: { concurrency: 5 },
		},
		credentials: { whatTalkApi: DEV_CREDENTIALS.whatTalkApi },
	},
);

const CRM_LEAD = {
	id: 'LEAD-1042',
	first_name: '  ada ',
	last_name: 'LOVELACE',
	phone: '(704) 705-8601',
	email: ' Ada@Example.com',
	city: 'charlotte',
	interest: 'Auto insurance',
};

describe(`${PACKAGE_NAME} in ${QUEUE_RUNTIME.label}, queue mode: main + 2 workers + webhook processor, Postgres, Redis`, () => {
	const keys = {
		taalk: `queue-${randomBytes(8).toString('hex')}`,
		talkturo: `tk_test_queue-${randomBytes(8).toString('hex')}`,
		whattalk: `queue-${randomBytes(8).toString('hex')}`,
		talkdesk: `queue-${randomBytes(8).toString('hex')}`,
	};
	let taalk: TaalkSandbox;
	let talkturo: TalkturoSandbox;
	let whattalk: WhatTalkSandbox;
	let talkdesk: TalkdeskSandbox;
	const crm = new SandboxServer({ name: 'crm' }).patch('/api/contacts/:id', (req) =>
		json(200, { id: req.params.id, updated: Object.keys(req.body as object) }),
	);
	let services: Services | undefined;
	let cluster: QueueCluster | undefined;
	let leadWithCrmId = 0;
	const timings = new Timings();
	/** Which worker ran each execution the suite checked. */
	const ranBy = new Map<string, Role>();

	beforeAll(async () => {
		taalk = await startTaalkSandbox({ port: 0, apiKey: keys.taalk });
		taalk.addCampaign({ _id: TAALK_DEV_CAMPAIGNS.main, name: 'Queue: auto insurance leads' });
		taalk.addCampaign({ _id: TAALK_BULK_CAMPAIGN, name: 'Queue: 10,000 contacts' });

		talkturo = await startTalkturoSandbox({ port: 0, apiKey: keys.talkturo });
		talkturo.addContact({
			id: TALKTURO_DEV.contacts.ready,
			firstName: 'Grace',
			lastName: 'Hopper',
			phone: '+12025550150',
		});
		talkturo.addCampaign({
			id: TALKTURO_DEV.campaign,
			name: 'Queue: trade show follow-up',
			contactIds: [TALKTURO_DEV.contacts.ready],
		});

		whattalk = await startWhatTalkSandbox({ port: 0, apiKey: keys.whattalk });
		whattalk.addAssistant({ id: WHATTALK_DEV.outboundAssistant, name: 'Queue caller', type: 'outbound' });
		whattalk.addCampaign({
			id: WHATTALK_DEV.campaign,
			name: 'Queue: renewals',
			assistant_id: WHATTALK_DEV.outboundAssistant,
		});
		whattalk.addCampaign({
			id: WHATTALK_BULK_CAMPAIGN,
			name: 'Queue: 1,000 leads',
			assistant_id: WHATTALK_DEV.outboundAssistant,
		});
		leadWithCrmId = whattalk.addLead({
			campaign_id: WHATTALK_DEV.campaign,
			phone_number: '+14155551001',
			variables: { customer_name: 'Ada', crm_id: 'C-1001/a' },
		}).id;

		talkdesk = await startTalkdeskSandbox({ port: 0, clientSecret: keys.talkdesk });
		const list = talkdesk.addRecordList({ id: TALKDESK_DEV.recordList, name: 'Queue: leads' });
		talkdesk.addCampaign({ id: TALKDESK_DEV.campaign, name: 'Queue: renewals', recordListIds: [list.id] });

		const { url: crmUrl } = await crm.start();
		const crmNode = nodeOf(WHATTALK, 'Update CRM contact');
		crmNode.parameters.url = String(crmNode.parameters.url).replace(
			'https://crm.example.com/api',
			`${crmUrl}/api`,
		);
		nodeOf(TALKDESK, END_OF_DAY).parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 2 }] };

		const n8nDir = await timings.timed('install n8n', () =>
			ensureN8nInstalled({ version: QUEUE_RUNTIME.n8nVersion, echo: true, timeoutMs: 40 * MINUTE }),
		);
		const tarball = await timings.timed('build + pack', () => packPackage());
		services = await timings.timed('postgres + redis', () => startServices());
		cluster = await QueueCluster.create(
			{
				n8nDir,
				tarball,
				services,
				credentials: [
					credential('taalkApi', { apiKey: keys.taalk, baseUrl: taalk.baseUrl, datasource: '' }),
					credential('talkturoApi', {
						baseUrl: talkturo.url,
						apiToken: keys.talkturo,
						teamId: talkturo.teamId,
					}),
					credential('whatTalkApi', { apiKey: keys.whattalk, baseUrl: whattalk.baseUrl }),
					credential('talkdeskOAuth2Api', {
						region: 'custom',
						tokenUrl: talkdesk.tokenUrl,
						apiBaseUrl: talkdesk.url,
						clientId: TALKDESK_CLIENT_ID,
						clientSecret: keys.talkdesk,
						scope: 'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage',
					}),
				],
				workflows: [SHEET, TALKDESK, CRM, WHATTALK, TALKTURO_SYNC, TAALK_TRIGGER, TAALK_BULK, WHATTALK_BULK],
			},
			timings.timed,
		);
		await timings.timed('start main + 2 workers + webhook', () => cluster!.start());
	}, 20 * MINUTE);

	afterAll(async () => {
		const counts = { 'worker-1': 0, 'worker-2': 0 } as Record<string, number>;
		for (const role of ranBy.values()) counts[role] = (counts[role] ?? 0) + 1;
		process.stdout.write(
			`\n[queue] executions run by worker-1: ${counts['worker-1']}, worker-2: ${counts['worker-2']}\n`,
		);
		await timings.timed('stop', async () => {
			await cluster?.dispose();
			await services?.stop();
			await Promise.all([taalk, talkturo, whattalk, talkdesk, crm].map((sandbox) => sandbox?.close()));
		});
		timings.print('queue');
		if (cluster) process.stdout.write(`[queue] n8n logs: ${cluster.logDir}\n`);
	}, 2 * MINUTE);

	/** Fails with the processes' output when something is off. */
	const withLogs = async <T>(step: () => Promise<T>): Promise<T> => {
		try {
			return await step();
		} catch (error) {
			(error as Error).message += `\n${cluster?.tails(25) ?? ''}`;
			throw error;
		}
	};

	/**
	 * The execution was put on the queue by the process that received it — the webhook processor for a webhook, the
	 * main for "Execute workflow" and for schedules — and run by one of the workers.
	 */
	const expectRunByWorker = (execution: Execution) => {
		const worker = cluster!.workerOf(execution.id);
		const enqueuedBy = cluster!.enqueuedBy(execution.id);
		expect({ execution: execution.id, mode: execution.mode, enqueuedBy, worker }).toEqual({
			execution: execution.id,
			mode: execution.mode,
			enqueuedBy: execution.mode === 'webhook' ? 'webhook' : 'main',
			worker: expect.stringMatching(/^worker-[12]$/),
		});
		ranBy.set(execution.id, worker!);
	};

	const runManually = async (workflow: WorkflowImport): Promise<Execution> =>
		await withLogs(async () => {
			const id = await cluster!.api.run(workflow.id, MANUAL);
			const execution = await cluster!.api.waitForExecution(id, 2 * MINUTE);
			expect(cluster!.processes.main.log).toMatch(new RegExp(`Enqueued execution ${id} \\(job \\d+\\)`));
			return execution;
		});

	/** The newest execution of a workflow once it has ended (started by a webhook, a trigger or a schedule). */
	const nextExecution = async (workflowId: string, seen: string[] = []): Promise<Execution> =>
		await withLogs(async () => {
			const deadline = Date.now() + MINUTE;
			for (;;) {
				const ids = (await cluster!.api.executionIds(workflowId)).filter((id) => !seen.includes(id));
				if (ids.length) return await cluster!.api.waitForExecution(ids[0], MINUTE);
				if (Date.now() > deadline) throw new Error(`no execution of ${workflowId}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		});

	const succeeded = (execution: Execution) => {
		const error = execution.data?.resultData.error;
		expect({ status: execution.status, error: error?.message }).toEqual({
			status: 'success',
			error: undefined,
		});
		expectRunByWorker(execution);
		return outputsOf(execution);
	};

	it('runs main, two workers and a webhook processor on one Postgres and one Redis, with the package in each', async () => {
		const { processes } = cluster!;
		// Each process is the n8n asked for, and it and its task runner run on that n8n's Node.
		const node = realpathSync(QUEUE_RUNTIME.nodeBin);
		const counts: string[] = [];
		for (const role of ROLES) {
			const executables = processes[role].executables();
			counts.push(`${role} ${executables.length}`);
			expect({ role, version: processes[role].log.match(/Version: (\S+)/)?.[1] }).toEqual({
				role,
				version: QUEUE_RUNTIME.n8nVersion,
			});
			const others = executables.filter((executable) => executable !== node);
			expect({ role, running: executables.length > 0, others }).toEqual({ role, running: true, others: [] });
		}
		process.stdout.write(`[queue] processes on ${node}: ${counts.join(', ')}\n`);
		expect(processes['worker-1'].log).toContain('n8n worker is now ready');
		expect(processes['worker-2'].log).toContain('n8n worker is now ready');
		expect(processes.webhook.log).toContain('Webhook listener waiting for requests');
		for (const role of ['worker-1', 'worker-2'] as const) {
			const health = await fetch(`http://127.0.0.1:${processes[role].port}/healthz/readiness`);
			expect({ role, status: health.status }).toEqual({ role, status: 200 });
		}
		// Our node types resolve on the main (the editor's node list comes from the same loader as everywhere).
		const types = await cluster!.api.request<Array<{ displayName: string }>>('POST', '/node-types', {
			nodeInfos: [{ name: `${PACKAGE_NAME}.taalk`, version: 1 }],
		});
		expect(types.map((t) => t.displayName)).toEqual(['Taalk']);
	});

	describe('the example workflows, as in one process', () => {
		let sheet: Record<string, NodeItem[]>;

		it('sheet-rows-to-talkturo.json ("Execute workflow" on the main, run by a worker): rows upserted, enrolled, run', async () => {
			sheet = succeeded(await runManually(SHEET));
			const items = sheet['Upsert and enrol'];
			expect(items.map((item) => [item.json.phone, item.json.outcome])).toEqual([
				['+12025550170', 'created, sent'],
				['+12025550150', 'updated, sent'],
				['+12025550173', 'created, skipped (do-not-call)'],
			]);
			expect(items[0].json.batch).toMatchObject({ size: 2, added: 1, skipped: 1 });
			items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
			expect(talkturo.contact(String(items[0].json.contactId))).toMatchObject({
				first_name: 'Ada',
				last_name: 'Lovelace',
				email: 'ada@example.com',
				source: 'Lead sheet',
				do_not_call: false,
				custom_fields: { sheet_row: 2 },
			});
			expect(sheet['Run campaign'][0].json).toMatchObject({ dryRun: false, started: 2, failed: 0 });
			expect(talkturo.requests({ method: 'POST', path: '/api/crm/campaigns/:id/run' })).toHaveLength(1);
			expect(talkturo.campaign(TALKTURO_DEV.campaign)).toMatchObject({ status: 'running' });
		});

		it('talkdesk-daily-campaign.json, morning (run by a worker): three records in one bulk request, campaign started once', async () => {
			const outputs = succeeded(await runManually(TALKDESK));
			expect(outputs['Pause campaign']).toBeUndefined();
			expect(outputs['Append records'].map((item) => item.json.phone)).toEqual([
				'+17047051201',
				'+17047051202',
				'+17047051203',
			]);
			expect(outputs['Start campaign']).toHaveLength(1);
			const bulks = talkdesk.requests({ method: 'POST', path: /\/records\/bulks$/ });
			expect(bulks.map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([3]);
			expect(talkdesk.records(TALKDESK_DEV.recordList)[2]).toMatchObject({
				first_name: 'Grace',
				timezone: 'America/Chicago',
				extra_data: { plan: 'gold' },
			});
			expect(talkdesk.requests({ method: 'PATCH' }).map((r) => r.body)).toEqual([
				{ op: 'REPLACE', path: 'status', value: 'running' },
			]);
		});

		it('talkdesk-daily-campaign.json, end of day (published; the main schedules, a worker runs): the campaign is paused', async () => {
			const before = await cluster!.api.executionIds(TALKDESK.id);
			await cluster!.api.activate(TALKDESK.id);
			try {
				await withLogs(() =>
					waitFor(
						'the end-of-day branch to pause the campaign',
						() =>
							talkdesk.state.campaigns.get(TALKDESK_DEV.campaign)?.status === 'PAUSED' ? true : undefined,
						MINUTE,
					),
				);
			} finally {
				await cluster!.api.deactivate(TALKDESK.id);
			}
			const execution = await nextExecution(TALKDESK.id, before);
			expect(execution.mode).toBe('trigger');
			succeeded(execution);
			for (const patch of talkdesk.requests({ method: 'PATCH' }).slice(1)) {
				expect(patch.body).toEqual({ op: 'REPLACE', path: 'status', value: 'paused' });
			}
			expect(talkdesk.records(TALKDESK_DEV.recordList)).toHaveLength(3);
		});

		describe('crm-webhook-to-taalk.json (production webhook on the webhook processor)', () => {
			const path = 'webhook/crm-new-lead';
			const post = async (body: unknown) => {
				const response = await fetch(`${cluster!.webhookBaseUrl}${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(MINUTE),
				});
				return { status: response.status, body: (await response.json()) as Record<string, unknown> };
			};

			beforeAll(async () => {
				await cluster!.api.activate(CRM.id);
				await waitForWebhook(`${cluster!.webhookBaseUrl}${path}`, MINUTE);
			}, 2 * MINUTE);

			it('the webhook processor serves the production URL; the main does not', async () => {
				const main = await fetch(`http://127.0.0.1:${cluster!.processes.main.port}/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ event: 'lead.created', lead: CRM_LEAD }),
				});
				expect(main.ok).toBe(false);
				expect(taalk.count()).toBe(0);
			});

			it("a new lead is normalised and appended; the CRM gets Taalk's answer; a worker ran it", async () => {
				const before = await cluster!.api.executionIds(CRM.id);
				const response = await post({ event: 'lead.created', lead: CRM_LEAD });
				expect(response).toEqual({
					status: 200,
					body: {
						campaignId: TAALK_DEV_CAMPAIGNS.main,
						phone: '7047058601',
						sent: true,
						batch: { number: 1, size: 1, inserted: 1, updated: 0 },
					},
				});
				expect(taalk.contacts(TAALK_DEV_CAMPAIGNS.main).map(({ _id, ...fields }) => fields)).toEqual([
					{
						name: 'Ada',
						last_name: 'Lovelace',
						phone: '7047058601',
						Taalk_City: 'Charlotte',
						Taalk_Email: 'ada@example.com',
						Taalk_Interest: 'Auto insurance',
						Taalk_CRM_Lead_ID: 'LEAD-1042',
					},
				]);
				const execution = await nextExecution(CRM.id, before);
				expect(execution.mode).toBe('webhook');
				succeeded(execution);
			});

			it('the same lead again is updated, not added twice; a bad phone is answered with an error', async () => {
				const again = await post({ event: 'lead.updated', lead: { ...CRM_LEAD, interest: 'Home' } });
				expect(again.body.batch).toMatchObject({ inserted: 0, updated: 1 });
				expect(taalk.contacts(TAALK_DEV_CAMPAIGNS.main)).toEqual([
					expect.objectContaining({ Taalk_Interest: 'Home' }),
				]);
				const before = taalk.count();
				const bad = await post({ event: 'lead.created', lead: { ...CRM_LEAD, phone: 'call me' } });
				expect(bad.status).toBe(500);
				expect(taalk.count()).toBe(before);
			});
		});
	});

	describe('triggers: the provider calls the webhook processor', () => {
		const enables = () => whattalk.requests({ method: 'POST', path: '/api/user/assistants/enable-webhook' });
		const registeredUrl = () =>
			whattalk.state.assistants.get(WHATTALK_DEV.outboundAssistant)?.webhook_url ?? undefined;

		it('WhatTalk Trigger: publishing registers the webhook processor URL on the assistant, once', async () => {
			await cluster!.api.activate(WHATTALK.id);
			const url = await waitFor('the WhatTalk Trigger to register its URL', registeredUrl, MINUTE);
			expect(url.startsWith(cluster!.webhookBaseUrl)).toBe(true);
			expect(url).toMatch(/\/webhook\/c4f8a2e6-1b3d-4f5a-8e7c-9d0b1a2c3e4f\/webhook\?token=[\w-]{32}$/);
			// Workers and the webhook processor never register: after a while, still the main's one request.
			await new Promise((resolve) => setTimeout(resolve, 2000));
			expect(enables()).toHaveLength(1);
			expect(cluster!.processes.main.log).not.toMatch(/error.*whattalk/i);
		});

		it('WhatTalk Trigger: a call ends; through the webhook processor, a worker updates the CRM', async () => {
			const before = await cluster!.api.executionIds(WHATTALK.id);
			const extracted = { status: true, summary: 'Booked a demo for Friday.', budget: '50k' };
			const delivery = await whattalk.completeCall(leadWithCrmId, {
				duration: 61,
				extracted_variables: extracted,
			});
			expect(delivery?.status).toBe(200);
			const update = await withLogs(() =>
				waitFor('the CRM update', () => crm.requests({ method: 'PATCH' })[0], MINUTE),
			);
			expect(update.params).toEqual({ id: 'C-1001/a' });
			expect(update.body).toMatchObject({
				last_call_status: 'completed',
				last_call_duration_seconds: 61,
				last_call_summary: 'Booked a demo for Friday.',
				ai_extracted: extracted,
				whattalk_lead_id: leadWithCrmId,
				whattalk_campaign: 'Queue: renewals',
			});
			expect(crm.count()).toBe(1);
			const execution = await nextExecution(WHATTALK.id, before);
			expect(execution.mode).toBe('webhook');
			succeeded(execution);
		});

		it('Talkturo Trigger: a signed call.ended event through the webhook processor; a worker saves the findings', async () => {
			await cluster!.api.activate(TALKTURO_SYNC.id);
			const trigger = TALKTURO_SYNC.nodes[0] as unknown as WorkflowNode & {
				parameters: { signingSecret: string };
			};
			const url = `${cluster!.webhookBaseUrl}webhook/${trigger.webhookId}/talkturo`;
			await waitForWebhook(url, MINUTE);
			expect((await sendTalkturoWebhook(url, { event: 'call.ended', contact_id: 'cont_x' })).status).toBe(
				401,
			);

			const before = await cluster!.api.executionIds(TALKTURO_SYNC.id);
			const call = [...talkturo.state.calls.values()].find((c) => c.to_number === '+12025550150');
			expect(call).toBeDefined();
			const event = talkturo.completeCall(call!.id, {
				extracted: { decision_maker: 'yes', budget: '50k' },
				summary: 'Grace wants a demo on Friday.',
			});
			expect(
				(await sendTalkturoWebhook(url, event, { secret: trigger.parameters.signingSecret })).status,
			).toBe(200);
			const execution = await nextExecution(TALKTURO_SYNC.id, before);
			succeeded(execution);
			expect(talkturo.contact(call!.contact_id)).toMatchObject({
				lead_status: 'qualified',
				custom_fields: { decision_maker: 'yes', budget: '50k' },
			});
		});

		it('Taalk Trigger: the call-flow rule posts to the webhook processor; a worker runs the workflow', async () => {
			await cluster!.api.activate(TAALK_TRIGGER.id);
			const webhookId = (TAALK_TRIGGER.nodes[0] as { webhookId: string }).webhookId;
			const url = `${cluster!.webhookBaseUrl}webhook/${webhookId}/taalk`;
			await waitForWebhook(url, MINUTE);
			const send = (token: string) =>
				taalk.postCallFlowEvent(
					url,
					{ event: 'FINISH', callId: '6791043299aeedfec27f0001', summary: 'Booked.' },
					{ token },
				);
			expect((await send('wrong')).status).toBe(401);
			const before = await cluster!.api.executionIds(TAALK_TRIGGER.id);
			expect((await send(TAALK_TOKEN)).status).toBe(200);
			const execution = await nextExecution(TAALK_TRIGGER.id, before);
			const outputs = succeeded(execution);
			expect(outputs['Call finished'].map((item) => item.json)).toEqual([
				{ event: 'FINISH', callId: '6791043299aeedfec27f0001', summary: 'Booked.' },
			]);
		});
	});

	describe('a worker killed (SIGKILL) in the middle of a run', () => {
		/**
		 * Starts the workflow, waits until `progressed` says the run is under way, and SIGKILLs the worker that runs it
		 * (with its task runner). Returns the killed worker and the failed execution, once n8n has recorded it.
		 */
		const killMidRun = async (workflow: WorkflowImport, progressed: () => boolean) =>
			await withLogs(async () => {
				const id = await cluster!.api.run(workflow.id, MANUAL);
				const worker = await waitFor('a worker to start the execution', () => cluster!.workerOf(id), MINUTE);
				await waitFor('the run to be under way', () => (progressed() ? true : undefined), MINUTE);
				const killedAt = Date.now();
				await cluster!.processes[worker].stop('SIGKILL');
				const execution = await cluster!.api.waitForExecution(id, 2 * MINUTE);
				return { worker, execution, recordedAfterMs: Date.now() - killedAt };
			});

		/** Restarts the killed worker (so that the next test has two again) while the workflow runs once more. */
		const rerun = async (workflow: WorkflowImport, killed: Role) => {
			const restart = cluster!.startProcess(killed);
			const execution = await runManually(workflow);
			await restart;
			return execution;
		};

		/**
		 * What n8n records for a job whose worker died: Bull fails the job once its lock expired (n8n sets
		 * maxStalledCount 0: never run again), and the main records the execution as "error" with n8n's
		 * MaxStalledCountError (WorkflowRunner.processError, in 2.8.4 as in 2.41.1; 2.41.1 first rechecks the status
		 * for up to 30 s). "crashed" is what n8n records for executions it finds unfinished when it starts again,
		 * not this.
		 */
		const expectFailedRecord = (execution: Execution) => {
			expect({
				status: execution.status,
				finished: execution.finished,
				error: execution.data?.resultData.error?.message,
			}).toEqual({
				status: 'error',
				finished: false,
				error: expect.stringContaining('failed to be processed too many times'),
			});
		};

		it(`Taalk: ${TAALK_BULK_COUNT.toLocaleString('en-US')} contacts; the rerun leaves each exactly once`, async () => {
			const appends = () =>
				taalk.requests({ method: 'POST', path: `/api/campaign2s/${TAALK_BULK_CAMPAIGN}/contacts` });
			taalk.setLatency(400, { method: 'POST', path: `/api/campaign2s/${TAALK_BULK_CAMPAIGN}/contacts` });
			const { worker, execution, recordedAfterMs } = await killMidRun(
				TAALK_BULK,
				() => appends().length >= 3,
			);
			process.stdout.write(
				`[queue] Taalk: ${worker} killed after ${appends().length} requests; n8n recorded "${execution.status}" ${recordedAfterMs} ms later\n`,
			);
			expectFailedRecord(execution);
			const partial = taalk.contacts(TAALK_BULK_CAMPAIGN).length;
			expect(partial).toBeGreaterThan(0);
			expect(partial).toBeLessThan(TAALK_BULK_COUNT);

			taalk.setLatency(0, { method: 'POST', path: `/api/campaign2s/${TAALK_BULK_CAMPAIGN}/contacts` });
			const again = await rerun(TAALK_BULK, worker);
			const outputs = succeeded(again);
			expect(outputs['Append to campaign']).toHaveLength(TAALK_BULK_COUNT);
			const contacts = taalk.contacts(TAALK_BULK_CAMPAIGN);
			const phones = contacts.map((c) => c.phone);
			expect(contacts).toHaveLength(TAALK_BULK_COUNT);
			expect(new Set(phones).size).toBe(TAALK_BULK_COUNT);
			expect(phones.filter((phone) => !/^704705\d{4}$/.test(phone))).toEqual([]);
			// What the second run says: the contacts the killed run had stored were updated, the rest inserted.
			const batches = new Map<number, { inserted: number; updated: number }>();
			for (const item of outputs['Append to campaign']) {
				const batch = item.json.batch as { number: number; inserted: number; updated: number };
				batches.set(batch.number, batch);
			}
			const totals = [...batches.values()].reduce(
				(sum, b) => ({ inserted: sum.inserted + b.inserted, updated: sum.updated + b.updated }),
				{ inserted: 0, updated: 0 },
			);
			expect(totals.inserted + totals.updated).toBe(TAALK_BULK_COUNT);
			expect(totals.updated).toBeGreaterThanOrEqual(partial);
		});

		it(`WhatTalk: ${WHATTALK_BULK_COUNT.toLocaleString('en-US')} leads; the rerun leaves each exactly once`, async () => {
			const adds = () => whattalk.requests({ method: 'POST', path: '/api/user/lead' });
			const scope = { method: 'POST', path: '/api/user/lead' };
			whattalk.setLatency(40, scope);
			const { worker, execution, recordedAfterMs } = await killMidRun(
				WHATTALK_BULK,
				() => adds().length >= 150,
			);
			process.stdout.write(
				`[queue] WhatTalk: ${worker} killed after ${adds().length} requests; n8n recorded "${execution.status}" ${recordedAfterMs} ms later\n`,
			);
			expectFailedRecord(execution);
			const partial = whattalk.leadsOf(WHATTALK_BULK_CAMPAIGN).length;
			expect(partial).toBeGreaterThan(0);
			expect(partial).toBeLessThan(WHATTALK_BULK_COUNT);

			whattalk.setLatency(0, scope);
			const again = await rerun(WHATTALK_BULK, worker);
			const outputs = succeeded(again);
			const items = outputs['Add leads'];
			expect(items).toHaveLength(WHATTALK_BULK_COUNT);
			const outcomes: Record<string, number> = {};
			for (const item of items)
				outcomes[String(item.json.outcome)] = (outcomes[String(item.json.outcome)] ?? 0) + 1;
			// The leads the killed run had added are refused as duplicates (duplicates are blocked); the rest are added.
			expect(Object.keys(outcomes).sort()).toEqual(['added', 'duplicate']);
			expect(outcomes.duplicate).toBeGreaterThanOrEqual(partial);
			const leads = whattalk.leadsOf(WHATTALK_BULK_CAMPAIGN);
			expect(leads).toHaveLength(WHATTALK_BULK_COUNT);
			expect(new Set(leads.map((lead) => lead.phone_number)).size).toBe(WHATTALK_BULK_COUNT);
		});
	});

	describe('after the workers were killed and restarted', () => {
		it('the WhatTalk Trigger is still registered once; unpublishing unregisters it, once', async () => {
			expect(enables()).toHaveLength(1);
			await cluster!.api.deactivate(WHATTALK.id);
			await withLogs(() =>
				waitFor(
					'the trigger to unregister',
					() => (registeredUrl() === undefined ? true : undefined),
					MINUTE,
				),
			);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			expect(disables()).toHaveLength(1);
			expect(enables()).toHaveLength(1);
		});

		const enables = () => whattalk.requests({ method: 'POST', path: '/api/user/assistants/enable-webhook' });
		const disables = () =>
			whattalk.requests({ method: 'POST', path: '/api/user/assistants/disable-webhook' });
		const registeredUrl = () =>
			whattalk.state.assistants.get(WHATTALK_DEV.outboundAssistant)?.webhook_url ?? undefined;
	});
});
