/**
 * End to end, as a careful user meets the nodes in a real n8n (packed package installed as a community package,
 * `n8n execute`), against the four provider sandboxes, with input the providers' happy paths never show: other
 * countries' numbers, extensions, items with several bad fields, contacts stored by other clients in the other
 * phone spelling, and API errors on single items.
 *
 * One workflow, one branch per action node. Every node under test runs with "On Error: Continue (using error
 * output)": its success output goes to "<node> ok", its error output to "<node> failed" (No Operation nodes), and
 * the test reads both outputs of the node itself from the execution's run data.
 */
import { randomBytes } from 'node:crypto';

import { objectId, startTaalkSandbox, type TaalkSandbox } from '../sandbox/taalk';
import { startTalkdeskSandbox, type TalkdeskSandbox } from '../sandbox/talkdesk';
import { startTalkturoSandbox, type TalkturoSandbox } from '../sandbox/talkturo';
import { startWhatTalkSandbox, type WhatTalkSandbox } from '../sandbox/whattalk';
import { expectNoSecrets } from '../support/secrets';
import { PACKAGE_NAME, type ExecuteResult, type N8n, type NodeItem, type WorkflowImport } from './n8n';
import { describeFailure, n8nWithPackage, sandboxCredentials, sandboxEndpoints, Timings } from './support';

const MINUTE = 60_000;
const TAALK_CAMPAIGN = objectId();
/** The campaign of the Parallel Batches branch: its list holds only what that branch appended. */
const TAALK_PARALLEL_CAMPAIGN = objectId();
const WHATTALK = { assistant: 301, campaign: 3050, missingCampaign: 3999 };
const TALKDESK_LIST = '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f';

const CREDENTIALS = {
	taalkApi: { id: 'vcCarefulTaalk01', name: 'Taalk sandbox' },
	talkturoApi: { id: 'vcCarefulTalktur', name: 'Talkturo sandbox' },
	whatTalkApi: { id: 'vcCarefulWhatTlk', name: 'WhatTalk sandbox' },
	whatTalkLimited: { id: 'vcCarefulWhatLim', name: 'WhatTalk sandbox (rate-limited)' },
	talkdeskOAuth2Api: { id: 'vcCarefulTalkdsk', name: 'Talkdesk sandbox' },
} as const;

/** The node names of one branch: its items (Set + Split Out), the node under test and its two outputs. */
const branch = (name: string) => ({
	items: `${name}: items`,
	split: `${name}: one item each`,
	node: name,
	ok: `${name} ok`,
	failed: `${name} failed`,
});

const TAALK_APPEND = 'Taalk Append';
const TAALK_APPEND_REGULAR = 'Taalk Append (regular output)';
const TAALK_UPDATE = 'Taalk Update by phone';
const TAALK_REMOVE = 'Taalk Remove by phone';
const WHATTALK_ADD = 'WhatTalk Lead Add';
const TALKTURO_CREATE = 'Talkturo Contact Create';
const TALKDESK_APPEND = 'Talkdesk Record Append';
const TAALK_APPEND_GB = 'Taalk Append (Default Country GB, E.164)';
const TAALK_PARALLEL = 'Taalk Append (Parallel Batches)';
const TAALK_CALL = 'Taalk Place Call (Retry Method)';
const TALKTURO_REMOVE = 'Talkturo Remove Contacts';
const WHATTALK_LIMITED = 'WhatTalk Lead Add (rate-limited)';
/** WhatTalk Lead Add under a token bucket of RATE requests a second (a second WhatTalk sandbox). */
const RATE = 20;
const LIMITED_LEADS = 200;
const TALKTURO_CAMPAIGN = 'camp_01jcarefuluser0000000001';
const TALKTURO_CONTACTS = [
	'cont_01jcareful00000000000001',
	'cont_01jcareful00000000000002',
	'cont_01jcareful00000000000003',
];

