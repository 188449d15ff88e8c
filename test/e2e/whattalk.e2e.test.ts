/**
 * End to end: our packed package, installed as a community package into a real n8n 2.8.4, against the WhatTalk sandbox.
 *
 * 1. `n8n execute` (headless) runs test/e2e/workflows/whattalk-campaign.json:
 *      Manual Trigger → Create campaign (WhatTalk) → Leads (Set: 200 leads) → One item per lead (Split Out)
 *        → Add leads (WhatTalk, one request per lead, 5 at a time) → Start campaign (WhatTalk, execute once)
 * 2. `n8n publish:workflow` + `n8n start` activates test/e2e/workflows/whattalk-post-call-sync.json:
 *      WhatTalk Trigger (call ended, assistant 101) → Save outcome on lead (WhatTalk Lead Update)
 *    Activation must register the trigger's URL (with its secret token) on the assistant; the sandbox then sends a
 *    post-call event to it as WhatTalk does, and the workflow writes the call's outcome back onto the lead.
 *
 * The first run on a machine installs n8n into ~/.cache (scripts/install-n8n.sh, ~5 min).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { WHATTALK_DEV } from '../sandbox/providers';
import { startWhatTalkSandbox, type WhatTalkSandbox } from '../sandbox/whattalk';
import { freePort, killTree, N8n, PACKAGE_NAME, type ExecuteResult, type NodeItem } from './n8n';
import { describeFailure, loadWorkflow, n8nWithPackage, Timings, waitFor, waitForTrigger } from './support';

const MINUTE = 60_000;
const CAMPAIGN_WORKFLOW = join(__dirname, 'workflows', 'whattalk-campaign.json');
const SYNC_WORKFLOW = join(__dirname, 'workflows', 'whattalk-post-call-sync.json');
const CREDENTIAL_ID = 'vcWhatTalkSandbx';
const LEAD_COUNT = 200;

const NODE = {
	trigger: "When clicking 'Execute workflow'",
	create: 'Create campaign',
	leads: 'Leads',
	split: 'One item per lead',
	add: 'Add leads',
	start: 'Start campaign',
} as const;

/** The E.164 number the node must send for lead i of the Set node. */
const e164 = (i: number) => `+1415555${1000 + i}`;

