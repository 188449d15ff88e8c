import type { IDataObject } from 'n8n-workflow';

import { credentials, whatTalkEnv } from './setup';
import type { WhatTalkTestEnv } from './setup';

let env: WhatTalkTestEnv;
beforeEach(async () => {
	env = await whatTalkEnv();
});
afterEach(async () => await env.close());

const TYPE = 'whatTalkTrigger';
const NODE_URL = 'http://localhost:5678/webhook/harness-webhook-id/webhook';

const lifecycle = (
	method: 'checkExists' | 'create' | 'delete',
	staticData: IDataObject = {},
	parameters: IDataObject = {},
) =>
	env.harness.runWebhookLifecycle({
		type: TYPE,
		parameters: { event: 'callEnded', assistantId: env.outboundId, ...parameters },
		credentials,
		staticData,
		method,
	});

/** The node's static data as n8n keeps it between calls. */
const nodeData = (staticData: IDataObject) => (staticData['node:WhatTalk Trigger'] ?? {}) as IDataObject;

/** Activation as n8n does it: checkExists, then create if needed. Returns the workflow static data afterwards. */
async function activate(parameters: IDataObject = {}, staticData: IDataObject = {}): Promise<IDataObject> {
	const exists = await lifecycle('checkExists', staticData, parameters);
	if (exists.result) return exists.staticData;
	return (await lifecycle('create', exists.staticData, parameters)).staticData;
}

const tokenOf = (url: string | null | undefined) => new URL(String(url)).searchParams.get('token');

describe('WhatTalk Trigger › lifecycle', () => {
	it('activation registers the URL with a generated token on the assistant, and keeps it in static data', async () => {
		const first = await lifecycle('checkExists');
		expect(first.result).toBe(false);

		const staticData = await activate();
		const registered = env.sandbox.state.assistants.get(env.outboundId)?.webhook_url;
		expect(registered).toMatch(new RegExp(`^${NODE_URL}\\?token=[A-Za-z0-9_-]{32}$`));
		expect(nodeData(staticData)).toEqual({
			assistantId: env.outboundId,
			event: 'callEnded',
			webhookUrl: NODE_URL,
			token: tokenOf(registered),
		});
		expect(env.sandbox.requests().map((r) => [r.path, r.body])).toEqual([
			['/api/user/assistants/enable-webhook', { assistant_id: env.outboundId, webhook_url: registered }],
		]);

		// Reactivation (e.g. n8n restart) finds it and registers nothing.
		env.sandbox.reset();
		expect((await lifecycle('checkExists', staticData)).result).toBe(true);
		expect(env.sandbox.count()).toBe(0);
	});

	it('each registration gets its own token', async () => {
		const a = nodeData(await activate()).token;
		const b = nodeData(await activate()).token;
		expect(a).not.toEqual(b);
	});

	it('deactivation unregisters from the assistant it registered on and forgets the registration', async () => {
		const staticData = await activate();
		env.sandbox.reset();
		// Even if the parameter changed since, the saved assistant is the one unregistered.
		const removed = await lifecycle('delete', staticData, { assistantId: env.inboundId });
		expect(removed.result).toBe(true);
		expect(env.sandbox.requests().map((r) => [r.path, r.body])).toEqual([
			['/api/user/assistants/disable-webhook', { assistant_id: env.outboundId }],
		]);
		expect(env.sandbox.state.assistants.get(env.outboundId)?.webhook_url).toBeNull();
		expect(nodeData(removed.staticData)).toEqual({});
	});

	it('a changed assistant or event is not "existing": the new one is registered', async () => {
		const staticData = await activate();
		const check = await lifecycle('checkExists', staticData, {
			assistantId: env.inboundId,
			event: 'inboundCall',
		});
		expect(check.result).toBe(false);
	});

	it('Inbound Call uses the inbound webhook endpoints', async () => {
		const staticData = await activate({ event: 'inboundCall', assistantId: env.inboundId });
		const assistant = env.sandbox.state.assistants.get(env.inboundId);
		expect(assistant?.inbound_webhook_url).toMatch(/\?token=/);
		expect(assistant?.webhook_url).toBeNull();
		await lifecycle('delete', staticData);
		expect(env.sandbox.state.assistants.get(env.inboundId)?.inbound_webhook_url).toBeNull();
		expect(env.sandbox.requests().map((r) => r.path)).toEqual([
			'/api/user/assistants/enable-inbound-webhook',
			'/api/user/assistants/disable-inbound-webhook',
		]);
	});

	it('deactivation tolerates an assistant that no longer exists, and with nothing registered sends nothing', async () => {
		const staticData = await activate();
		env.sandbox.state.assistants.delete(env.outboundId);
		const removed = await lifecycle('delete', staticData);
		expect(removed.result).toBe(true);
		expect(nodeData(removed.staticData)).toEqual({});

		env.sandbox.reset();
		expect((await lifecycle('delete')).result).toBe(true);
		expect(env.sandbox.count()).toBe(0);
	});

	it('a failed unregistration keeps the record (so the next activation still knows its token)', async () => {
		const staticData = await activate();
		env.sandbox.failNext(4, { status: 503, retryAfter: 0 });
		const removed = await lifecycle('delete', staticData);
		expect(removed.result).toBe(false);
		expect(nodeData(removed.staticData).token).toBe(nodeData(staticData).token);
	});

	it("a refused registration fails activation with WhatTalk's message and saves nothing", async () => {
		env.sandbox.state.assistants.delete(env.outboundId);
		await expect(lifecycle('create')).rejects.toThrow('WhatTalk: Assistant not found');
	});
});

