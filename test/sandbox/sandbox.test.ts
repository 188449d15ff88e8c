/**
 * Tests of the loopback sandboxes themselves: the Taalk endpoints and the provider-neutral fault injection.
 * Real HTTP through axios against 127.0.0.1; every server is closed in afterAll/afterEach so jest exits.
 */
import { once } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';

import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';

import { MALFORMED_JSON_BODY, SandboxServer } from './server';
import { startTaalkSandbox, type TaalkCampaign, type TaalkSandbox } from './taalk';

const KEY = 'taalk-test-key';
const HOUR = 3_600_000;

let sandbox: TaalkSandbox;
let api: AxiosInstance;
let campaign: TaalkCampaign;

/** Never throws on HTTP status: tests assert statuses explicitly. */
function client(config: AxiosRequestConfig = {}): AxiosInstance {
	return axios.create({
		baseURL: sandbox.baseUrl,
		headers: { Authorization: `Bearer ${KEY}` },
		validateStatus: () => true,
		...config,
	});
}

const contactsPath = () => `/campaign2s/${campaign._id}/contacts`;
const phones = () => sandbox.contacts(campaign._id).map((c) => c.phone);

beforeAll(async () => {
	sandbox = await startTaalkSandbox();
	api = client();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.state.campaigns.clear();
	sandbox.state.calls.clear();
	sandbox.reset();
	sandbox.clearFaults();
	campaign = sandbox.addCampaign({ name: 'Test campaign' });
});

describe('server basics', () => {
	it('listens on 127.0.0.1 and exposes <url>/api as base URL', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.baseUrl).toBe(`${sandbox.url}/api`);
	});

	it('logs every request with method, path, query, headers, body and status', async () => {
		await api.post(`${contactsPath()}?db=tenant1`, { append: [{ name: 'A', phone: '7040000001' }] });
		const [record] = sandbox.requests({ method: 'POST', path: '/api/campaign2s/:id/contacts' });
		expect(record).toMatchObject({
			method: 'POST',
			path: `/api/campaign2s/${campaign._id}/contacts`,
			route: '/api/campaign2s/:id/contacts',
			params: { id: campaign._id },
			query: { db: 'tenant1' },
			body: { append: [{ name: 'A', phone: '7040000001' }] },
			status: 200,
			outcome: 'answered',
		});
		expect(record.headers.authorization).toBe(`Bearer ${KEY}`);
		expect(typeof record.time).toBe('number');
		expect(sandbox.count()).toBe(1);
		expect(sandbox.count({ status: 404 })).toBe(0);
		sandbox.reset();
		expect(sandbox.count()).toBe(0);
	});

	it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
		expect((await api.get('/nope')).status).toBe(404);
		expect((await api.delete(`/campaign2s/${campaign._id}`)).status).toBe(405);
	});

	it('rejects a malformed JSON request body with 400', async () => {
		// transformRequest keeps axios from re-encoding the broken string as a valid JSON string.
		const res = await api.post(contactsPath(), '{"append": [', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(data) => data],
		});
		expect(res.status).toBe(400);
		expect(res.data.message).toMatch(/Malformed JSON/);
		expect(sandbox.contacts(campaign._id)).toHaveLength(0);
	});

	it('close() ends keep-alive connections, even one in the middle of a request, so close resolves at once', async () => {
		const other = new SandboxServer({ name: 'keepalive' }).get('/ping', () => ({ body: { ok: true } }));
		const { url } = await other.start();
		const agent = new http.Agent({ keepAlive: true });
		const res = await axios.get(`${url}/ping`, { httpAgent: agent });
		expect(res.data).toEqual({ ok: true });
		// A connection that has sent half a request: node's server would keep it for its headers timeout (a minute),
		// so close() resolving at all (within jest's timeout) shows that close() ended it, whatever the machine's pace.
		const busy = net.connect(other.port, '127.0.0.1').on('error', () => undefined); // ECONNRESET: expected
		await once(busy, 'connect');
		busy.write('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n');
		const busyClosed = new Promise((resolve) => busy.once('close', resolve));
		await other.close();
		await busyClosed;
		expect(res.request.socket.destroyed).toBe(true);
		agent.destroy();
	});
});

