/**
 * End to end: our packed package, installed as a community package into a real n8n 2.8.4, runs a workflow headlessly
 * (`n8n execute`) against the Taalk sandbox:
 *
 *   Manual Trigger → Leads (Set, raw JSON: 5 leads) → One item per lead (Split Out)
 *     → Append to campaign (Taalk) → Mark first lead successful (Taalk Update, execute once) → Remove last lead (Taalk)
 *
 * The workflow is test/e2e/workflows/taalk-contacts.json (also the example workflow `npm run dev` imports).
 * The first run on a machine installs n8n into ~/.cache (scripts/install-n8n.sh, ~5 min); later runs take ~20 s.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { TAALK_DEV_CAMPAIGNS } from '../sandbox/providers';
import { startTaalkSandbox, type TaalkSandbox } from '../sandbox/taalk';
import { N8n, PACKAGE_NAME, type ExecuteResult, type NodeItem } from './n8n';
import { describeFailure, loadWorkflow, n8nWithPackage, Timings } from './support';

const MINUTE = 60_000;
const WORKFLOW_FILE = join(__dirname, 'workflows', 'taalk-contacts.json');
const CREDENTIAL_ID = 'vcTaalkSandbox01';
const CAMPAIGN_ID = TAALK_DEV_CAMPAIGNS.main;

const NODE = {
	trigger: "When clicking 'Execute workflow'",
	leads: 'Leads',
	split: 'One item per lead',
	append: 'Append to campaign',
	update: 'Mark first lead successful',
	remove: 'Remove last lead',
} as const;

/** The leads in the workflow's Set node, with the phone each must be stored as (Taalk's national digits). */
const LEADS = [
	{ name: 'Ada', last_name: 'Lovelace', phone: '7047058601', Taalk_City: 'Charlotte' },
	{ name: 'Alan', last_name: 'Turing', phone: '7047058602', Taalk_City: 'Raleigh' },
	{ name: 'Grace', last_name: 'Hopper', phone: '7047058603', Taalk_City: 'Durham' },
	{ name: 'Edsger', last_name: 'Dijkstra', phone: '7047058604', Taalk_City: 'Asheville' },
	{ name: 'Barbara', last_name: 'Liskov', phone: '7047058605', Taalk_City: 'Greensboro' },
];

/** A contact already in the campaign before the run: it must come through untouched. */
const EXISTING = { name: 'Toma', last_name: 'Kraft', phone: '7047058647', Taalk_City: 'Charlotte' };

