/**
 * End to end: the example workflows of examples/ (the ones README links and `npm run dev` imports), unchanged except
 * where said, in a real n8n 2.8.4 with our packed package installed, against the four provider sandboxes seeded with
 * the ids `npm run dev` uses (campaigns, record list, assistant) and the credentials it creates (same ids and names).
 *
 * Headless (`n8n execute`, from the Manual Trigger):
 *   - sheet-rows-to-talkturo.json: stand-in sheet rows → Talkturo Upsert and enrol → Run campaign
 *   - talkdesk-daily-campaign.json, morning path: today's records → Talkdesk Append records → Start campaign
 * Then `n8n publish:workflow` + one `n8n start`:
 *   - crm-webhook-to-taalk.json: leads POSTed to the Webhook's production URL → Normalise lead → Taalk Append
 *   - whattalk-call-ended-to-crm.json: activation registers the WhatTalk Trigger on the assistant; the sandbox ends a
 *     call → Filter → HTTP Request PATCHes a CRM stand-in (a loopback server this test starts; the example's
 *     `https://crm.example.com/api` is pointed at it, the only change made to that workflow)
 *   - talkdesk-daily-campaign.json, end-of-day path: the Schedule Trigger's rule (weekdays 18:00) is swapped for
 *     "every 2 seconds", the only change made to that workflow, so that the Pause campaign branch runs within the test.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TAALK_DEV_CAMPAIGNS, TALKDESK_DEV, TALKTURO_DEV, WHATTALK_DEV } from '../sandbox/providers';
import { json, SandboxServer } from '../sandbox/server';
import { startTaalkSandbox, type TaalkSandbox } from '../sandbox/taalk';
import { startTalkdeskSandbox, type TalkdeskSandbox } from '../sandbox/talkdesk';
import { startTalkturoSandbox, type TalkturoSandbox } from '../sandbox/talkturo';
import { startWhatTalkSandbox, type WhatTalkSandbox } from '../sandbox/whattalk';
import { expectNoSecrets } from '../support/secrets';
import {
	killTree,
	PACKAGE_NAME,
	REPO_ROOT,
	type ExecuteResult,
	type N8n,
	type NodeItem,
	type WorkflowImport,
} from './n8n';
import {
	DEV_CREDENTIALS,
	describeFailure,
	expectExampleShape,
	loadWorkflow,
	n8nWithPackage,
	publishAndStart,
	sandboxCredentials,
	sandboxEndpoints,
	Timings,
	waitFor,
	waitForWebhook,
} from './support';

const MINUTE = 60_000;
const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const EXAMPLE = {
	crm: 'crm-webhook-to-taalk.json',
	sheet: 'sheet-rows-to-talkturo.json',
	whattalk: 'whattalk-call-ended-to-crm.json',
	talkdesk: 'talkdesk-daily-campaign.json',
} as const;
/**
 * The AI Agent example runs in its own suite (test/agent/: it needs n8n's AI Agent and a chat model stand-in), and
 * `npm run dev` does not import it (it has no OpenAI credential to give it). It is linked from README.md like the rest.
 */
const AGENT_EXAMPLE = 'ai-agent-campaigns.json';
const example = (file: string) => loadWorkflow(join(EXAMPLES_DIR, file));

type WorkflowNode = WorkflowImport['nodes'][number] & {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
};
const nodeOf = (workflow: WorkflowImport, name: string) => {
	const node = (workflow.nodes as WorkflowNode[]).find((n) => n.name === name);
	if (!node) throw new Error(`${workflow.name} has no node "${name}"`);
	return node;
};

const CRM_PLACEHOLDER = 'https://crm.example.com/api';
const CRM_NODE = 'Update CRM contact';
const END_OF_DAY = 'End of day (weekdays 18:00)';
const CRM_LEAD = {
	id: 'LEAD-1042',
	first_name: '  ada ',
	last_name: 'LOVELACE',
	phone: '(704) 705-8601',
	email: ' Ada@Example.com',
	city: 'charlotte',
	interest: 'Auto insurance',
};

