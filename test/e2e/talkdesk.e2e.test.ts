/**
 * End to end: our packed package, installed as a community package into a real n8n 2.8.4, runs a workflow headlessly
 * (`n8n execute`) against the Talkdesk sandbox (OAuth2 client credentials + Campaign Management API):
 *
 *   Manual Trigger → Leads (Set: 250 leads) → One item per lead (Split Out)
 *     → Append records (Talkdesk, bulk: 100 + 100 + 50) → Start campaign (execute once) → Pause campaign
 *
 * The sandbox's tokens live 2 s and each bulk request takes 0.9 s, so the token expires during the append: this
 * proves, in the real n8n, that the credential's preAuthentication fetches a token on first use, that n8n stores
 * and reuses it, and that it is renewed after a 401 (the node drops it, n8n fetches a new one) without duplicating
 * any record.
 * The workflow is test/e2e/workflows/talkdesk-campaign.json (also usable as the dev example workflow).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { TALKDESK_DEV } from '../sandbox/providers';
import { startTalkdeskSandbox, TALKDESK_CLIENT_ID, type TalkdeskSandbox } from '../sandbox/talkdesk';
import { N8n, PACKAGE_NAME, type ExecuteResult, type NodeItem } from './n8n';
import { describeFailure, loadWorkflow, n8nWithPackage, Timings } from './support';

const MINUTE = 60_000;
const WORKFLOW_FILE = join(__dirname, 'workflows', 'talkdesk-campaign.json');
const CREDENTIAL_ID = 'vcTalkdeskSandbx';
const LEAD_COUNT = 250;

const NODE = {
	trigger: "When clicking 'Execute workflow'",
	leads: 'Leads',
	split: 'One item per lead',
	append: 'Append records',
	start: 'Start campaign',
	pause: 'Pause campaign',
} as const;

/** The E.164 number the node must send for lead i of the Set node. */
const e164 = (i: number) => `+1704705${1000 + i}`;