describe('Taalk auth', () => {
	it.each([
		['missing', {}],
		['wrong', { Authorization: 'Bearer wrong-key' }],
		['not Bearer', { Authorization: KEY }],
	])('401 { message: "Unauthorized" } when the key is %s', async (_label, headers) => {
		const res = await axios.get(`${sandbox.baseUrl}/campaign2s`, { headers, validateStatus: () => true });
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ message: 'Unauthorized' });
	});

	it('checks auth on writes too, and changes nothing', async () => {
		const res = await axios.post(
			`${sandbox.baseUrl}${contactsPath()}`,
			{ append: [{ name: 'A', phone: '1' }] },
			{ validateStatus: () => true },
		);
		expect(res.status).toBe(401);
		expect(sandbox.contacts(campaign._id)).toHaveLength(0);
	});
});

describe('Taalk campaign contacts', () => {
	it('appends contacts and counts inserted (seed example)', async () => {
		const res = await api.post(contactsPath(), {
			append: [
				{
					name: 'Toma',
					last_name: 'Kraft',
					phone: '7047058647',
					Taalk_Address: '123 Fake St.',
					Taalk_vehicleyear: '2025',
				},
			],
			shuffle: true,
		});
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ change: { inserted: 1, updated: 0, removed: 0 } });
		const [stored] = sandbox.contacts(campaign._id);
		expect(stored._id).toMatch(/^[0-9a-f]{24}$/);
		expect(stored).toMatchObject({
			name: 'Toma',
			last_name: 'Kraft',
			phone: '7047058647',
			Taalk_vehicleyear: '2025',
		});
	});

	it('counts an existing phone as updated and merges its fields (case-sensitive custom fields kept apart)', async () => {
		await api.post(contactsPath(), {
			append: [{ name: 'A', phone: '7040000001', Taalk_vehicleyear: '2020' }],
		});
		const res = await api.post(contactsPath(), {
			append: [
				{ name: 'A2', phone: '7040000001', taalk_vehicleyear: '2021' },
				{ name: 'B', phone: '7040000002' },
			],
		});
		expect(res.data).toEqual({ change: { inserted: 1, updated: 1, removed: 0 } });
		const [a] = sandbox.contacts(campaign._id);
		expect(a).toMatchObject({ name: 'A2', Taalk_vehicleyear: '2020', taalk_vehicleyear: '2021' });
		expect(phones()).toEqual(['7040000001', '7040000002']);
	});

	it.each([
		['name', { phone: '7040000002' }],
		['phone', { name: 'B' }],
		['name', { name: '  ', phone: '7040000002' }],
	])('400 naming the missing field "%s" and its index, nothing applied', async (field, bad) => {
		const res = await api.post(contactsPath(), { append: [{ name: 'A', phone: '7040000001' }, bad] });
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ field, index: 1 });
		expect(res.data.message).toContain(`append[1].${field}`);
		expect(sandbox.contacts(campaign._id)).toHaveLength(0);
	});

	it('400 when the body has none of append / remove / shuffle, or wrong types', async () => {
		expect((await api.post(contactsPath(), {})).status).toBe(400);
		expect((await api.post(contactsPath(), { append: { name: 'A', phone: '1' } })).status).toBe(400);
		expect((await api.post(contactsPath(), { remove: '7040000001' })).status).toBe(400);
	});

	it('removes by phone and by contact id, counting removed (unknown keys ignored)', async () => {
		sandbox.addCampaign({ _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', contacts: [] });
		await api.post(contactsPath(), {
			append: [1, 2, 3].map((i) => ({ name: `C${i}`, phone: `704000000${i}` })),
		});
		const idOf2 = sandbox.contacts(campaign._id)[1]._id;
		const res = await api.post(contactsPath(), { remove: ['7040000001', idOf2, '7049999999'] });
		expect(res.data).toEqual({ change: { inserted: 0, updated: 0, removed: 2 } });
		expect(phones()).toEqual(['7040000003']);
	});

	it('shuffle with append shuffles only the new contacts', async () => {
		const old = Array.from({ length: 10 }, (_, i) => ({ name: `Old${i}`, phone: `70400000${10 + i}` }));
		await api.post(contactsPath(), { append: old });
		const fresh = Array.from({ length: 30 }, (_, i) => ({ name: `New${i}`, phone: `70500000${10 + i}` }));
		const res = await api.post(contactsPath(), { append: fresh, shuffle: true });
		expect(res.data.change).toEqual({ inserted: 30, updated: 0, removed: 0 });
		const list = phones();
		expect(list.slice(0, 10)).toEqual(old.map((c) => c.phone));
		expect(list.slice(10)).not.toEqual(fresh.map((c) => c.phone)); // 1/30! chance of a false failure
		expect([...list.slice(10)].sort()).toEqual(fresh.map((c) => c.phone).sort());
	});

	it('shuffle alone shuffles the whole list and changes no counts', async () => {
		const all = Array.from({ length: 30 }, (_, i) => ({ name: `C${i}`, phone: `70400000${10 + i}` }));
		await api.post(contactsPath(), { append: all });
		const res = await api.post(contactsPath(), { shuffle: true });
		expect(res.data).toEqual({ change: { inserted: 0, updated: 0, removed: 0 } });
		expect(phones()).not.toEqual(all.map((c) => c.phone));
		expect([...phones()].sort()).toEqual(all.map((c) => c.phone).sort());
	});

	it('404 { message: "Campaign not found" } for an unknown campaign; 400 for a malformed id', async () => {
		const res = await api.post('/campaign2s/0123456789abcdef01234567/contacts', { shuffle: true });
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ message: 'Campaign not found' });
		expect((await api.post('/campaign2s/not-an-id/contacts', { shuffle: true })).status).toBe(400);
	});

	it('updates one contact by phone or by id; 404 for an unknown contact', async () => {
		await api.post(contactsPath(), { append: [{ name: 'A', phone: '7047058647' }] });
		const byPhone = await api.post(`${contactsPath()}/7047058647`, { Taalk_Success: true });
		expect(byPhone.status).toBe(200);
		expect(byPhone.data.payload).toMatchObject({ name: 'A', phone: '7047058647', Taalk_Success: true });
		const id = byPhone.data.payload._id;
		const byId = await api.post(`${contactsPath()}/${id}`, { Taalk_Note: 'x' });
		expect(byId.data.payload).toMatchObject({ _id: id, Taalk_Success: true, Taalk_Note: 'x' });
		const missing = await api.post(`${contactsPath()}/7000000000`, { Taalk_Success: true });
		expect(missing.status).toBe(404);
	});
});

