import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signatureMatches } from '../../nodes/common/webhook';
import { json, SandboxServer } from '../sandbox/server';
import { sendTalkturoWebhook, signTalkturoPayload } from '../sandbox/talkturo';
import { credentials, talkturoEnv } from './setup';
import type { TalkturoTestEnv } from './setup';

const SECRET = 'whsec_talkturo-signing-secret-42';

let env: TalkturoTestEnv;
beforeEach(async () => {
	env = await talkturoEnv();
});
afterEach(async () => await env.close());

/** Posts a body to the trigger, signed with `secret` unless a signature is given (null: no header). */
const post = (parameters: object, body: unknown, signature?: string | null, secret = SECRET) => {
	const raw = JSON.stringify(body);
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const value = signature === undefined ? signTalkturoPayload(secret, raw) : signature;
	if (value !== null) headers['x-talkturo-signature'] = value;
	return env.harness.runWebhook({
		type: 'talkturoTrigger',
		parameters: { signingSecret: SECRET, ...parameters } as INodeParameters,
		credentials,
		request: { method: 'POST', body, rawBody: raw, headers },
	});
};

/** A finished call in the sandbox: contact, campaign, run, and the `call.ended` event with AI-extracted fields. */
async function endedCall(): Promise<{ event: IDataObject; contactId: string }> {
	const contact = env.sandbox.addContact({ firstName: 'Ada', phone: '+12025550001' });
	const campaign = env.sandbox.addCampaign({ contactIds: [contact.id] });
	const response = await fetch(`${env.sandbox.baseUrl}/crm/campaigns/${campaign.id}/run`, {
		method: 'POST',
		headers: { authorization: `Bearer ${env.sandbox.apiKey}`, 'content-type': 'application/json' },
		body: '{}',
	});
	const run = (await response.json()) as { calls: Array<{ id: string }> };
	const event = env.sandbox.completeCall(run.calls[0].id, {
		extracted: { budget: '50k', decision_maker: 'yes' },
	}) as IDataObject;
	env.sandbox.reset();
	return { event, contactId: contact.id };
}

describe('Talkturo Trigger', () => {
	it('emits one item per event when the signature is right (hex, or with a sha256= prefix)', async () => {
		const event = { event: 'call.ended', call_id: 'call_1', contact_id: 'cont_1' };
		const result = await post({}, event);
		expect(result.items).toEqual([[{ json: event }]]);

		const raw = JSON.stringify(event);
		const prefixed = await post({}, event, `sha256=${signTalkturoPayload(SECRET, raw)}`);
		expect(prefixed.items?.[0]).toHaveLength(1);
	});

	it.each([
		['a wrong signature', signTalkturoPayload('another-secret', '{}')],
		['a signature of another body', signTalkturoPayload(SECRET, '{"event":"call.started"}')],
		['no signature', null],
		['an empty signature', ''],
	])('rejects %s with 401 and starts nothing', async (_label, signature) => {
		const result = await post({}, { event: 'call.ended' }, signature);
		expect(result.responseStatus).toBe(401);
		expect(result.responseBody).toEqual({ message: 'Missing or invalid X-Talkturo-Signature' });
		expect(result.items).toBeUndefined();
		expect(JSON.stringify(result.responseBody)).not.toContain(SECRET);
	});

	it('rejects everything while verification is on but no secret is set', async () => {
		const result = await post({ signingSecret: '' }, { event: 'call.ended' }, undefined, '');
		expect(result.responseStatus).toBe(401);
	});

	it('accepts unsigned events only when verification is turned off on purpose', async () => {
		const result = await post({ verifySignature: false, signingSecret: '' }, { event: 'call.ended' }, null);
		expect(result.items?.[0]).toHaveLength(1);
	});

	it('starts only for the chosen events (call.ended by default) and acknowledges the others', async () => {
		const skipped = await post({}, { event: 'call.started', call_id: 'c' });
		expect(skipped.items).toBeUndefined();
		expect(skipped.responseStatus).toBe(200);
		expect(skipped.responseBody).toEqual({ received: true, started: false });

		const chosen = await post({ events: ['call.started', 'call.transcribed'] }, { type: 'Call.Transcribed' });
		expect(chosen.items?.[0]).toHaveLength(1);

		const all = await post({ events: [] }, { event: 'call.machine_detection.ended' });
		expect(all.items?.[0]).toHaveLength(1);
	});

	it('an array body gives one item per event', async () => {
		const events = [
			{ event: 'call.ended', call_id: 'a' },
			{ event: 'call.started', call_id: 'b' },
			{ event: 'call.ended', call_id: 'c' },
		];
		const result = await post({}, events);
		expect(result.items?.[0].map((item) => item.json.call_id)).toEqual(['a', 'c']);
	});

	it('adds the contact with the fields the AI extracted after call.ended, when asked', async () => {
		const { event, contactId } = await endedCall();
		const result = await post({ fetchContact: true }, event);
		const [item] = result.items![0];
		expect(item.json).toMatchObject({
			event: 'call.ended',
			contact_id: contactId,
			answered: true,
			contact: { id: contactId, first_name: 'Ada', custom_fields: { budget: '50k', decision_maker: 'yes' } },
		});
		expect(env.sandbox.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/crm/contacts/${contactId}`,
		]);
	});

	it('keeps the event when the contact cannot be fetched, noting why', async () => {
		const noId = await post({ fetchContact: true }, { event: 'call.ended', call_id: 'x' });
		expect(noId.items![0][0].json.contactError).toMatch(/names no contact ID/);

		const unknown = await post(
			{ fetchContact: true },
			{ event: 'call.ended', data: { contact_id: 'cont_gone' } },
		);
		expect(unknown.items![0][0].json).toMatchObject({ contactError: 'Talkturo: Contact not found' });
		expect(env.sandbox.count()).toBe(1);
	});

	it('does not fetch for other events, nor when not asked', async () => {
		const { event } = await endedCall();
		await post({}, event);
		await post({ fetchContact: true, events: [] }, { ...event, event: 'call.started' });
		expect(env.sandbox.count()).toBe(0);
	});

	it('has nothing to register remotely: checkExists, create and delete all succeed', async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const result = await env.harness.runWebhookLifecycle({
				type: 'talkturoTrigger',
				parameters: { signingSecret: SECRET },
				method,
			});
			expect(result.result).toBe(true);
			expect(result.webhookUrl).toMatch(/\/webhook\/harness-webhook-id\/talkturo$/);
		}
		expect(env.sandbox.count()).toBe(0);
	});
});

describe('Talkturo sandbox webhook sender', () => {
	it('posts events signed the way the trigger verifies', async () => {
		const receiver = new SandboxServer({ name: 'receiver' });
		receiver.post('/hook', (req) =>
			json(signatureMatches(SECRET, req.rawBody, req.headers['x-talkturo-signature']) ? 200 : 401, {}),
		);
		await receiver.start();
		try {
			const event = { event: 'call.ended', call_id: 'call_1' };
			expect((await sendTalkturoWebhook(`${receiver.url}/hook`, event, { secret: SECRET })).status).toBe(200);
			expect((await sendTalkturoWebhook(`${receiver.url}/hook`, event, { secret: 'nope' })).status).toBe(401);
			expect((await sendTalkturoWebhook(`${receiver.url}/hook`, event)).status).toBe(401);
			expect(receiver.requests()[0].headers['x-talkturo-signature']).toBe(
				signTalkturoPayload(SECRET, JSON.stringify(event)),
			);
		} finally {
			await receiver.close();
		}
	});
});