describe(`${PACKAGE_NAME}: Talkdesk in a real n8n (n8n execute, community package from the packed tarball)`, () => {
	const clientSecret = `e2e-${randomBytes(8).toString('hex')}`;
	let sandbox: TalkdeskSandbox | undefined;
	let n8n: N8n | undefined;
	let result: ExecuteResult;
	const timings = new Timings();
	const { timed } = timings;

	beforeAll(async () => {
		sandbox = await startTalkdeskSandbox({ port: 0, clientSecret, tokenTtlSeconds: 2 });
		sandbox.setLatency(900, { path: /\/records\/bulks$/ });
		const list = sandbox.addRecordList({ id: TALKDESK_DEV.recordList, name: 'E2E: leads' });
		sandbox.addCampaign({ id: TALKDESK_DEV.campaign, name: 'E2E: renewals', recordListIds: [list.id] });

		const workflow = loadWorkflow(WORKFLOW_FILE);
		n8n = await n8nWithPackage(timings, {
			credentials: [
				{
					id: CREDENTIAL_ID,
					name: 'Talkdesk sandbox',
					type: 'talkdeskOAuth2Api',
					data: {
						region: 'custom',
						tokenUrl: sandbox!.tokenUrl,
						apiBaseUrl: sandbox!.url,
						clientId: TALKDESK_CLIENT_ID,
						clientSecret,
						scope: 'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage',
					},
				},
			],
			workflows: [workflow],
		});
		result = await timed('execute', () => n8n!.execute(workflow.id));
	}, 20 * MINUTE);

	afterAll(async () => {
		const tokenSummary = sandbox
			? `tokens issued: ${sandbox.tokensIssued}, requests: ${sandbox
					.requests()
					.map((r) => `${r.method} ${r.route ?? r.path} ${r.status ?? r.outcome}`)
					.join(' | ')}`
			: '';
		await sandbox?.close();
		await n8n?.dispose();
		timings.print('talkdesk');
		if (tokenSummary) process.stdout.write(`[e2e talkdesk] ${tokenSummary}\n`);
	});

	const output = (node: string): NodeItem[] => {
		const items = result.outputs[node];
		if (!items) throw new Error(`node "${node}" did not run. ${describeFailure(result)}`);
		return items;
	};

	it('n8n loads the package and the workflow runs to the end without error', () => {
		if (result.exitCode !== 0 || result.error) throw new Error(describeFailure(result));
		expect(result.run?.status).toBe('success');
		expect(Object.keys(result.outputs).sort()).toEqual(Object.values(NODE).sort());
		expect(result.stdout).not.toMatch(/packages are missing|Failed to load|Unrecognized node type/);
	});

	it('Append: one output item per lead, in bulk requests of at most 100', () => {
		const items = output(NODE.append);
		expect(items).toHaveLength(LEAD_COUNT);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				phone: e164(i),
				created: true,
				recordListId: TALKDESK_DEV.recordList,
			});
		});
		expect(items.map((item) => (item.json.batch as { number: number }).number)).toEqual(
			Array.from({ length: LEAD_COUNT }, (_, i) => Math.floor(i / 100) + 1),
		);
		const sent = sandbox!
			.requests({ method: 'POST', path: /\/records\/bulks$/, status: 201 })
			.map((r) => (r.body as { records: unknown[] }).records.length);
		expect(sent).toEqual([100, 100, 50]);
	});

	it('every lead is in the record list exactly once, in E.164 with its time zone and extra data', () => {
		const records = sandbox!.records(TALKDESK_DEV.recordList);
		expect(records).toHaveLength(LEAD_COUNT);
		expect(new Set(records.map((r) => r.phone_numbers[0].phone_number)).size).toBe(LEAD_COUNT);
		expect(records[1]).toMatchObject({
			phone_numbers: [{ phone_number: e164(1), phone_type: 'MOBILE' }],
			first_name: 'Lead1',
			last_name: 'Family1',
			timezone: 'America/New_York',
			extra_data: { plan: 'plus' },
		});
	});

	it('Start then Pause: the seed PATCH bodies, once each; the campaign ends paused', () => {
		expect(output(NODE.start)).toHaveLength(1);
		expect(output(NODE.start)[0].json).toMatchObject({ id: TALKDESK_DEV.campaign, status: 'RUNNING' });
		expect(output(NODE.pause)[0].json).toMatchObject({ id: TALKDESK_DEV.campaign, status: 'PAUSED' });
		const patches = sandbox!.requests({ method: 'PATCH', status: 200 });
		expect(patches.map((r) => r.body)).toEqual([
			{ op: 'REPLACE', path: 'status', value: 'running' },
			{ op: 'REPLACE', path: 'status', value: 'paused' },
		]);
		expect(sandbox!.state.campaigns.get(TALKDESK_DEV.campaign)?.status).toBe('PAUSED');
	});

	it('the token: fetched on first use (Basic client auth), reused, and renewed after it expired mid-run', () => {
		const tokens = sandbox!.requests({ path: '/oauth/token' });
		const basic = `Basic ${Buffer.from(`${TALKDESK_CLIENT_ID}:${clientSecret}`).toString('base64')}`;
		expect(tokens.every((r) => r.headers.authorization === basic && r.status === 200)).toBe(true);
		expect(sandbox!.tokensIssued).toBeGreaterThanOrEqual(2);
		// Every 401 was a request Talkdesk did not process; after each, the node dropped the token and n8n fetched a
		// new one before the request went once more.
		const api = sandbox!.requests((r) => r.path !== '/oauth/token');
		const unauthorized = api.filter((r) => r.status === 401).length;
		expect(unauthorized).toBe(sandbox!.tokensIssued - 1);
		expect(
			api.filter((r) => r.status !== 401).every((r) => /^Bearer /.test(r.headers.authorization ?? '')),
		).toBe(true);
		expect(api.filter((r) => r.status !== 401).map((r) => `${r.method} ${r.status}`)).toEqual([
			'POST 201',
			'POST 201',
			'POST 201',
			'PATCH 200',
			'PATCH 200',
		]);
	});
});