/** Per branch: the items, the node under test (type suffix, parameters, credential type). */
const BRANCHES: Array<{
	name: string;
	items: Array<Record<string, unknown>>;
	type: string;
	credential: keyof typeof CREDENTIALS;
	/** The credential type when the credential's key is not the type itself. */
	credentialType?: string;
	parameters: Record<string, unknown>;
	onError?: 'continueRegularOutput';
}> = [
	{
		name: TAALK_APPEND,
		type: 'taalk',
		credential: 'taalkApi',
		items: [
			{ first: 'Ada', phone: '+1 704 705 8701' },
			{ first: 'Brit', phone: '+44 20 7946 0958' }, // London: its national digits are a valid US number
			{ first: 'Cem', phone: '+90 212 555 1234' }, // Istanbul: the same
			{ first: 'Dana', phone: '(704) 705-8702 ext 3' },
			{ first: '', phone: '+44 20 7946 0959' }, // two bad fields
			{ first: 'Eve', phone: '704.705.8703' },
			// A note where the number should be, with letters n8n's errors take for a system code (EPERM).
			{ first: 'Kim', phone: "call Keeperman's office" },
		],
		parameters: {
			resource: 'contact',
			operation: 'append',
			campaignId: { __rl: true, mode: 'id', value: TAALK_CAMPAIGN },
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			options: {},
		},
	},
	{
		// The same with "Continue (using regular output)": failed items stay in the one output, as released.
		name: TAALK_APPEND_REGULAR,
		type: 'taalk',
		credential: 'taalkApi',
		onError: 'continueRegularOutput',
		items: [
			{ first: 'Fay', phone: '704 705 8704' },
			{ first: 'Gus', phone: '+44 20 7946 0958' },
		],
		parameters: {
			resource: 'contact',
			operation: 'append',
			campaignId: { __rl: true, mode: 'id', value: TAALK_CAMPAIGN },
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			options: {},
		},
	},
	{
		name: TAALK_UPDATE,
		type: 'taalk',
		credential: 'taalkApi',
		items: [{ phone: '704 705 8710' }, { phone: '7047058799' }],
		parameters: {
			resource: 'contact',
			operation: 'update',
			campaignId: { __rl: true, mode: 'id', value: TAALK_CAMPAIGN },
			contactBy: 'phone',
			phone: '={{ $json.phone }}',
			updateFields: { success: true },
			options: {},
		},
	},
	{
		name: TAALK_REMOVE,
		type: 'taalk',
		credential: 'taalkApi',
		items: [{ phone: '7047058720' }, { phone: '(704) 705-8721' }, { phone: '7047058729' }],
		parameters: {
			resource: 'contact',
			operation: 'remove',
			campaignId: { __rl: true, mode: 'id', value: TAALK_CAMPAIGN },
			contactBy: 'phone',
			phone: '={{ $json.phone }}',
			options: { chunkSize: 1 },
		},
	},
	{
		name: WHATTALK_ADD,
		type: 'whatTalk',
		credential: 'whatTalkApi',
		items: [
			{ phone: '+44 20 7946 0958', campaign: WHATTALK.campaign },
			{ phone: '415 555 0123 x12', campaign: WHATTALK.campaign },
			{ phone: '+14155550140', campaign: WHATTALK.missingCampaign }, // the API refuses the unknown campaign
			{ phone: '+90 212 555 1234', campaign: WHATTALK.campaign },
		],
		parameters: {
			resource: 'lead',
			operation: 'add',
			campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
			phone: '={{ $json.phone }}',
			options: {},
		},
	},
	{
		name: TALKTURO_CREATE,
		type: 'talkturo',
		credential: 'talkturoApi',
		items: [
			{ first: 'Cem', last: 'Kaya', phone: '+90 212 555 1234' },
			{ first: 'Dana', last: 'Lee', phone: '202-555-0150 ext. 9' },
		],
		parameters: {
			resource: 'contact',
			operation: 'create',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			phone: '={{ $json.phone }}',
			additionalFields: {},
			options: {},
		},
	},
	{
		name: TALKDESK_APPEND,
		type: 'talkdesk',
		credential: 'talkdeskOAuth2Api',
		items: [
			{ first: 'Brit', last: 'Jones', phone: '+44 20 7946 0958' },
			{ first: 'Old', last: 'Timer', phone: '+1 202 555 0160' }, // already in the list: PHONE_NUMBER_NOT_UNIQUE
			{ first: 'Dana', last: 'Lee', phone: '202 555 0161 #4' },
		],
		parameters: {
			resource: 'record',
			operation: 'append',
			recordListId: { __rl: true, mode: 'id', value: TALKDESK_LIST },
			phone: '={{ $json.phone }}',
			phoneType: 'MOBILE',
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			additionalFields: {},
			options: {},
		},
	},
	{
		// Batches of 2 with 4 in flight, validated batch by batch (the error output is on): other countries' numbers,
		// an extension and a repeat among them.
		name: TAALK_PARALLEL,
		type: 'taalk',
		credential: 'taalkApi',
		items: [
			{ first: 'Pia', phone: '+1 704 705 8801' },
			{ first: 'Quin', phone: '+44 20 7946 0961' },
			{ first: 'Rui', phone: '(704) 705-8802' },
			{ first: 'Sol', phone: '704 705 8806' },
			{ first: 'Tam', phone: '704.705.8803 x12' },
			{ first: 'Uma', phone: '7047058804' },
			{ first: 'Pia again', phone: '+17047058801' },
			{ first: 'Vic', phone: '704-705-8805' },
			{ first: 'Wen', phone: '+90 212 555 1235' },
		],
		parameters: {
			resource: 'contact',
			operation: 'append',
			campaignId: { __rl: true, mode: 'id', value: TAALK_PARALLEL_CAMPAIGN },
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			options: { chunkSize: 2, parallelBatches: 4 },
		},
	},
	{
		// A Default Country other than the US: its national numbers, sent with their country code.
		name: TAALK_APPEND_GB,
		type: 'taalk',
		credential: 'taalkApi',
		items: [{ first: 'Hana', phone: '020 7946 0960' }],
		parameters: {
			resource: 'contact',
			operation: 'append',
			campaignId: { __rl: true, mode: 'id', value: TAALK_CAMPAIGN },
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			options: { defaultCountry: 'GB', phoneFormat: 'e164' },
		},
	},
	{
		name: TAALK_CALL,
		type: 'taalk',
		credential: 'taalkApi',
		items: [{ first: 'Ivo', phone: '704 705 8730' }],
		parameters: {
			resource: 'call',
			operation: 'place',
			name: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
			additionalFields: { retryMethod: 2 },
			options: {},
		},
	},
	{
		name: TALKTURO_REMOVE,
		type: 'talkturo',
		credential: 'talkturoApi',
		// Requests of 2: the first removes one of its two (the other was called already); the second, alone, one.
		items: [0, 1, 2].map((i) => ({ id: TALKTURO_CONTACTS[i] })),
		parameters: {
			resource: 'campaign',
			operation: 'removeContacts',
			campaignId: { __rl: true, mode: 'id', value: TALKTURO_CAMPAIGN },
			contactId: '={{ $json.id }}',
			options: { chunkSize: 2 },
		},
	},
	{
		name: WHATTALK_LIMITED,
		type: 'whatTalk',
		credential: 'whatTalkLimited',
		credentialType: 'whatTalkApi',
		items: Array.from({ length: LIMITED_LEADS }, (_, i) => ({
			phone: `+1415556${String(i).padStart(4, '0')}`,
		})),
		parameters: {
			resource: 'lead',
			operation: 'add',
			campaignId: { __rl: true, mode: 'id', value: WHATTALK.campaign },
			phone: '={{ $json.phone }}',
			options: {},
		},
	},
];