describe('Taalk campaigns, calls and contacts lookup', () => {
	it('lists campaigns with paging and total; gets and updates one', async () => {
		sandbox.addCampaign({ name: 'Second' });
		sandbox.addCampaign({ name: 'Third' });
		const page2 = await api.get('/campaign2s', { params: { page: 2, limit: 2 } });
		expect(page2.data.total).toBe(3);
		expect(page2.data.payload.map((c: TaalkCampaign) => c.name)).toEqual(['Third']);

		const one = await api.get(`/campaign2s/${campaign._id}`);
		expect(Object.keys(one.data.payload).sort()).toEqual([
			'_id',
			'active',
			'contactsCount',
			'createdAt',
			'limitPerHour',
			'name',
		]);

		const put = await api.put(`/campaign2s/${campaign._id}`, { limitPerHour: 0 });
		expect(put.data.payload.limitPerHour).toBe(0);
		expect((await api.put(`/campaign2s/${campaign._id}`, { limitPerHour: -1 })).status).toBe(400);
		expect((await api.put(`/campaign2s/${campaign._id}`, { limitPerHour: 1.5 })).status).toBe(400);
	});

	it('places a call (200 queued), then 202 when the phone is already in the campaign; validates fields', async () => {
		const first = await api.post('/call', {
			name: 'A',
			phone: '7040000001',
			campaign: campaign._id,
			from: '+17045550100',
			retryMethod: 1,
		});
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({ status: 'queued' });
		expect(first.data._id).toMatch(/^[0-9a-f]{24}$/);
		expect(phones()).toEqual(['7040000001']);

		const again = await api.post('/call', { name: 'A again', phone: '7040000001', campaign: campaign._id });
		expect(again.status).toBe(202);
		expect(again.data.message).toBe('Contact already in campaign; updated, not called');
		expect(sandbox.contacts(campaign._id)[0].name).toBe('A again');
		expect(sandbox.state.calls.size).toBe(1);

		expect((await api.post('/call', { phone: '7040000001' })).status).toBe(400);
		expect((await api.post('/call', { name: 'A' })).status).toBe(400);
		expect((await api.post('/call', { name: 'A', phone: '1', from: '7045550100' })).status).toBe(400);
		expect((await api.post('/call', { name: 'A', phone: '1', retryMethod: 3 })).status).toBe(400);

		const call = await api.get(`/calls/${first.data._id}`);
		expect(call.data).toMatchObject({
			_id: first.data._id,
			status: 'queued',
			amd: null,
			messages: [],
			summary: null,
		});
		sandbox.completeCall(first.data._id);
		expect((await api.get(`/calls/${first.data._id}`)).data.status).toBe('completed');
		expect((await api.get('/calls/0123456789abcdef01234567')).status).toBe(404);
	});

	it('finds contacts by phone across campaigns', async () => {
		await api.post(contactsPath(), { append: [{ name: 'A', phone: '7040000001' }] });
		const res = await api.get('/contacts', { params: { phone: '7040000001' } });
		expect(res.data.payload).toEqual([expect.objectContaining({ name: 'A', campaign: campaign._id })]);
	});
});

