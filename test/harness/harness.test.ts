/**
 * Self-test of the harness: fixture nodes and credentials against a real HTTP server on 127.0.0.1.
 * Run: npx jest --selectProjects unit test/harness
 */
import { Harness } from './index';
import { FakeApi } from './fixtures/fake-api';
import { FixtureBearerApi } from './fixtures/FixtureBearerApi.credentials';
import { FixtureTokenApi } from './fixtures/FixtureTokenApi.credentials';
import { HarnessFixture } from './fixtures/HarnessFixture.node';
import { HarnessFixtureTrigger } from './fixtures/HarnessFixtureTrigger.node';

const api = new FakeApi();
let harness: Harness;

const bearer = { fixtureBearerApi: { id: 'bearer-1', name: 'Bearer account' } };
const token = { fixtureTokenApi: { id: 'token-1', name: 'Token account' } };

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => {
	api.reset();
	harness = new Harness({
		nodeTypes: [HarnessFixture, HarnessFixtureTrigger],
		credentialTypes: [FixtureBearerApi, FixtureTokenApi],
		credentials: [
			{
				id: 'bearer-1',
				name: 'Bearer account',
				type: 'fixtureBearerApi',
				data: { apiKey: api.apiKey, baseUrl: api.baseUrl },
			},
			{
				id: 'bearer-bad',
				name: 'Bad key',
				type: 'fixtureBearerApi',
				data: { apiKey: 'wrong', baseUrl: api.baseUrl },
			},
			{
				id: 'bearer-403',
				name: 'Forbidden key',
				type: 'fixtureBearerApi',
				data: { apiKey: 'forbidden-key', baseUrl: api.baseUrl },
			},
			{
				id: 'token-1',
				name: 'Token account',
				type: 'fixtureTokenApi',
				data: { clientSecret: 'good-secret', baseUrl: api.baseUrl },
			},
			{
				id: 'token-bad',
				name: 'Bad secret',
				type: 'fixtureTokenApi',
				data: { clientSecret: 'nope', baseUrl: api.baseUrl },
			},
		],
	});
});

