import { DUPLICATE_MESSAGE, startWhatTalkSandbox } from './whattalk';
import type { WhatTalkSandbox } from './whattalk';

let sandbox: WhatTalkSandbox;
let campaignId: number;
beforeEach(async () => {
	sandbox = await startWhatTalkSandbox({ apiKey: 'k' });
	const assistant = sandbox.addAssistant();
	campaignId = sandbox.addCampaign({ assistant_id: assistant.id }).id;
});
afterEach(async () => await sandbox.close());

async function api(method: string, path: string, body?: unknown, key = 'k') {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${key}`,
			'content-type': 'application/json',
			accept: 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('WhatTalk sandbox', () => {
	it('answers 401 "Unauthenticated." without the right Bearer key', async () => {
		expect(await api('GET', '/user/me', undefined, 'other')).toEqual({
			status: 401,
			body: { message: 'Unauthenticated.' },
		});
	});

	it('validates like Laravel: 422 with the first message on top and every field under errors', async () => {
		const { status, body } = await api('POST', '/user/campaign', {
			max_retries: 9,
			allowed_days: ['funday'],
		});
		expect(status).toBe(422);
		expect(body.message).toBe('The name field is required. (and 3 more errors)');
		expect(body.errors).toEqual({
			name: ['The name field is required.'],
			assistant_id: ['The assistant id field is required.'],
			'allowed_days.0': ['The selected allowed_days.0 is invalid.'],
			max_retries: ['The max retries field must be between 1 and 5.'],
		});
	});

	it('blocks a duplicate number per campaign unless allow_dupplicate (sic) is true', async () => {
		const lead = { campaign_id: campaignId, phone_number: '+905551234567' };
		expect((await api('POST', '/user/lead', lead)).status).toBe(201);
		expect(await api('POST', '/user/lead', lead)).toEqual({
			status: 422,
			body: { message: DUPLICATE_MESSAGE, errors: { phone_number: [DUPLICATE_MESSAGE] } },
		});
		expect((await api('POST', '/user/lead', { ...lead, allow_dupplicate: true })).status).toBe(201);
		expect((await api('POST', '/user/lead', { ...lead, phone_number: '05551234567' })).status).toBe(422);
		expect(sandbox.leadsOf(campaignId)).toHaveLength(2);
	});

	it('pages leads as a Laravel paginator and refuses per_page over 100', async () => {
		for (let i = 0; i < 35; i++)
			sandbox.addLead({ campaign_id: campaignId, phone_number: `+1415555${1000 + i}` });
		const { body } = await api('GET', '/user/leads?per_page=10&page=4');
		expect(body).toMatchObject({
			current_page: 4,
			last_page: 4,
			per_page: 10,
			total: 35,
			next_page_url: null,
		});
		expect((body.data as unknown[]).length).toBe(5);
		expect((await api('GET', '/user/leads?per_page=101')).status).toBe(422);
	});

	it('updates only documented fields, merging variables', async () => {
		const lead = sandbox.addLead({
			campaign_id: campaignId,
			phone_number: '+14155551000',
			variables: { a: 1 },
		});
		expect(await api('PUT', `/user/leads/${lead.id}`, { name: 'x', notes: 'y' })).toEqual({
			status: 422,
			body: { message: 'Invalid fields: name, notes' },
		});
		expect((await api('PUT', `/user/leads/${lead.id}`, { variables: { b: 2 } })).status).toBe(200);
		expect(sandbox.state.leads.get(lead.id)?.variables).toEqual({ a: 1, b: 2 });
	});

	it('moves campaigns between statuses and enables / disables webhooks per assistant', async () => {
		expect(
			(await api('POST', '/user/campaigns/update-status', { campaign_id: campaignId, action: 'start' })).body,
		).toEqual({
			message: 'Campaign started successfully',
			success: true,
			data: { campaign_id: campaignId, status: 'in-progress' },
		});
		const assistantId = sandbox.state.campaigns.get(campaignId)!.assistant_id;
		await api('POST', '/user/assistants/enable-webhook', {
			assistant_id: assistantId,
			webhook_url: 'http://127.0.0.1:1/x',
		});
		expect(sandbox.state.assistants.get(assistantId)?.webhook_url).toBe('http://127.0.0.1:1/x');
		await api('POST', '/user/assistants/disable-webhook', { assistant_id: assistantId });
		expect(sandbox.state.assistants.get(assistantId)?.webhook_url).toBeNull();
		expect(
			(
				await api('POST', '/user/assistants/enable-webhook', {
					assistant_id: 999,
					webhook_url: 'http://x.y/',
				})
			).status,
		).toBe(404);
	});
});