describe(`${PACKAGE_NAME} in a real n8n (n8n execute, community package installed from the packed tarball)`, () => {
	const apiKey = `e2e-${randomBytes(8).toString('hex')}`;
	let sandbox: TaalkSandbox | undefined;
	let n8n: N8n | undefined;
	let result: ExecuteResult;
	const timings = new Timings();
	const { timed } = timings;

	beforeAll(async () => {
		// The first run on a machine (e.g. CI) installs n8n: ~5 min; warm: instant.
		sandbox = await startTaalkSandbox({ port: 0, apiKey });
		sandbox.addCampaign({ _id: CAMPAIGN_ID, name: 'E2E: leads', contacts: [EXISTING] });

		const workflow = loadWorkflow(WORKFLOW_FILE);
		n8n = await n8nWithPackage(timings, {
			credentials: [
				{
					id: CREDENTIAL_ID,
					name: 'Taalk sandbox',
					type: 'taalkApi',
					data: { apiKey, baseUrl: sandbox!.baseUrl, datasource: '' },
				},
			],
			workflows: [workflow],
		});
		result = await timed('execute', () => n8n!.execute(workflow.id));
	}, 20 * MINUTE);

	afterAll(async () => {
		await sandbox?.close();
		await n8n?.dispose();
		timings.print('taalk');
	});

	const output = (node: string): NodeItem[] => {
		const items = result.outputs[node];
		if (!items) throw new Error(`node "${node}" did not run. ${describeFailure(result)}`);
		return items;
	};

	it('the workflow references the sandbox campaign and credential', () => {
		const workflow = loadWorkflow(WORKFLOW_FILE);
		const taalkNodes = workflow.nodes.filter((node) => node.type === `${PACKAGE_NAME}.taalk`);
		expect(taalkNodes.map((node) => node.name)).toEqual([NODE.append, NODE.update, NODE.remove]);
		for (const node of taalkNodes) {
			const parameters = node.parameters as { campaignId: { value: string } };
			expect(parameters.campaignId.value).toBe(CAMPAIGN_ID);
			expect(node.credentials).toEqual({ taalkApi: { id: CREDENTIAL_ID, name: 'Taalk sandbox' } });
		}
	});

	it('n8n loads the package and the workflow runs to the end without error', () => {
		// An unloadable package shows up here as "Unrecognized node type: n8n-nodes-voice-campaigns.taalk".
		if (result.exitCode !== 0 || result.error) throw new Error(describeFailure(result));
		expect(result.run?.status).toBe('success');
		expect(Object.keys(result.outputs).sort()).toEqual(Object.values(NODE).sort());
		expect(result.stdout).not.toMatch(/packages are missing|Failed to load|Unrecognized node type/);
	});

	it('the built-in nodes produced one item per lead', () => {
		expect(output(NODE.split).map((item) => item.json.phone)).toEqual([
			'+1 704 705 8601',
			'(704) 705-8602',
			'704.705.8603',
			'+17047058604',
			'7047058605',
		]);
	});

	it('Append: one output item per input item, with the counts Taalk returned', () => {
		const items = output(NODE.append);
		expect(items).toHaveLength(LEADS.length);
		items.forEach((item, index) => {
			expect(item.json).toEqual({
				campaignId: CAMPAIGN_ID,
				phone: LEADS[index].phone,
				sent: true,
				batch: { number: 1, size: LEADS.length, inserted: LEADS.length, updated: 0 },
			});
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	it('Update: ran once, on the first lead, setting Taalk_Success and the custom field', () => {
		const items = output(NODE.update);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			campaignId: CAMPAIGN_ID,
			phone: LEADS[0].phone,
			updated: { Taalk_Success: true, Taalk_Outcome: 'Booked a demo' },
			contact: { ...LEADS[0], Taalk_Success: true, Taalk_Outcome: 'Booked a demo' },
		});
	});

	it('Remove: removed the last lead, by phone', () => {
		const items = output(NODE.remove);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			campaignId: CAMPAIGN_ID,
			phone: LEADS[4].phone,
			sent: true,
			outcome: 'removed',
			removed: true,
			batch: { number: 1, size: 1, requested: 1, removed: 1 },
		});
	});

	it('the sandbox campaign ends with the existing contact, four leads appended, one marked, the last removed', () => {
		const contacts = sandbox!.contacts(CAMPAIGN_ID).map(({ _id, ...fields }) => {
			expect(_id).toMatch(/^[0-9a-f]{24}$/);
			return fields;
		});
		expect(contacts).toEqual([
			EXISTING,
			{ ...LEADS[0], Taalk_Success: true, Taalk_Outcome: 'Booked a demo' },
			LEADS[1],
			LEADS[2],
			LEADS[3],
		]);
	});

	it('sent exactly three authenticated requests: one bulk append, one update, one bulk remove', () => {
		const requests = sandbox!.requests();
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`POST /api/campaign2s/${CAMPAIGN_ID}/contacts 200`,
			`POST /api/campaign2s/${CAMPAIGN_ID}/contacts/${LEADS[0].phone} 200`,
			`POST /api/campaign2s/${CAMPAIGN_ID}/contacts 200`,
		]);
		for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
		expect(requests[0].body).toEqual({ append: LEADS });
		expect(requests[1].body).toEqual({ Taalk_Success: true, Taalk_Outcome: 'Booked a demo' });
		// Both spellings Taalk may have stored the phone under.
		expect(requests[2].body).toEqual({ remove: [LEADS[4].phone, `+1${LEADS[4].phone}`] });
		// No datasource in the credential: no `db` query parameter.
		for (const request of requests) expect(request.query).toEqual({});
	});
});