describe(`${PACKAGE_NAME} WhatTalk in a real n8n (community package installed from the packed tarball)`, () => {
	const apiKey = `e2e-${randomBytes(8).toString('hex')}`;
	let sandbox: WhatTalkSandbox | undefined;
	let n8n: N8n | undefined;
	let result: ExecuteResult;
	const timings = new Timings();
	const { timed } = timings;

	beforeAll(async () => {
		sandbox = await startWhatTalkSandbox({ port: 0, apiKey });
		sandbox.addAssistant({ id: WHATTALK_DEV.outboundAssistant, name: 'E2E caller', type: 'outbound' });
		sandbox.addPhoneNumber({ id: WHATTALK_DEV.callerIdNumber, phone_number: '+14155550123' });

		const workflow = loadWorkflow(CAMPAIGN_WORKFLOW);
		n8n = await n8nWithPackage(timings, {
			credentials: [
				{
					id: CREDENTIAL_ID,
					name: 'WhatTalk sandbox',
					type: 'whatTalkApi',
					data: { apiKey, baseUrl: sandbox!.baseUrl },
				},
			],
			workflows: [workflow, loadWorkflow(SYNC_WORKFLOW)],
		});
		result = await timed('execute', () => n8n!.execute(workflow.id));
	}, 20 * MINUTE);

	afterAll(async () => {
		await sandbox?.close();
		await n8n?.dispose();
		timings.print('whattalk');
	});

	const output = (node: string): NodeItem[] => {
		const items = result.outputs[node];
		if (!items) throw new Error(`node "${node}" did not run. ${describeFailure(result)}`);
		return items;
	};

	const campaignId = () => Number(output(NODE.create)[0].json.id);

	describe('create campaign → add 200 leads from items → start (n8n execute)', () => {
		it('n8n loads the package and the workflow runs to the end without error', () => {
			if (result.exitCode !== 0 || result.error) throw new Error(describeFailure(result));
			expect(result.run?.status).toBe('success');
			expect(Object.keys(result.outputs).sort()).toEqual(Object.values(NODE).sort());
		});

		it('Create: one draft campaign with every parameter as set in the node', () => {
			expect(output(NODE.create)).toHaveLength(1);
			const created = sandbox!.requests({ method: 'POST', path: '/api/user/campaign' });
			expect(created).toHaveLength(1);
			expect(created[0].body).toEqual({
				name: 'E2E: spring renewals',
				assistant_id: WHATTALK_DEV.outboundAssistant,
				timezone: 'Europe/Istanbul',
				allowed_hours_start_time: '09:00',
				allowed_hours_end_time: '18:00',
				allowed_days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
				max_retries: 2,
				retry_interval: 120,
				max_calls_in_parallel: 5,
				retry_on_voicemail: true,
				goal_completion_variable: 'appointment_booked',
				retry_on_goal_incomplete: true,
				phone_number_ids: [WHATTALK_DEV.callerIdNumber],
			});
		});

		it('Add: 200 requests, one output item per lead in input order, every lead stored once', () => {
			const items = output(NODE.add);
			expect(items).toHaveLength(LEAD_COUNT);
			items.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(item.json).toMatchObject({
					campaign_id: campaignId(),
					phone_number: e164(i),
					status: 'created',
					variables: { customer_name: `Lead ${i}`, plan: ['basic', 'plus', 'pro'][i % 3] },
					outcome: 'added',
				});
			});
			const requests = sandbox!.requests({ method: 'POST', path: '/api/user/lead' });
			expect(requests).toHaveLength(LEAD_COUNT);
			for (const request of requests) {
				expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
				expect(request.body).toMatchObject({ campaign_id: campaignId(), allow_dupplicate: false });
			}
			const stored = sandbox!.leadsOf(campaignId()).map((lead) => lead.phone_number);
			expect(stored.sort()).toEqual(Array.from({ length: LEAD_COUNT }, (_, i) => e164(i)).sort());
		});

		it('Start: ran once, after the adds; the campaign is in progress', () => {
			expect(output(NODE.start)).toEqual([
				expect.objectContaining({
					json: {
						campaign_id: campaignId(),
						status: 'in-progress',
						message: 'Campaign started successfully',
					},
				}),
			]);
			const log = sandbox!.requests().map((r) => `${r.method} ${r.path}`);
			expect(log.filter((line) => line === 'POST /api/user/campaigns/update-status')).toHaveLength(1);
			expect(log[log.length - 1]).toBe('POST /api/user/campaigns/update-status');
			expect(sandbox!.state.campaigns.get(campaignId())?.status).toBe('in-progress');
		});
	});

	describe('trigger activation in `n8n start` (post-call data sync)', () => {
		let server: ChildProcess | undefined;
		let registered: string;

		beforeAll(async () => {
			if (result.exitCode !== 0) return;
			sandbox!.reset();
			await n8n!.cliOrThrow(['publish:workflow', `--id=${loadWorkflow(SYNC_WORKFLOW).id}`]);
			const port = await freePort();
			server = await timed('n8n start', () =>
				n8n!.start({ port, env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` }, timeoutMs: 4 * MINUTE }),
			);
			registered = await waitFor(
				'the trigger to register its URL',
				() => sandbox!.state.assistants.get(WHATTALK_DEV.outboundAssistant)?.webhook_url ?? undefined,
				MINUTE,
			);
		}, 6 * MINUTE);

		afterAll(() => {
			if (server) killTree(server, 'SIGTERM');
		});

		it('activation registered the production webhook URL with a secret token on the assistant', () => {
			expect(registered).toMatch(
				/^http:\/\/127\.0\.0\.1:\d+\/webhook\/0f1e2d3c-4b5a-4697-8887-766554433221\/webhook\?token=[A-Za-z0-9_-]{32}$/,
			);
			expect(sandbox!.requests({ path: '/api/user/assistants/enable-webhook' })).toHaveLength(1);
		});

		it('a request without the token is refused (401) and starts nothing', async () => {
			const url = new URL(registered);
			url.search = '';
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ lead: { id: 1 } }),
			});
			expect(response.status).toBe(401);
		});

		it("a post-call event from WhatTalk runs the workflow, which saves the call's outcome on the lead", async () => {
			const lead = sandbox!.leadsOf(campaignId())[0];
			const overrides = {
				duration: 61,
				extracted_variables: { status: true, summary: 'Booked a demo for Friday.' },
			};
			let delivery = await sandbox!.completeCall(lead.id, overrides);
			// n8n stores the trigger's token (its static data) after the activation that registered the URL returns;
			// on a busy machine the event can arrive first and is refused (401, nothing run). WhatTalk delivers
			// again, as a webhook sender does after a failure.
			if (delivery?.status === 401) {
				delivery = await waitForTrigger(
					'the WhatTalk Trigger to take a delivery',
					() => sandbox!.sendPostCall(WHATTALK_DEV.outboundAssistant, { lead, overrides }),
					(answer) => answer.status !== 401,
					{ timeoutMs: 20_000, intervalMs: 1000 },
				);
			}
			expect(delivery?.status).toBe(200);
			const update = await waitFor(
				'the workflow to update the lead',
				() => sandbox!.requests({ method: 'PUT', path: '/api/user/leads/:id' })[0],
				MINUTE,
			);
			expect(update.path).toBe(`/api/user/leads/${lead.id}`);
			const { variables } = update.body as { variables: Record<string, unknown> };
			expect(Object.keys(update.body as object)).toEqual(['variables']);
			expect(variables.call_summary).toBe('Booked a demo for Friday.');
			expect(String(variables.call_duration)).toBe('61');
			expect(sandbox!.state.leads.get(lead.id)?.variables).toMatchObject({
				customer_name: 'Lead 0',
				call_summary: 'Booked a demo for Friday.',
			});
		});
	});
});