describe('WhatTalk Trigger › webhook', () => {
	const deliver = (
		staticData: IDataObject,
		body: unknown,
		query: IDataObject,
		parameters: IDataObject = {},
	) =>
		env.harness.runWebhook({
			type: TYPE,
			parameters: { event: 'callEnded', assistantId: env.outboundId, ...parameters },
			credentials,
			staticData,
			request: { method: 'POST', body, query },
		});

	it('emits the post-call payload (variables, transcript, lead and campaign) as one item', async () => {
		const staticData = await activate();
		const lead = env.sandbox.addLead({
			campaign_id: env.campaignId,
			phone_number: '+905551234567',
			variables: { customer_name: 'Ayşe' },
		});
		const payload = env.sandbox.postCallPayload(env.outboundId, { lead });
		const token = tokenOf(env.sandbox.state.assistants.get(env.outboundId)?.webhook_url);

		const result = await deliver(staticData, payload, { token });

		expect(result.responseStatus).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items?.[0]).toHaveLength(1);
		expect(result.items?.[0][0].json).toEqual(payload);
		expect(result.items?.[0][0].json).toMatchObject({
			extracted_variables: { status: true },
			transcript: expect.any(Array),
			lead: { id: lead.id, variables: { customer_name: 'Ayşe' }, campaign: { id: env.campaignId } },
		});
	});

	it.each([
		['no token', {}],
		['a wrong token', { token: 'guess' }],
		['a token of the right length but wrong', { token: 'x'.repeat(32) }],
	])('rejects a request with %s (401, no execution)', async (_label, query) => {
		const staticData = await activate();
		const result = await deliver(staticData, { status: 'completed' }, query);
		expect(result.responseStatus).toBe(401);
		expect(result.responseBody).toEqual({ message: 'Missing or wrong token' });
		expect(result.items).toBeUndefined();
	});

	it('rejects everything when nothing was registered', async () => {
		const result = await deliver({}, { status: 'completed' }, { token: '' });
		expect(result.responseStatus).toBe(401);
	});

	it('the sandbox sender posts to the registered URL, token included', async () => {
		await activate();
		const received: Array<{ url: string; body: unknown }> = [];
		const { createServer } = await import('node:http');
		const server = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk) => (raw += chunk));
			req.on('end', () => {
				received.push({ url: req.url ?? '', body: JSON.parse(raw) });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as { port: number }).port;
			const assistant = env.sandbox.state.assistants.get(env.outboundId)!;
			const token = tokenOf(assistant.webhook_url);
			assistant.webhook_url = `http://127.0.0.1:${port}/webhook/x/webhook?token=${token}`;
			const lead = env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: '+14155550111' });
			const delivery = await env.sandbox.completeCall(lead.id);
			expect(delivery?.status).toBe(200);
			expect(received).toHaveLength(1);
			expect(received[0].url).toBe(`/webhook/x/webhook?token=${token}`);
			expect(received[0].body).toMatchObject({ lead: { id: lead.id, status: 'completed', call_tries: 1 } });
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('Inbound Call emits the caller; with "With the Last Node Output" n8n answers with the workflow result', async () => {
		const node = env.harness.nodeTypes.getByNameAndVersion(TYPE, 1);
		const webhook = node.description.webhooks?.[0];
		expect(webhook?.responseMode).toContain('inboundResponse');
		expect(webhook?.responseData).toBe('firstEntryJson');

		const staticData = await activate({ event: 'inboundCall', assistantId: env.inboundId });
		const token = tokenOf(env.sandbox.state.assistants.get(env.inboundId)?.inbound_webhook_url);
		const result = await deliver(
			staticData,
			{ customer_phone: '+905551234567', assistant_phone: '+14155550199' },
			{ token },
			{ event: 'inboundCall', assistantId: env.inboundId, inboundResponse: 'lastNode' },
		);
		expect(result.items?.[0][0].json).toEqual({
			customer_phone: '+905551234567',
			assistant_phone: '+14155550199',
		});
	});
});