describe(`${PACKAGE_NAME}: the example workflows in a real n8n, against the sandboxes`, () => {
	const keys = {
		taalk: `e2e-${randomBytes(8).toString('hex')}`,
		talkturo: `tk_test_e2e-${randomBytes(8).toString('hex')}`,
		whattalk: `e2e-${randomBytes(8).toString('hex')}`,
		talkdesk: `e2e-${randomBytes(8).toString('hex')}`,
	};
	const secrets = Object.values(keys);
	let taalk: TaalkSandbox | undefined;
	let talkturo: TalkturoSandbox | undefined;
	let whattalk: WhatTalkSandbox | undefined;
	let talkdesk: TalkdeskSandbox | undefined;
	const crm = new SandboxServer({ name: 'crm' }).patch('/api/contacts/:id', (req) =>
		json(200, { id: req.params.id, updated: Object.keys(req.body as object) }),
	);
	let n8n: N8n | undefined;
	const executed: Partial<Record<'sheet' | 'talkdesk', ExecuteResult>> = {};
	let server: ChildProcess | undefined;
	let baseUrl = '';
	let leadWithCrmId = 0;
	const timings = new Timings();

	beforeAll(async () => {
		taalk = await startTaalkSandbox({ port: 0, apiKey: keys.taalk });
		taalk.addCampaign({ _id: TAALK_DEV_CAMPAIGNS.main, name: 'E2E: auto insurance leads' });

		talkturo = await startTalkturoSandbox({ port: 0, apiKey: keys.talkturo });
		const ready = { firstName: 'Grace', lastName: 'Hopper', phone: '+12025550150' };
		talkturo.addContact({ id: TALKTURO_DEV.contacts.ready, ...ready });
		talkturo.addCampaign({
			id: TALKTURO_DEV.campaign,
			name: 'E2E: trade show follow-up',
			contactIds: [TALKTURO_DEV.contacts.ready],
		});

		whattalk = await startWhatTalkSandbox({ port: 0, apiKey: keys.whattalk });
		whattalk.addAssistant({ id: WHATTALK_DEV.outboundAssistant, name: 'E2E caller', type: 'outbound' });
		whattalk.addCampaign({
			id: WHATTALK_DEV.campaign,
			name: 'E2E: renewals',
			assistant_id: WHATTALK_DEV.outboundAssistant,
		});
		leadWithCrmId = whattalk.addLead({
			campaign_id: WHATTALK_DEV.campaign,
			phone_number: '+14155551001',
			variables: { customer_name: 'Ada', crm_id: 'C-1001/a' },
		}).id;

		talkdesk = await startTalkdeskSandbox({ port: 0, clientSecret: keys.talkdesk });
		const list = talkdesk.addRecordList({ id: TALKDESK_DEV.recordList, name: 'E2E: leads' });
		talkdesk.addCampaign({ id: TALKDESK_DEV.campaign, name: 'E2E: renewals', recordListIds: [list.id] });

		const { url: crmUrl } = await crm.start();
		const whattalkExample = example(EXAMPLE.whattalk);
		const crmNode = nodeOf(whattalkExample, CRM_NODE);
		crmNode.parameters.url = String(crmNode.parameters.url).replace(CRM_PLACEHOLDER, `${crmUrl}/api`);
		const talkdeskExample = example(EXAMPLE.talkdesk);
		nodeOf(talkdeskExample, END_OF_DAY).parameters.rule = {
			interval: [{ field: 'seconds', secondsInterval: 2 }],
		};

		n8n = await n8nWithPackage(timings, {
			credentials: sandboxCredentials(
				DEV_CREDENTIALS,
				sandboxEndpoints({ taalk, talkturo, whattalk, talkdesk }, keys),
			),
			workflows: [example(EXAMPLE.crm), example(EXAMPLE.sheet), whattalkExample, talkdeskExample],
		});
		executed.sheet = await timings.timed('execute sheet rows', () => n8n!.execute(example(EXAMPLE.sheet).id));
		executed.talkdesk = await timings.timed('execute talkdesk', () => n8n!.execute(talkdeskExample.id));
		({ server, baseUrl } = await publishAndStart(n8n, timings, [
			example(EXAMPLE.crm).id,
			whattalkExample.id,
			talkdeskExample.id,
		]));
	}, 20 * MINUTE);

	afterAll(async () => {
		if (server) killTree(server, 'SIGTERM');
		await Promise.all([taalk, talkturo, whattalk, talkdesk, crm].map((sandbox) => sandbox?.close()));
		await n8n?.dispose();
		timings.print('examples');
	});

	/** The output of `node` in a headless run; fails with n8n's output when the run did not get there. */
	const output = (run: ExecuteResult | undefined, node: string): NodeItem[] => {
		if (!run) throw new Error('the workflow was not executed (setup failed)');
		const items = run.outputs[node];
		if (!items) throw new Error(`node "${node}" did not run. ${describeFailure(run)}`);
		return items;
	};
	const succeeded = (run: ExecuteResult | undefined) => {
		if (!run || run.exitCode !== 0 || run.error) throw new Error(run ? describeFailure(run) : 'not run');
		expect(run.run?.status).toBe('success');
		expectNoSecrets(run.run, secrets, 'execution data');
	};

	describe('every example is importable as shipped', () => {
		const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json'));

		it('examples/ holds the four examples run here and the AI Agent one, each linked from README.md; npm run dev imports the four', () => {
			expect(files.sort()).toEqual([...Object.values(EXAMPLE), AGENT_EXAMPLE].sort());
			const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
			const dev = readFileSync(join(REPO_ROOT, 'scripts', 'dev.js'), 'utf8');
			for (const file of files) {
				// Absolute, so that the link also works on the package's npm page.
				expect(readme).toContain(
					`(https://github.com/n8n-nodes-voice-campaigns/n8n-nodes-voice-campaigns/blob/main/examples/${file})`,
				);
				if (file !== AGENT_EXAMPLE) expect(dev).toContain(`'examples/${file}'`);
			}
		});

		it.each(Object.values(EXAMPLE))(
			'%s: a clear name, a note, connected nodes, the dev credentials',
			(file) => expectExampleShape(example(file), DEV_CREDENTIALS),
		);
	});

	describe(`${EXAMPLE.sheet} (n8n execute)`, () => {
		const UPSERT = 'Upsert and enrol';
		const RUN = 'Run campaign';

		it('runs to the end: stand-in rows → upsert and enrol → run', () => {
			succeeded(executed.sheet);
			expect(Object.keys(executed.sheet!.outputs)).toEqual([
				"When clicking 'Execute workflow'",
				'New sheet rows (replace with Google Sheets Trigger)',
				'One item per row',
				UPSERT,
				RUN,
			]);
		});

		it('each row: created or found by phone (E.164) and updated; enrolled unless marked "Do not call"', () => {
			const items = output(executed.sheet, UPSERT);
			// Talkturo answers a bulk enrol with counts only: Grace was on the dial list already, so of the batch of two
			// one was added and one skipped, and neither item can be told which ("sent", with the batch's counts).
			expect(items.map((item) => [item.json.phone, item.json.outcome])).toEqual([
				['+12025550170', 'created, sent'],
				['+12025550150', 'updated, sent'],
				['+12025550173', 'created, skipped (do-not-call)'],
			]);
			expect(items[0].json.batch).toMatchObject({ size: 2, added: 1, skipped: 1 });
			items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
			expect(items[1].json.contactId).toBe(TALKTURO_DEV.contacts.ready);
			const ada = talkturo!.contact(String(items[0].json.contactId));
			expect(ada).toMatchObject({
				first_name: 'Ada',
				last_name: 'Lovelace',
				email: 'ada@example.com',
				source: 'Lead sheet',
				do_not_call: false,
				custom_fields: { sheet_row: 2 },
			});
			expect(talkturo!.contact(String(items[2].json.contactId))).toMatchObject({ do_not_call: true });
		});

		it('Run: once for the three rows, calling the two contacts on the dial list', () => {
			const items = output(executed.sheet, RUN);
			expect(items[0].json).toMatchObject({ dryRun: false, started: 2, failed: 0 });
			expect(talkturo!.requests({ method: 'POST', path: '/api/crm/campaigns/:id/run' })).toHaveLength(1);
			const ada = output(executed.sheet, UPSERT)[0].json.contactId;
			expect(talkturo!.dialList(TALKTURO_DEV.campaign).map((e) => [e.contact_id, e.status])).toEqual([
				[TALKTURO_DEV.contacts.ready, 'calling'],
				[ada, 'calling'],
			]);
			expect(talkturo!.campaign(TALKTURO_DEV.campaign)).toMatchObject({ status: 'running' });
		});
	});

	describe(`${EXAMPLE.talkdesk}`, () => {
		it('the shipped workflow pauses at 18:00 on weekdays, New York time', () => {
			const workflow = example(EXAMPLE.talkdesk);
			expect(workflow.settings).toMatchObject({ timezone: 'America/New_York' });
			expect(nodeOf(workflow, END_OF_DAY).parameters.rule).toEqual({
				interval: [
					{
						field: 'weeks',
						weeksInterval: 1,
						triggerAtDay: [1, 2, 3, 4, 5],
						triggerAtHour: 18,
						triggerAtMinute: 0,
					},
				],
			});
			expect(workflow.connections[END_OF_DAY]).toEqual({
				main: [[{ node: 'Pause campaign', type: 'main', index: 0 }]],
			});
		});

		it('morning (n8n execute): three records appended in one bulk request, then the campaign started once', () => {
			succeeded(executed.talkdesk);
			expect(executed.talkdesk!.outputs['Pause campaign']).toBeUndefined();
			const appended = output(executed.talkdesk, 'Append records');
			expect(appended.map((item) => item.json.phone)).toEqual([
				'+17047051201',
				'+17047051202',
				'+17047051203',
			]);
			expect(output(executed.talkdesk, 'Start campaign')).toHaveLength(1);
			const bulks = talkdesk!.requests({ method: 'POST', path: /\/records\/bulks$/ });
			expect(bulks.map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([3]);
			expect(talkdesk!.records(TALKDESK_DEV.recordList)[2]).toMatchObject({
				first_name: 'Grace',
				timezone: 'America/Chicago',
				extra_data: { plan: 'gold' },
			});
			// (Once `n8n start` is up, the end-of-day branch adds "paused" PATCHes: that is the next test.)
			const patches = talkdesk!.requests({ method: 'PATCH' }).map((r) => r.body);
			expect(patches[0]).toEqual({ op: 'REPLACE', path: 'status', value: 'running' });
			expect(patches.filter((body) => (body as { value: string }).value === 'running')).toHaveLength(1);
		});

		it('end of day (n8n start, schedule swapped to every 2 s): the Schedule Trigger pauses the campaign', async () => {
			expect(server).toBeDefined();
			await waitFor(
				'the end-of-day branch to pause the campaign',
				() => (talkdesk!.state.campaigns.get(TALKDESK_DEV.campaign)?.status === 'PAUSED' ? true : undefined),
				MINUTE,
			);
			const patches = talkdesk!.requests({ method: 'PATCH' });
			expect(patches[0].body).toEqual({ op: 'REPLACE', path: 'status', value: 'running' });
			for (const patch of patches.slice(1)) {
				expect(patch.body).toEqual({ op: 'REPLACE', path: 'status', value: 'paused' });
			}
			// The schedule runs only its own branch: nothing appended, nothing started again.
			expect(talkdesk!.requests({ method: 'POST', path: /\/records\/bulks$/ })).toHaveLength(1);
			expect(talkdesk!.records(TALKDESK_DEV.recordList)).toHaveLength(3);
		});
	});

	describe(`${EXAMPLE.crm} (n8n start, production webhook)`, () => {
		const post = async (body: unknown) => {
			const url = `${baseUrl}webhook/crm-new-lead`;
			await waitForWebhook(url, MINUTE);
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(MINUTE),
			});
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		const appends = () =>
			taalk!.requests({ method: 'POST', path: `/api/campaign2s/${TAALK_DEV_CAMPAIGNS.main}/contacts` });
		const STORED = {
			name: 'Ada',
			last_name: 'Lovelace',
			phone: '7047058601',
			Taalk_City: 'Charlotte',
			Taalk_Email: 'ada@example.com',
			Taalk_Interest: 'Auto insurance',
			Taalk_CRM_Lead_ID: 'LEAD-1042',
		};

		it('once published, n8n serves the production URL (the preflight probe refuses an unknown path)', async () => {
			await waitForWebhook(`${baseUrl}webhook/crm-new-lead`, MINUTE);
			const unknown = await fetch(`${baseUrl}webhook/not-a-webhook`, {
				method: 'OPTIONS',
				headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			});
			expect(unknown.ok).toBe(false);
		});

		it("a new lead from the CRM is normalised and appended to the campaign; the CRM gets Taalk's answer", async () => {
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
			expect(appends().map((r) => r.body)).toEqual([{ append: [STORED] }]);
			expect(appends()[0].headers.authorization).toBe(`Bearer ${keys.taalk}`);
			expect(taalk!.contacts(TAALK_DEV_CAMPAIGNS.main).map(({ _id, ...fields }) => fields)).toEqual([STORED]);
			expectNoSecrets(response, secrets, 'webhook response');
		});

		it('the same lead sent again (a CRM retry) is updated, not added twice', async () => {
			const response = await post({ event: 'lead.updated', lead: { ...CRM_LEAD, interest: 'Home' } });
			expect(response.body.batch).toMatchObject({ inserted: 0, updated: 1 });
			expect(taalk!.contacts(TAALK_DEV_CAMPAIGNS.main)).toEqual([
				expect.objectContaining({ ...STORED, Taalk_Interest: 'Home' }),
			]);
		});

		it('a lead whose phone is not a number is answered with an error, and nothing reaches Taalk', async () => {
			const before = taalk!.count();
			const response = await post({ event: 'lead.created', lead: { ...CRM_LEAD, phone: 'call me' } });
			expect(response.status).toBe(500);
			expect(taalk!.count()).toBe(before);
			expectNoSecrets(response, secrets, 'webhook response');
		});
	});

	describe(`${EXAMPLE.whattalk} (n8n start, WhatTalk Trigger)`, () => {
		/** The URL the trigger registered on the assistant when the workflow was activated. */
		const registeredUrl = async () =>
			await waitFor(
				'the WhatTalk Trigger to register its URL',
				() => whattalk!.state.assistants.get(WHATTALK_DEV.outboundAssistant)?.webhook_url ?? undefined,
				MINUTE,
			);

		it("publishing registered the trigger's URL, with its secret token, on the assistant", async () => {
			expect(await registeredUrl()).toMatch(
				/^http:\/\/127\.0\.0\.1:\d+\/webhook\/c4f8a2e6-1b3d-4f5a-8e7c-9d0b1a2c3e4f\/webhook\?token=[\w-]{32}$/,
			);
		});

		it("a campaign call ends: the CRM stand-in receives the call's outcome and the AI's extracted variables", async () => {
			const token = new URL(await registeredUrl()).searchParams.get('token')!;
			// A call outside a campaign (no lead, no crm_id) must be filtered out. It is delivered first, so a PATCH it
			// wrongly caused would normally reach the CRM before the campaign call's.
			expect((await whattalk!.sendPostCall(WHATTALK_DEV.outboundAssistant)).status).toBe(200);
			const extracted = { status: true, summary: 'Booked a demo for Friday.', budget: '50k' };
			const delivery = await whattalk!.completeCall(leadWithCrmId, {
				duration: 61,
				extracted_variables: extracted,
			});
			expect(delivery?.status).toBe(200);

			const update = await waitFor('the CRM update', () => crm.requests({ method: 'PATCH' })[0], MINUTE);
			expect(update.path).toBe('/api/contacts/C-1001%2Fa');
			expect(update.params).toEqual({ id: 'C-1001/a' });
			expect(update.headers['content-type']).toMatch(/^application\/json/);
			expect(update.body).toEqual({
				last_call_status: 'completed',
				last_call_duration_seconds: 61,
				last_call_at: delivery!.payload.finished_at,
				last_call_summary: 'Booked a demo for Friday.',
				ai_extracted: extracted,
				recording_url: delivery!.payload.recording_url,
				whattalk_lead_id: leadWithCrmId,
				whattalk_campaign: 'E2E: renewals',
			});
			expect(crm.count()).toBe(1);
			expectNoSecrets(crm.requests(), [...secrets, token], 'CRM requests');
		});
	});
});
