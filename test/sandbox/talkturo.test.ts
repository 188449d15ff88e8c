/** The Talkturo sandbox itself, over plain HTTP: the rules the node tests rely on. */
import { startTalkturoSandbox, TALKTURO_FIXTURES as F } from './talkturo';
import type { TalkturoSandbox } from './talkturo';

const KEY = 'tk_test_sandbox-suite';
let sandbox: TalkturoSandbox;
beforeEach(async () => {
	sandbox = await startTalkturoSandbox({ apiKey: KEY });
});
afterEach(async () => await sandbox.close());

async function call(method: string, path: string, body?: unknown, key = KEY) {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return {
		status: response.status,
		body: (await response.json()) as Record<string, unknown> & { [k: string]: any },
	};
}

const newCampaign = (extra: object = {}) => ({
	teamId: F.teamId,
	assistantId: F.assistants.qualifier.id,
	companyId: F.company.id,
	fromNumberIds: [F.numbers.main.id],
	name: 'Q1',
	...extra,
});

describe('Talkturo sandbox', () => {
	it('checks the Bearer token on every route, and the key at /test-api-key', async () => {
		expect((await call('GET', '/test-api-key')).status).toBe(200);
		const denied = await call('POST', '/crm/contacts', { teamId: F.teamId, firstName: 'X' }, 'wrong');
		expect(denied).toEqual({ status: 401, body: { success: false, error: 'Invalid or missing API key' } });
		expect(sandbox.contacts()).toHaveLength(0);
	});

	it('requires teamId (the key’s team) on lists and creates', async () => {
		expect((await call('GET', '/crm/campaigns')).body.error).toBe('teamId is required');
		expect((await call('GET', '/crm/contacts?teamId=team_x')).status).toBe(403);
	});

	it('validates campaign fields: required, HH:MM, IANA zone, ISO date, positive integers, number assignment', async () => {
		const cases: Array<[object, number, string]> = [
			[{ name: '' }, 400, 'name is required'],
			[{ fromNumberIds: [] }, 400, 'fromNumberIds is required'],
			[{ callWindowStart: '9:00' }, 400, 'callWindowStart must be in HH:MM format'],
			[{ callWindowTimezone: 'Mars/Base' }, 400, 'callWindowTimezone must be an IANA timezone'],
			[{ scheduledStartAt: 'soon' }, 400, 'scheduledStartAt must be an ISO 8601 datetime'],
			[{ maxConcurrentCalls: 0 }, 400, 'maxConcurrentCalls must be a positive integer'],
			[{ fromNumberIds: [F.numbers.scheduler.id] }, 409, 'is not assigned to assistant'],
		];
		for (const [patch, status, error] of cases) {
			const answer = await call('POST', '/crm/campaigns', newCampaign(patch));
			expect([answer.status, answer.body.error]).toEqual([status, expect.stringContaining(error)]);
		}
		const created = await call(
			'POST',
			'/crm/campaigns',
			newCampaign({ scheduledStartAt: '2030-01-01T09:00:00Z' }),
		);
		expect(created.body.campaign).toMatchObject({
			status: 'scheduled',
			from_number: F.numbers.main.phone_number,
		});
	});

	it('validates contacts (E.164, IANA zone, types) and searches by name, email or phone digits', async () => {
		expect(
			(await call('POST', '/crm/contacts', { teamId: F.teamId, phone: '2025550100' })).body.error,
		).toMatch(/E\.164/);
		expect((await call('POST', '/crm/contacts', { teamId: F.teamId, timezone: 'Chicago' })).status).toBe(400);
		const created = await call('POST', '/crm/contacts', {
			teamId: F.teamId,
			firstName: 'Ada',
			email: 'ada@example.com',
			phone: '+12025550100',
			tags: ['vip'],
		});
		expect(created.body).toMatchObject({
			first_name: 'Ada',
			lead_status: 'new',
			do_not_call: false,
			tags: ['vip'],
		});
		for (const search of ['ada', 'EXAMPLE.com', '+12025550100', '202-555-0100']) {
			const found = await call(
				'GET',
				`/crm/contacts?teamId=${F.teamId}&search=${encodeURIComponent(search)}`,
			);
			expect(found.body.count).toBe(1);
		}
	});

	it('pages lists with limit/offset and a total count (limit capped at 100)', async () => {
		for (let i = 0; i < 7; i++) sandbox.addCampaign({ name: `C${i}` });
		const page = await call('GET', `/crm/campaigns?teamId=${F.teamId}&limit=3&offset=3`);
		expect(page.body).toMatchObject({ count: 7, limit: 3, offset: 3 });
		expect(page.body.campaigns.map((c: { name: string }) => c.name)).toEqual(['C3', 'C4', 'C5']);
		expect((await call('GET', `/crm/campaigns?teamId=${F.teamId}&limit=500`)).body.limit).toBe(100);
	});

	it('enforces the status lifecycle, credits, and only-status-while-running', async () => {
		const { id } = sandbox.addCampaign();
		const put = (body: object) => call('PUT', `/crm/campaigns/${id}`, body);
		expect((await put({ status: 'paused' })).status).toBe(409);
		expect((await put({ status: 'running' })).body.campaign.status).toBe('running');
		expect((await put({ name: 'x' })).body.error).toBe(
			'Only status can be changed while the campaign is running',
		);
		expect((await put({ status: 'paused' })).body.campaign.status).toBe('paused');
		sandbox.state.credits = 0;
		expect((await put({ status: 'running' })).status).toBe(402);
		expect((await put({ status: 'cancelled' })).body.campaign.status).toBe('cancelled');
		expect((await put({ status: 'running' })).body.error).toBe('Campaign is cancelled and cannot be changed');
		expect((await call('DELETE', `/crm/campaigns/${id}`)).status).toBe(200);
		expect((await call('GET', `/crm/campaigns/${id}`)).status).toBe(404);
	});

	it('run: needs contacts, skips do-not-call and phoneless contacts with errors, dry run changes nothing', async () => {
		const { id } = sandbox.addCampaign({ max_concurrent_calls: 2 });
		expect((await call('POST', `/crm/campaigns/${id}/run`, {})).body.error).toBe('Campaign has no contacts');

		const ok = sandbox.addContact({ phone: '+12025550101' });
		const ok2 = sandbox.addContact({ phone: '+12025550102' });
		const ok3 = sandbox.addContact({ phone: '+12025550103' });
		const dnc = sandbox.addContact({ phone: '+12025550104', doNotCall: true });
		const added = await call('POST', `/crm/campaigns/${id}/contacts`, {
			contactIds: [ok.id, dnc.id, ok2.id, ok3.id, ok.id],
		});
		expect(added.body).toMatchObject({ added: 3, skipped: 2 });

		const dry = await call('POST', `/crm/campaigns/${id}/run`, { dryRun: true });
		expect(dry.body).toMatchObject({ started: 2, failed: 0, dryRun: true });
		expect(sandbox.campaign(id).status).toBe('draft');

		sandbox.state.contacts.get(ok.id)!.phone = null;
		const run = await call('POST', `/crm/campaigns/${id}/run`, { maxCalls: 5 });
		expect(run.body).toMatchObject({
			started: 2,
			failed: 1,
			errors: [`Contact ${ok.id} has no phone number`],
		});
		expect(sandbox.campaign(id)).toMatchObject({ status: 'running', contacts_called: 2 });
		expect(sandbox.dialList(id).map((e) => e.status)).toEqual(['failed', 'skipped', 'calling', 'calling']);
		expect(sandbox.state.credits).toBe(998);
	});

	it('removes only pending/skipped contacts; a contact in a live campaign cannot be deleted', async () => {
		const a = sandbox.addContact({ phone: '+12025550101' });
		const b = sandbox.addContact({ phone: '+12025550102' });
		const { id } = sandbox.addCampaign({ contactIds: [a.id, b.id] });
		sandbox.state.dialLists.get(id)![1].status = 'calling';
		expect((await call('DELETE', `/crm/contacts/${b.id}`)).status).toBe(400);
		expect(
			(await call('DELETE', `/crm/campaigns/${id}/contacts`, { contactIds: [a.id, b.id] })).body.removed,
		).toBe(1);
		const listed = await call('GET', `/crm/campaigns/${id}/contacts?status=calling`);
		expect(listed.body).toMatchObject({ count: 1, statusCounts: { calling: 1, pending: 0 } });
	});

	it('an older deployment (branch: false) lacks the newer endpoints: 404, or 405 where the path exists', async () => {
		await sandbox.close();
		sandbox = await startTalkturoSandbox({ apiKey: KEY, branch: false });
		const { id } = sandbox.addCampaign();
		expect(await call('GET', `/crm/campaigns/${id}`)).toEqual({
			status: 404,
			body: { message: 'Not Found' },
		});
		expect((await call('GET', `/crm/campaigns/${id}/contacts`)).status).toBe(405);
		const c = sandbox.addContact({ phone: '+12025550101' });
		expect((await call('POST', `/crm/campaigns/${id}/contacts`, { contactIds: [c.id] })).body).toEqual({
			success: true,
		});
	});

	it('injected faults come before auth and routes, in the Talkturo error shape', async () => {
		sandbox.failNext(1, { status: 429, retryAfter: 2, path: '/api/crm/contacts' });
		const limited = await fetch(`${sandbox.baseUrl}/crm/contacts?teamId=${F.teamId}`);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(await limited.json()).toEqual({ success: false, error: 'Too Many Requests' });
	});
});