describe('runNode', () => {
	it('sends the generic authenticate header and query over real HTTP, one request per item', async () => {
		const { items, error } = await harness.runNode({
			type: 'harnessFixture',
			parameters: { operation: 'echo', path: '/echo' },
			credentials: bearer,
			items: [{ n: 1 }, { n: 2 }],
		});

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ ok: true, path: '/echo', input: { n: 1 } },
			{ ok: true, path: '/echo', input: { n: 2 } },
		]);
		const calls = api.requestsTo('/echo');
		expect(calls).toHaveLength(2);
		expect(calls[0].headers.authorization).toBe('Bearer static-key');
		// Credential default (region) resolved into the generic `qs`, next to the node's own query.
		expect(calls[1].query).toEqual({ item: '1', region: 'eu' });
	});

	it('knows the package-prefixed type name and an explicit typeVersion', async () => {
		const { items, run } = await harness.runNode({
			type: 'n8n-nodes-voice-campaigns.harnessFixture',
			typeVersion: 1,
			parameters: { path: '/echo' },
			credentials: bearer,
		});
		expect(items).toHaveLength(1);
		expect(run.status).toBe('success');
	});

	it('runs preAuthentication once, reuses the stored token, and refreshes it after a 401', async () => {
		const args = {
			type: 'harnessFixture',
			parameters: { authentication: 'token', path: '/echo' },
			credentials: token,
		};

		expect((await harness.runNode(args)).error).toBeUndefined();
		expect(api.tokensIssued).toBe(1);
		expect(api.requestsTo('/echo')[0].headers.authorization).toBe('Bearer token-1');
		expect(harness.storedCredential('token-1').data.sessionToken).toBe('token-1');

		// A second execution reads the saved token: no new token request.
		expect((await harness.runNode(args)).error).toBeUndefined();
		expect(api.tokensIssued).toBe(1);
		expect(api.requestsTo('/echo')[1].headers.authorization).toBe('Bearer token-1');

		// Server-side expiry: 401, then n8n-core re-runs preAuthentication (credentialsExpired) and retries.
		api.expireTokens();
		api.requests.length = 0;
		const { items, error } = await harness.runNode(args);
		expect(error).toBeUndefined();
		expect(items[0].json.ok).toBe(true);
		expect(api.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`.trim())).toEqual([
			'GET /echo Bearer token-1',
			'POST /token',
			'GET /echo Bearer token-2',
		]);
		expect(harness.storedCredential('token-1').data.sessionToken).toBe('token-2');
	});

	it('returns `error` when the node throws', async () => {
		const { items, error, run } = await harness.runNode({
			type: 'harnessFixture',
			parameters: { operation: 'throw' },
			credentials: bearer,
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Fixture failure');
		expect(error?.description).toBe('Thrown on purpose');
		expect(run.status).toBe('error');
	});

	it('returns the NodeApiError of a failed request, with its HTTP code', async () => {
		const { error } = await harness.runNode({
			type: 'harnessFixture',
			parameters: { path: '/forbidden' },
			credentials: bearer,
		});
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toMatch(/403|forbidden|permission/i);
	});

	it('with continueOnFail, turns failures into error items', async () => {
		const thrown = await harness.runNode({
			type: 'harnessFixture',
			parameters: { operation: 'throw' },
			credentials: bearer,
			continueOnFail: true,
		});
		expect(thrown.error).toBeUndefined();
		expect(thrown.items.map((i) => i.json)).toEqual([{ error: 'Fixture failure' }]);

		const http = await harness.runNode({
			type: 'harnessFixture',
			parameters: { path: '/forbidden' },
			credentials: bearer,
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(http.error).toBeUndefined();
		expect(http.items).toHaveLength(2);
		expect(http.items[0].json.error).toEqual(expect.any(String));
	});

	it('reports parameter issues the way n8n refuses to start the execution', async () => {
		const { error, run, items } = await harness.runNode({
			type: 'harnessFixture',
			parameters: { operation: 'strict' },
			credentials: bearer,
		});
		expect(items).toEqual([]);
		expect(run.status).toBe('error');
		expect(error?.message).toBe(
			'The workflow has issues and cannot be executed for that reason. Please fix them first.',
		);
		expect(error?.description).toBe('Harness Fixture: parameters.needed: Parameter "Needed" is required.');
		expect(api.requests).toHaveLength(0);
	});

	it('fails clearly for an unknown node type', async () => {
		await expect(harness.runNode({ type: 'nope', parameters: {} })).rejects.toThrow(
			/Unknown node type "nope"/,
		);
	});
});

describe('runWorkflow', () => {
	it('runs a hand-built workflow and exposes every node output', async () => {
		const result = await harness.runWorkflow({
			nodes: [
				{
					id: '1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: '2',
					name: 'Rows',
					type: 'test.items',
					typeVersion: 1,
					position: [200, 0],
					parameters: { items: '[{"a":1},{"a":2}]' },
				},
				{
					id: '3',
					name: 'Call',
					type: 'harnessFixture',
					typeVersion: 2,
					position: [400, 0],
					parameters: {},
					credentials: bearer,
				},
				{
					id: '4',
					name: 'Done',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [600, 0],
					parameters: {},
				},
			],
			connections: {
				Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
				Rows: { main: [[{ node: 'Call', type: 'main', index: 0 }]] },
				Call: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Rows').map((i) => i.json)).toEqual([{ a: 1 }, { a: 2 }]);
		expect(result.output('Done').map((i) => i.json.input)).toEqual([{ a: 1 }, { a: 2 }]);
		expect(() => result.output('Missing')).toThrow(/has no run/);
	});
});

describe('listSearch / loadOptions', () => {
	it('calls listSearch with filter and pagination through a real LoadOptionsContext', async () => {
		const first = await harness.listSearch({
			type: 'harnessFixture',
			method: 'searchThings',
			filter: 'alph',
			credentials: bearer,
		});
		expect(first).toEqual({
			results: [
				{ name: 'Alpha', value: 't1' },
				{ name: 'Alphabet', value: 't3' },
			],
			paginationToken: undefined,
		});

		const page1 = await harness.listSearch({
			type: 'harnessFixture',
			method: 'searchThings',
			credentials: bearer,
		});
		expect(page1.paginationToken).toBe('2');
		const page2 = await harness.listSearch({
			type: 'harnessFixture',
			method: 'searchThings',
			credentials: bearer,
			paginationToken: page1.paginationToken as string,
		});
		expect(page2.results).toEqual([{ name: 'Alphabet', value: 't3' }]);
		expect(api.requestsTo('/things')[0].headers.authorization).toBe('Bearer static-key');
	});

	it('calls loadOptions with the current node parameters and the selected credential', async () => {
		const options = await harness.loadOptions({
			type: 'harnessFixture',
			method: 'getThings',
			credentials: token,
			parameters: { authentication: 'token', path: 'p' },
		});
		expect(options.map((o) => o.name)).toEqual(['p:Alpha', 'p:Beta']);
		expect(api.requestsTo('/token')).toHaveLength(1);
	});
});

describe('testCredential', () => {
	it('reports OK when the test request succeeds', async () => {
		await expect(harness.testCredential('bearer-1')).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(api.requestsTo('/me')[0].headers.authorization).toBe('Bearer static-key');
	});

	it('reports the failure like n8n 2.8 does: NodeApiError message, `responseCode` rules not applied', async () => {
		// n8n 2.8's tester looks for `error.cause.response`, but n8n-workflow 2.8.0's NodeApiError drops an Error
		// cause (its `cause` class field is re-initialised after super()), so the generic message wins.
		await expect(harness.testCredential('bearer-bad')).resolves.toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
		await expect(harness.testCredential('bearer-403')).resolves.toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});
	});

	it('always runs preAuthentication for a credential test', async () => {
		await expect(harness.testCredential('token-1')).resolves.toMatchObject({ status: 'OK' });
		await expect(harness.testCredential('token-1')).resolves.toMatchObject({ status: 'OK' });
		expect(api.tokensIssued).toBe(2);
		// The token request itself fails with 403.
		await expect(harness.testCredential('token-bad')).resolves.toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});
	});
});

describe('webhooks', () => {
	it('delivers a request to webhook() through a real WebhookContext', async () => {
		const ok = await harness.runWebhook({
			type: 'harnessFixtureTrigger',
			parameters: {},
			credentials: bearer,
			request: {
				method: 'POST',
				headers: { 'X-Fixture-Signature': api.apiKey },
				body: { callId: 'c1' },
				query: { a: '1' },
			},
		});
		expect(ok.items?.[0].map((i) => i.json)).toEqual([{ callId: 'c1', query: { a: '1' } }]);
		expect(ok.responseStatus).toBeUndefined();

		const rejected = await harness.runWebhook({
			type: 'harnessFixtureTrigger',
			parameters: {},
			credentials: bearer,
			request: { method: 'POST', headers: { 'x-fixture-signature': 'forged' }, body: {} },
		});
		expect(rejected.webhookResponse).toEqual({ noWebhookResponse: true });
		expect(rejected.responseStatus).toBe(401);
		expect(rejected.responseBody).toBe('bad signature');
	});

	it('runs checkExists / create / delete through a real HookContext, carrying static data', async () => {
		const base = { type: 'harnessFixtureTrigger', parameters: { event: 'call.ended' }, credentials: bearer };

		const missing = await harness.runWebhookLifecycle({ ...base, method: 'checkExists' });
		expect(missing.result).toBe(false);

		const created = await harness.runWebhookLifecycle({
			...base,
			method: 'create',
			staticData: missing.staticData,
		});
		expect(created.result).toBe(true);
		expect(created.webhookUrl).toBe('http://localhost:5678/webhook/harness-webhook-id/fixture');
		const nodeData = created.staticData['node:Harness Fixture Trigger'] as { webhookId: string };
		expect(api.webhooks.get(nodeData.webhookId)).toEqual({ url: created.webhookUrl, event: 'call.ended' });

		const exists = await harness.runWebhookLifecycle({
			...base,
			method: 'checkExists',
			staticData: created.staticData,
		});
		expect(exists.result).toBe(true);

		const deleted = await harness.runWebhookLifecycle({
			...base,
			method: 'delete',
			staticData: created.staticData,
		});
		expect(deleted.result).toBe(true);
		expect(deleted.staticData['node:Harness Fixture Trigger']).toEqual({});
		expect(api.webhooks.size).toBe(0);
	});
});
