/**
 * End to end: our packed package, installed as a community package into a real n8n 2.8.4, runs a workflow headlessly
 * (`n8n execute`) against the Talkturo sandbox:
 *
 *   Manual Trigger → New lead (Set) → Create contact (Talkturo) → Campaign leads (Set: 3 leads) → One item per lead
 *     (Split Out) → Upsert and enrol (Talkturo) → Dry run (Talkturo Campaign Run, dryRun) → Run (Talkturo Campaign Run)
 *
 * The workflow is test/e2e/workflows/talkturo-enrol-and-run.json (also usable as the example workflow of `npm run dev`).
 *
 * Then `n8n publish:workflow` + `n8n start` activates test/e2e/workflows/talkturo-post-call-sync.json:
 *   Talkturo Trigger (call.ended, signature verified, contact fetched) → Save outcome (Talkturo Contact Update)
 * The sandbox ends one of the started calls and posts the signed `call.ended` event to the trigger's production URL;
 * the workflow saves the AI's findings on the contact. An unsigned post is refused with 401.
 * The first run on a machine installs n8n into ~/.cache (scripts/install-n8n.sh, ~5 min); later runs take ~30 s.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { TALKTURO_DEV } from '../sandbox/providers';
import {
	sendTalkturoWebhook,
	startTalkturoSandbox,
	TALKTURO_FIXTURES,
	type TalkturoSandbox,
} from '../sandbox/talkturo';
import { freePort, killTree, N8n, PACKAGE_NAME, type ExecuteResult, type NodeItem } from './n8n';
import { describeFailure, loadWorkflow, n8nWithPackage, Timings, waitFor, waitForTrigger } from './support';

const MINUTE = 60_000;
const WORKFLOW_FILE = join(__dirname, 'workflows', 'talkturo-enrol-and-run.json');
const SYNC_FILE = join(__dirname, 'workflows', 'talkturo-post-call-sync.json');
const CREDENTIAL_ID = 'vcTalkturoSandbx';
const CAMPAIGN_ID = TALKTURO_DEV.campaign;

const NODE = {
	trigger: "When clicking 'Execute workflow'",
	newLead: 'New lead',
	create: 'Create contact',
	leads: 'Campaign leads',
	split: 'One item per lead',
	upsert: 'Upsert and enrol',
	dryRun: 'Dry run',
	run: 'Run',
} as const;

const PHONES = { ada: '+12025550170', grace: '+12025550171', alan: '+12025550172' };

describe(`${PACKAGE_NAME} Talkturo in a real n8n (n8n execute, community package installed from the packed tarball)`, () => {
	const apiToken = `tk_test_e2e-${randomBytes(8).toString('hex')}`;
	let sandbox: TalkturoSandbox | undefined;
	let n8n: N8n | undefined;
	let result: ExecuteResult;
	const timings = new Timings();
	const { timed } = timings;

	beforeAll(async () => {
		sandbox = await startTalkturoSandbox({ port: 0, apiKey: apiToken });
		sandbox.addCampaign({ id: CAMPAIGN_ID, name: 'E2E: trade show follow-up' });

		const workflow = loadWorkflow(WORKFLOW_FILE);
		n8n = await n8nWithPackage(timings, {
			credentials: [
				{
					id: CREDENTIAL_ID,
					name: 'Talkturo sandbox',
					type: 'talkturoApi',
					data: { baseUrl: sandbox!.url, apiToken, teamId: TALKTURO_FIXTURES.teamId },
				},
			],
			workflows: [workflow, loadWorkflow(SYNC_FILE)],
		});
		result = await timed('execute', () => n8n!.execute(workflow.id));
	}, 20 * MINUTE);

	afterAll(async () => {
		await sandbox?.close();
		await n8n?.dispose();
		timings.print('talkturo');
	});

	const output = (node: string): NodeItem[] => {
		const items = result.outputs[node];
		if (!items) throw new Error(`node "${node}" did not run. ${describeFailure(result)}`);
		return items;
	};

	it('the workflow references the sandbox campaign and credential', () => {
		const nodes = loadWorkflow(WORKFLOW_FILE).nodes.filter(
			(node) => node.type === `${PACKAGE_NAME}.talkturo`,
		);
		expect(nodes.map((node) => node.name)).toEqual([NODE.create, NODE.upsert, NODE.dryRun, NODE.run]);
		for (const node of nodes) {
			expect(node.credentials).toEqual({ talkturoApi: { id: CREDENTIAL_ID, name: 'Talkturo sandbox' } });
		}
	});

	it('n8n loads the package and the workflow runs to the end without error', () => {
		if (result.exitCode !== 0 || result.error) throw new Error(describeFailure(result));
		expect(result.run?.status).toBe('success');
		expect(Object.keys(result.outputs).sort()).toEqual(Object.values(NODE).sort());
		expect(result.stdout).not.toMatch(/packages are missing|Failed to load|Unrecognized node type/);
	});

	it('Create contact: created the new lead in E.164 with its custom field', () => {
		const items = output(NODE.create);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			first_name: 'Ada',
			last_name: 'Lovelace',
			phone: PHONES.ada,
			email: 'ada@example.com',
			source: 'website',
			custom_fields: { interest: 'pricing' },
			team_id: TALKTURO_FIXTURES.teamId,
		});
	});

	it('Upsert and enrol: found Ada by phone (updated), created Grace, and skipped Alan as do-not-call', () => {
		const items = output(NODE.upsert);
		const ada = output(NODE.create)[0].json.id;
		expect(items.map((item) => item.json.outcome)).toEqual([
			'updated, enrolled',
			'created, enrolled',
			'created, skipped (do-not-call)',
		]);
		expect(items.map((item) => item.json.phone)).toEqual([PHONES.ada, PHONES.grace, PHONES.alan]);
		expect(items[0].json.contactId).toBe(ada);
		expect(items[0].json.contact).toMatchObject({
			last_name: 'King',
			lead_status: 'contacted',
			custom_fields: { interest: 'pricing', list: 'e2e' },
		});
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	});

	it('Dry run: one request for the three items, previewing two calls and changing nothing', () => {
		const items = output(NODE.dryRun);
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.json).toMatchObject({
				campaignId: CAMPAIGN_ID,
				dryRun: true,
				started: 2,
				failed: 0,
				message: 'Dry run: would start 2 calls',
			});
		}
	});

	it('Run: started the two enrolled contacts; the campaign is running', () => {
		const items = output(NODE.run);
		expect(items[0].json).toMatchObject({ dryRun: false, started: 2, failed: 0, message: 'Started 2 calls' });
		expect((items[0].json.calls as Array<{ to: string }>).map((call) => call.to)).toEqual([
			PHONES.ada,
			PHONES.grace,
		]);
		expect(sandbox!.campaign(CAMPAIGN_ID)).toMatchObject({ status: 'running', contacts_called: 2 });
		expect(sandbox!.dialList(CAMPAIGN_ID).map((entry) => entry.status)).toEqual(['calling', 'calling']);
	});

	it('sent exactly the expected authenticated requests, in order', () => {
		const requests = sandbox!.requests();
		const contacts = '/api/crm/contacts';
		expect(requests.map((r) => `${r.method} ${r.route ?? r.path} ${r.status}`)).toEqual([
			`POST ${contacts} 201`,
			`GET ${contacts} 200`,
			`PUT ${contacts}/:id 200`,
			`GET ${contacts} 200`,
			`POST ${contacts} 201`,
			`GET ${contacts} 200`,
			`POST ${contacts} 201`,
			'POST /api/crm/campaigns/:id/contacts 200',
			'POST /api/crm/campaigns/:id/run 200',
			'POST /api/crm/campaigns/:id/run 200',
		]);
		for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${apiToken}`);
		const upserted = output(NODE.upsert).map((item) => item.json.contactId);
		expect(requests[7].body).toEqual({ contactIds: [upserted[0], upserted[1]] });
		expect(requests[8].body).toEqual({ dryRun: true });
		expect(requests[9].body).toEqual({ dryRun: false, maxCalls: 5 });
	});

	describe('Talkturo Trigger in `n8n start` (post-call data sync)', () => {
		const sync = loadWorkflow(SYNC_FILE);
		const trigger = sync.nodes[0] as { webhookId: string; parameters: { signingSecret: string } };
		let server: ChildProcess | undefined;
		let webhookUrl: string;

		beforeAll(async () => {
			if (result.exitCode !== 0) return;
			await n8n!.cliOrThrow(['publish:workflow', `--id=${sync.id}`]);
			const port = await freePort();
			server = await timed('n8n start', () =>
				n8n!.start({ port, env: { WEBHOOK_URL: `http://127.0.0.1:${port}/` }, timeoutMs: 4 * MINUTE }),
			);
			webhookUrl = `http://127.0.0.1:${port}/webhook/${trigger.webhookId}/talkturo`;
			// The server answers before activation has registered the webhook (404 from n8n 2.8; n8n 2.41 was seen
			// answering 200 without running the workflow while it started up): wait until the trigger itself answers,
			// which refuses an unsigned post with 401.
			await waitForTrigger(
				'the Talkturo Trigger to refuse an unsigned post',
				() => sendTalkturoWebhook(webhookUrl, {}),
				(answer) => answer.status === 401,
				{ timeoutMs: 2 * MINUTE },
			);
		}, 6 * MINUTE);

		afterAll(() => {
			if (server) killTree(server, 'SIGTERM');
		});

		it('an unsigned or wrongly signed post is refused with 401 and starts nothing', async () => {
			sandbox!.reset();
			const event = { event: 'call.ended', contact_id: 'cont_x' };
			expect((await sendTalkturoWebhook(webhookUrl, event)).status).toBe(401);
			expect((await sendTalkturoWebhook(webhookUrl, event, { secret: 'not-the-secret' })).status).toBe(401);
			expect(sandbox!.count()).toBe(0);
		});

		it("a signed call.ended event runs the workflow, which saves the AI's findings on the contact", async () => {
			sandbox!.reset();
			const call = [...sandbox!.state.calls.values()].find((c) => c.to_number === PHONES.grace)!;
			const event = sandbox!.completeCall(call.id, {
				extracted: { decision_maker: 'yes', budget: '50k' },
				summary: 'Grace wants a demo on Friday.',
			});
			const delivery = await sendTalkturoWebhook(webhookUrl, event, {
				secret: trigger.parameters.signingSecret,
			});
			expect(delivery.status).toBe(200);

			const update = await waitFor(
				'the workflow to update the contact',
				() => sandbox!.requests({ method: 'PUT', path: '/api/crm/contacts/:id' })[0],
				MINUTE,
			);
			expect(sandbox!.requests().map((r) => `${r.method} ${r.route}`)).toEqual([
				'GET /api/crm/contacts/:id',
				'PUT /api/crm/contacts/:id',
			]);
			expect(update.path).toBe(`/api/crm/contacts/${call.contact_id}`);
			expect(update.body).toEqual({ leadStatus: 'qualified', notes: 'Grace wants a demo on Friday.' });
			expect(sandbox!.contact(call.contact_id)).toMatchObject({
				lead_status: 'qualified',
				custom_fields: { decision_maker: 'yes', budget: '50k' },
			});
		});
	});
});