function carefulUserWorkflow(): WorkflowImport {
	const trigger = "When clicking 'Execute workflow'";
	const nodes: Array<Record<string, unknown>> = [
		{
			id: 'cu-trigger',
			name: trigger,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {
		[trigger]: { main: [[]] },
	};
	const to = (node: string) => ({ node, type: 'main' as const, index: 0 as const });
	BRANCHES.forEach((b, row) => {
		const names = branch(b.name);
		const y = row * 200;
		nodes.push(
			{
				id: `cu-${row}-items`,
				name: names.items,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, y],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: b.items }), options: {} },
			},
			{
				id: `cu-${row}-split`,
				name: names.split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, y],
				parameters: { fieldToSplitOut: 'items', options: {} },
			},
			{
				id: `cu-${row}-node`,
				name: names.node,
				type: `${PACKAGE_NAME}.${b.type}`,
				typeVersion: 1,
				position: [660, y],
				onError: b.onError ?? 'continueErrorOutput',
				parameters: b.parameters,
				credentials: { [b.credentialType ?? b.credential]: CREDENTIALS[b.credential] },
			},
			...[names.ok, names.failed].map((name, output) => ({
				id: `cu-${row}-out${output}`,
				name,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [880, y + output * 100],
				parameters: {},
			})),
		);
		connections[trigger].main[0].push(to(names.items));
		connections[names.items] = { main: [[to(names.split)]] };
		connections[names.split] = { main: [[to(names.node)]] };
		connections[names.node] = {
			main: b.onError ? [[to(names.ok)]] : [[to(names.ok)], [to(names.failed)]],
		};
	});
	return {
		id: 'vcE2eCarefulUser',
		name: 'Careful user: other countries, extensions, error output',
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

describe(`${PACKAGE_NAME} as a careful user meets it, in a real n8n (error output, other countries' phones)`, () => {
	const keys = {
		taalk: `e2e-${randomBytes(8).toString('hex')}`,
		talkturo: `tk_test_e2e-${randomBytes(8).toString('hex')}`,
		whattalk: `e2e-${randomBytes(8).toString('hex')}`,
		talkdesk: `e2e-${randomBytes(8).toString('hex')}`,
	};
	let taalk: TaalkSandbox | undefined;
	let talkturo: TalkturoSandbox | undefined;
	let whattalk: WhatTalkSandbox | undefined;
	let limited: WhatTalkSandbox | undefined;
	let talkdesk: TalkdeskSandbox | undefined;
	let n8n: N8n | undefined;
	let result: ExecuteResult;
	const timings = new Timings();

	beforeAll(async () => {
		taalk = await startTaalkSandbox({ port: 0, apiKey: keys.taalk });
		taalk.addCampaign({
			_id: TAALK_CAMPAIGN,
			name: 'E2E: careful user',
			// Stored by Taalk's console or another client: one in E.164, one in national digits.
			contacts: [
				{ name: 'Stored', phone: '+17047058710' },
				{ name: 'National', phone: '7047058720' },
				{ name: 'Console', phone: '+17047058721' },
			],
		});
		taalk.addCampaign({ _id: TAALK_PARALLEL_CAMPAIGN, name: 'E2E: parallel batches' });
		whattalk = await startWhatTalkSandbox({ port: 0, apiKey: keys.whattalk });
		whattalk.addAssistant({ id: WHATTALK.assistant, name: 'E2E caller', type: 'outbound' });
		whattalk.addCampaign({ id: WHATTALK.campaign, name: 'E2E: careful', assistant_id: WHATTALK.assistant });
		limited = await startWhatTalkSandbox({ port: 0, apiKey: keys.whattalk, rateLimit: { perSecond: RATE } });
		limited.addAssistant({ id: WHATTALK.assistant, name: 'E2E caller', type: 'outbound' });
		limited.addCampaign({ id: WHATTALK.campaign, name: 'E2E: limited', assistant_id: WHATTALK.assistant });
		talkturo = await startTalkturoSandbox({ port: 0, apiKey: keys.talkturo });
		for (const [i, id] of TALKTURO_CONTACTS.entries()) {
			talkturo.addContact({ id, firstName: `P${i}`, lastName: 'Careful', phone: `+1202555017${i}` });
		}
		talkturo.addCampaign({ id: TALKTURO_CAMPAIGN, name: 'E2E: careful', contactIds: TALKTURO_CONTACTS });
		talkturo.state.dialLists.get(TALKTURO_CAMPAIGN)![1].status = 'completed';
		talkdesk = await startTalkdeskSandbox({ port: 0, clientSecret: keys.talkdesk });
		const list = talkdesk.addRecordList({ id: TALKDESK_LIST, name: 'E2E: careful' });
		talkdesk.state.recordLists.get(list.id)!.records.push({
			id: 'b0b0b0b0-0000-4000-8000-000000000001',
			phone_numbers: [{ phone_number: '+12025550160', phone_type: 'MOBILE' }],
			first_name: 'Old',
			last_name: 'Timer',
			created_at: new Date().toISOString(),
			updated_at: new Date().toISOString(),
		});

		const workflow = carefulUserWorkflow();
		n8n = await n8nWithPackage(timings, {
			credentials: [
				...sandboxCredentials(CREDENTIALS, sandboxEndpoints({ taalk, talkturo, whattalk, talkdesk }, keys)),
				{
					...CREDENTIALS.whatTalkLimited,
					type: 'whatTalkApi',
					data: { apiKey: keys.whattalk, baseUrl: limited.baseUrl },
				},
			],
			workflows: [workflow],
		});
		result = await timings.timed('execute', () => n8n!.execute(workflow.id));
	}, 20 * MINUTE);

	afterAll(async () => {
		await Promise.all([taalk, talkturo, whattalk, limited, talkdesk].map((sandbox) => sandbox?.close()));
		await n8n?.dispose();
		timings.print('careful user');
	});

	/** Both outputs of the node under test, from the execution's run data. */
	const outputs = (name: string): { ok: NodeItem[]; failed: NodeItem[] } => {
		const run = result.run?.data.resultData.runData[name]?.[0];
		if (!run?.data?.main) throw new Error(`node "${name}" did not run. ${describeFailure(result)}`);
		return { ok: run.data.main[0] ?? [], failed: run.data.main[1] ?? [] };
	};
	const paired = (items: NodeItem[]) => items.map((item) => (item.pairedItem as { item: number }).item);
	const errorOf = (item: NodeItem) =>
		item.json.error as { message: string; description?: string; httpCode?: string; itemIndex: number };

	it('the workflow runs to the end: failed items do not stop it', () => {
		if (result.exitCode !== 0 || result.error) throw new Error(describeFailure(result));
		expect(result.run?.status).toBe('success');
		expectNoSecrets(result.run, Object.values(keys), 'execution data');
	});

	it('every node under test sends each failed item to its error output, and only those', () => {
		const expected: Record<string, { ok: number[]; failed: number[] }> = {
			[TAALK_APPEND]: { ok: [0, 5], failed: [1, 2, 3, 4, 6] },
			[TAALK_UPDATE]: { ok: [0], failed: [1] },
			[TAALK_REMOVE]: { ok: [0, 1, 2], failed: [] },
			[WHATTALK_ADD]: { ok: [0, 3], failed: [1, 2] },
			[TALKTURO_CREATE]: { ok: [0], failed: [1] },
			[TALKDESK_APPEND]: { ok: [0], failed: [1, 2] },
			[TAALK_APPEND_GB]: { ok: [0], failed: [] },
			[TAALK_PARALLEL]: { ok: [0, 2, 3, 5, 6, 7], failed: [1, 4, 8] },
			[TAALK_CALL]: { ok: [0], failed: [] },
			[TALKTURO_REMOVE]: { ok: [0, 1, 2], failed: [] },
			[WHATTALK_LIMITED]: { ok: [...Array(LIMITED_LEADS).keys()], failed: [] },
		};
		for (const [name, want] of Object.entries(expected)) {
			const { ok, failed } = outputs(name);
			expect({ name, ok: paired(ok), failed: paired(failed) }).toEqual({ name, ...want });
			// The items after the node got the same ones: n8n routed them.
			expect(result.outputs[branch(name).ok] ?? []).toHaveLength(want.ok.length);
			expect(result.outputs[branch(name).failed] ?? []).toHaveLength(want.failed.length);
			for (const item of failed) {
				// Everything about the failure is inside `error`; n8n adds the input item's own fields beside it.
				expect(errorOf(item)).toMatchObject({ message: expect.any(String), itemIndex: paired([item])[0] });
				expect(item.json).not.toHaveProperty('errorDescription');
				// A hint is said once: never repeated between the message and the description.
				const { message, description } = errorOf(item);
				if (description) expect(message).not.toContain(description);
			}
		}
	});

	it('Taalk: numbers of other countries fail instead of ringing a US stranger, naming country and fix', () => {
		const { failed } = outputs(TAALK_APPEND);
		const [london, istanbul, extension, twoFields, note] = failed.map(errorOf);
		expect(london.message).toMatch(
			/^Item 1, field "Phone": "\+44 20 7946 0958" is a number of United Kingdom \(\+44\).*sent as 2079460958 it would reach a different number/,
		);
		expect(london.message).toMatch(
			/Set Phone Format to E\.164 .*\(\+442079460958\), or set Default Country to GB/,
		);
		expect(istanbul.message).toMatch(/^Item 2, field "Phone": .* is a number of Türkiye \(\+90\)/);
		expect(extension.message).toMatch(/^Item 3, field "Phone": .* has an extension \(3\)/);
		expect(twoFields.message).toMatch(
			/^Item 4, 2 fields are wrong: field "First Name": is empty.*field "Phone"/,
		);
		// Not n8n's "Operation not permitted, make sure you have the right permissions".
		expect(note.message).toMatch(
			/^Item 6, field "Phone": "call Keeperman's office" is not a valid phone number/,
		);
		// The input item's fields come along on the error output.
		expect(failed[0].json.phone).toBe('+44 20 7946 0958');
		const stored = taalk!.contacts(TAALK_CAMPAIGN).map((c) => c.phone);
		expect(stored).toEqual(expect.arrayContaining(['7047058701', '7047058703']));
		expect(stored).not.toEqual(expect.arrayContaining(['2079460958']));
		expect(stored.some((phone) => /2079460958|2125551234|7047058702/.test(phone))).toBe(false);
	});

	it('Taalk Parallel Batches: each valid contact stored once, each item answered by its own batch', () => {
		const { ok, failed } = outputs(TAALK_PARALLEL);
		expect(failed.map((item) => errorOf(item).message)).toEqual([
			expect.stringMatching(/^Item 1, field "Phone": .* is a number of United Kingdom \(\+44\)/),
			expect.stringMatching(/^Item 4, field "Phone": .* has an extension \(12\)/),
			expect.stringMatching(/^Item 8, field "Phone": .* is a number of Türkiye \(\+90\)/),
		]);
		const stored = taalk!.contacts(TAALK_PARALLEL_CAMPAIGN).map((c) => c.phone);
		expect([...stored].sort()).toEqual([
			'7047058801',
			'7047058802',
			'7047058804',
			'7047058805',
			'7047058806',
		]);
		// The repeat was sent once; every other item carries the batch that carried its phone.
		expect(ok.find((item) => paired([item])[0] === 6)?.json).toMatchObject({
			sent: false,
			duplicateOfItem: 0,
		});
		const sent = ok.filter((item) => item.json.sent === true);
		expect(sent.map((item) => item.json.phone).sort()).toEqual([...stored].sort());
		const sizes = new Map<unknown, number>();
		for (const item of sent) {
			const { number } = item.json.batch as { number: number };
			sizes.set(number, (sizes.get(number) ?? 0) + 1);
		}
		for (const item of sent) {
			const { number, size } = item.json.batch as { number: number; size: number };
			expect([item.json.phone, size]).toEqual([item.json.phone, sizes.get(number)]);
		}
		expect(sizes.size).toBe(3);
	});

	it('"Continue (using regular output)" keeps failed items in the one output, as { error, … } strings', () => {
		const { ok, failed } = outputs(TAALK_APPEND_REGULAR);
		expect(failed).toEqual([]);
		expect(paired(ok)).toEqual([0, 1]);
		expect(ok[0].json).toMatchObject({ phone: '7047058704', sent: true });
		expect(ok[1].json.error).toMatch(
			/^Item 1, field "Phone": "\+44 20 7946 0958" is a number of United Kingdom/,
		);
	});

	it('Taalk: update finds a contact stored in E.164; a 404 names the item, the phone and both spellings', () => {
		const { ok, failed } = outputs(TAALK_UPDATE);
		expect(ok[0].json).toMatchObject({ phone: '7047058710', matchedAs: '+17047058710' });
		expect(taalk!.contacts(TAALK_CAMPAIGN).find((c) => c.phone === '+17047058710')).toMatchObject({
			Taalk_Success: true,
		});
		const error = errorOf(failed[0]);
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/\(item 1, phone "7047058799", campaign "[0-9a-f]{24}"\)$/);
		expect(error.description).toMatch(/"7047058799" or "\+17047058799"/);
	});

	it('Taalk: remove by phone removes whichever spelling was stored, and says per item what happened', () => {
		const { ok } = outputs(TAALK_REMOVE);
		expect(ok.map((item) => [item.json.phone, item.json.outcome, item.json.removed])).toEqual([
			['7047058720', 'removed', true],
			['7047058721', 'removed', true],
			['7047058729', 'notFound', false],
		]);
		const stored = taalk!.contacts(TAALK_CAMPAIGN).map((c) => c.phone);
		expect(stored).not.toContain('7047058720');
		expect(stored).not.toContain('+17047058721');
	});

	it('WhatTalk: other countries keep their code (E.164); an extension and an API refusal fail on their own items', () => {
		const { ok, failed } = outputs(WHATTALK_ADD);
		expect(ok.map((item) => item.json.phone_number)).toEqual(['+442079460958', '+902125551234']);
		expect(whattalk!.hasLead(WHATTALK.campaign, '+442079460958')).toBe(true);
		const [extension, missing] = failed.map(errorOf);
		expect(extension.message).toMatch(/^Item 1, field "Phone Number": .* has an extension \(12\)/);
		expect(missing.httpCode).toMatch(/^4\d\d$/);
		expect(missing.message).toMatch(/\(item 2, phone "\+14155550140", campaign "3999"\)$/);
	});

	it('Talkturo: other countries keep their code; an extension fails its item', () => {
		const { ok, failed } = outputs(TALKTURO_CREATE);
		expect(ok[0].json.phone).toBe('+902125551234');
		expect(errorOf(failed[0]).message).toMatch(/^Item 1, field "Phone": .* has an extension \(9\)/);
		const phones = talkturo!.contacts().map((c) => c.phone);
		expect(phones.filter((phone) => phone === '+902125551234')).toHaveLength(1);
		expect(phones).not.toContain('+12025550150');
	});

	it('Talkdesk: a record refused inside the bulk request goes to the error output, naming item and phone', () => {
		const { ok, failed } = outputs(TALKDESK_APPEND);
		expect(ok[0].json).toMatchObject({ phone: '+442079460958' });
		const [notUnique, extension] = failed.map(errorOf);
		expect(notUnique.message).toMatch(/PHONE_NUMBER_NOT_UNIQUE|already in the record list/);
		expect(notUnique.message).toMatch(/item 1.*\+12025550160/);
		expect(extension.message).toMatch(/^Item 2, field "Phone": .* has an extension \(4\)/);
		const phones = talkdesk!
			.records(TALKDESK_LIST)
			.flatMap((r) => r.phone_numbers.map((p) => p.phone_number));
		expect(phones.sort()).toEqual(['+12025550160', '+442079460958']);
	});

	it('Default Country from the list and Retry Method by name reach Taalk as codes', () => {
		expect(outputs(TAALK_APPEND_GB).ok[0].json).toMatchObject({ phone: '+442079460960', sent: true });
		expect(taalk!.contacts(TAALK_CAMPAIGN).map((c) => c.phone)).toContain('+442079460960');
		const call = [...taalk!.state.calls.values()].find((c) => c.phone === '7047058730');
		expect(call).toMatchObject({ retryMethod: 2 });
	});

	it('Talkturo Remove Contacts says per contact what the count tells', () => {
		const { ok } = outputs(TALKTURO_REMOVE);
		expect(ok.map((item) => item.json.result)).toEqual(['unknown', 'unknown', 'removed']);
		expect(ok[0].json.message).toMatch(/removed 1 of the 2 items this request asked for/);
		expect(talkturo!.dialList(TALKTURO_CAMPAIGN).map((c) => c.contact_id)).toEqual([TALKTURO_CONTACTS[1]]);
	});

	it(`WhatTalk under a rate limit of ${RATE}/s: all ${LIMITED_LEADS} leads added once, the run succeeds`, () => {
		const { ok } = outputs(WHATTALK_LIMITED);
		expect(ok.every((item) => item.json.outcome === 'added')).toBe(true);
		const stored = limited!.leadsOf(WHATTALK.campaign).map((lead) => lead.phone_number);
		expect(stored).toHaveLength(LIMITED_LEADS);
		expect(new Set(stored).size).toBe(LIMITED_LEADS);
		expect(limited!.requests().some((r) => r.status === 429)).toBe(true);
	});
});