describe('fault injection', () => {
	it('429 with Retry-After in seconds, scoped to one method + path, then normal again', async () => {
		sandbox.failNext(1, { status: 429, retryAfter: 2, method: 'POST', path: '/api/campaign2s/:id/contacts' });
		// Not matched by the scope: answered normally and the fault stays queued.
		expect((await api.get(`/campaign2s/${campaign._id}`)).status).toBe(200);
		expect(sandbox.pendingFaults()).toBe(1);

		const limited = await api.post(contactsPath(), { append: [{ name: 'A', phone: '7040000001' }] });
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');
		expect(sandbox.contacts(campaign._id)).toHaveLength(0); // nothing applied

		const retried = await api.post(contactsPath(), { append: [{ name: 'A', phone: '7040000001' }] });
		expect(retried.data.change.inserted).toBe(1);
		expect(sandbox.count({ fault: 'fail', status: 429 })).toBe(1);
	});

	it('429 with an HTTP-date Retry-After, 429 without one, and 500 / 502 / 503 in FIFO order', async () => {
		const date = new Date(Date.now() + 3000);
		sandbox
			.failNext(1, { status: 429, retryAfter: date })
			.failNext(1, { status: 429 })
			.failNext(1, { status: 500 })
			.failNext(1, { status: 502, body: { message: 'Bad gateway (injected)' } })
			.failNext(1, { status: 503 });
		const got = [];
		for (let i = 0; i < 6; i++) got.push(await api.get('/campaign2s'));
		expect(got.map((r) => r.status)).toEqual([429, 429, 500, 502, 503, 200]);
		expect(got[0].headers['retry-after']).toBe(date.toUTCString());
		expect(got[1].headers['retry-after']).toBeUndefined();
		expect(got[3].data).toEqual({ message: 'Bad gateway (injected)' });
	});

	it('a `where` scope aims a fault at the request whose body carries one contact; others pass it by', async () => {
		const carries = (phone: string) => (request: { body: unknown }) =>
			JSON.stringify(request.body ?? '').includes(phone);
		sandbox.failNext(1, { status: 503, method: 'POST', where: carries('7040000002') });
		const first = await api.post(contactsPath(), { append: [{ name: 'A', phone: '7040000001' }] });
		expect(first.status).toBe(200);
		expect(sandbox.pendingFaults()).toBe(1);
		const second = await api.post(contactsPath(), { append: [{ name: 'B', phone: '7040000002' }] });
		expect(second.status).toBe(503);
		expect(phones()).toEqual(['7040000001']);
	});

	it('resetConnectionNext destroys the socket without an answer', async () => {
		sandbox.resetConnectionNext(1);
		const error = await api.get('/campaign2s').catch((e) => e);
		expect(axios.isAxiosError(error)).toBe(true);
		expect(error.response).toBeUndefined();
		expect(error.code).toBe('ECONNRESET'); // axios: "socket hang up"
		expect(sandbox.requests()[0]).toMatchObject({ outcome: 'reset', fault: 'reset' });
		expect(sandbox.requests()[0].status).toBeUndefined();
		expect((await api.get('/campaign2s')).status).toBe(200);
	});

	it('hangNext never answers, so the client times out', async () => {
		sandbox.hangNext(1, { path: '/api/campaign2s' });
		const t0 = Date.now();
		const error = await api.get('/campaign2s', { timeout: 300 }).catch((e) => e);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
		expect(error.code).toBe('ECONNABORTED');
		expect(sandbox.requests()[0]).toMatchObject({ outcome: 'hung', fault: 'hang' });
		expect((await api.get('/campaign2s', { timeout: 1000 })).status).toBe(200);
	});

	it('malformedNext answers 200 with a broken JSON body and applies nothing', async () => {
		sandbox.malformedNext(1);
		const res = await api.post(
			contactsPath(),
			{ append: [{ name: 'A', phone: '7040000001' }] },
			{ responseType: 'text' },
		);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/application\/json/);
		expect(res.data).toBe(MALFORMED_JSON_BODY);
		expect(() => JSON.parse(res.data)).toThrow();
		expect(sandbox.contacts(campaign._id)).toHaveLength(0);
	});

	it('applyThenFailNext applies the write but answers 5xx: a blind retry shows up as "updated"', async () => {
		sandbox.applyThenFailNext(1, 502);
		const body = { append: [{ name: 'A', phone: '7040000001' }] };
		const first = await api.post(contactsPath(), body);
		expect(first.status).toBe(502);
		expect(sandbox.contacts(campaign._id)).toHaveLength(1); // the write happened
		expect(sandbox.requests()[0]).toMatchObject({ fault: 'applyThenFail', status: 502, appliedStatus: 200 });

		const retry = await api.post(contactsPath(), body);
		expect(retry.data.change).toEqual({ inserted: 0, updated: 1, removed: 0 });
		expect(sandbox.contacts(campaign._id)).toHaveLength(1);
	});

	it('persistent latency, global and per route; clearFaults restores it', async () => {
		sandbox.setLatency(150, { method: 'GET', path: '/api/campaign2s/:id' });
		const t0 = Date.now();
		await api.get(`/campaign2s/${campaign._id}`);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		await api.get('/campaign2s');
		sandbox.clearFaults();
		await api.get(`/campaign2s/${campaign._id}`);
		// Which requests were held back, as the request log says (a busy machine slows every request a little).
		expect(sandbox.requests().map((r) => [r.path, r.latencyMs])).toEqual([
			[`/api/campaign2s/${campaign._id}`, 150],
			['/api/campaign2s', undefined],
			[`/api/campaign2s/${campaign._id}`, undefined],
		]);
		expect(sandbox.requests()[0].durationMs).toBeGreaterThanOrEqual(150);
	});

	it('rejects unbounded fault counts', () => {
		expect(() => sandbox.failNext(1e9, { status: 500 })).toThrow(RangeError);
		expect(() => sandbox.hangNext(-1)).toThrow(RangeError);
		expect(() => sandbox.failNext(1, { status: 99 })).toThrow(RangeError);
	});

	it('close() releases hung requests and pending latency', async () => {
		const other = await startTaalkSandbox({ latencyMs: HOUR });
		other.hangNext(1);
		const hung = axios
			.get(`${other.baseUrl}/campaign2s`, { headers: { Authorization: `Bearer ${KEY}` } })
			.catch((e) => e);
		const slow = axios
			.get(`${other.baseUrl}/campaign2s`, { headers: { Authorization: `Bearer ${KEY}` } })
			.catch((e) => e);
		// Both requests have arrived (one hangs, one waits out its latency) before the sandbox closes.
		while (other.count() < 2) await new Promise((r) => setTimeout(r, 10));
		await other.close();
		const [a, b] = await Promise.all([hung, slow]);
		// Released, not waited out: the latency is an hour, so both clients having their answer (within jest's
		// timeout) shows close() ended the wait.
		const delayed = other.requests().find((r) => r.fault !== 'hang')!;
		expect(delayed.latencyMs).toBe(HOUR);
		expect(a.response).toBeUndefined();
		expect(b.response).toBeUndefined();
	});
});
