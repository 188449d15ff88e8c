import { startTalkdeskSandbox, TALKDESK_CLIENT_ID, TALKDESK_CLIENT_SECRET } from './talkdesk';
import type { TalkdeskSandbox } from './talkdesk';

let sandbox: TalkdeskSandbox;
beforeEach(async () => {
	sandbox = await startTalkdeskSandbox({ allowedScopes: ['campaigns:read', 'record-lists:manage'] });
});
afterEach(async () => await sandbox.close());

const basic = (id = TALKDESK_CLIENT_ID, secret = TALKDESK_CLIENT_SECRET) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(scope?: string, authorization = basic()) {
	const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
	const response = await fetch(sandbox.tokenUrl, {
		method: 'POST',
		headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function api(accessToken: string, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe('Talkdesk sandbox', () => {
	it('issues client-credentials tokens (Basic client auth) with the allowed scopes only', async () => {
		const ok = await token('campaigns:read');
		expect(ok).toEqual({
			status: 200,
			body: {
				access_token: expect.any(String),
				token_type: 'Bearer',
				expires_in: 600,
				scope: 'campaigns:read',
			},
		});
		expect(await token(undefined, basic('x', 'y'))).toMatchObject({
			status: 401,
			body: { error: 'invalid_client' },
		});
		expect(await token('campaigns:write')).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
	});

	it('401 without a valid token, 403 without the scope', async () => {
		expect(await api('nope', 'GET', '/campaigns')).toMatchObject({
			status: 401,
			body: { code: 'unauthorized' },
		});
		const { body } = await token('record-lists:manage');
		const denied = await api(String(body.access_token), 'GET', '/campaigns');
		expect(denied).toMatchObject({ status: 403, body: { code: 'forbidden' } });
	});

	it('pages with HAL links that keep the filters', async () => {
		for (let n = 0; n < 5; n++) sandbox.addCampaign({ name: `C${n}` });
		const { body } = await token('campaigns:read');
		const page = await api(String(body.access_token), 'GET', '/campaigns?per_page=2&search=c&page=2');
		expect(page.body).toMatchObject({ total: 5, count: 2, page: 2, per_page: 2, total_pages: 3 });
		const links = page.body._links as Record<string, { href: string }>;
		expect(links.next.href).toBe(`${sandbox.url}/campaigns?per_page=2&search=c&page=3`);
		expect(links.prev.href).toBe(`${sandbox.url}/campaigns?per_page=2&search=c&page=1`);
	});

	it('bulk records: per-record error codes in request order, at most 100 per request', async () => {
		const list = sandbox.addRecordList();
		const { body } = await token('record-lists:manage');
		const record = (phone: string, extra: Record<string, unknown> = {}) => ({
			phone_numbers: [{ phone_number: phone, phone_type: 'MOBILE' }],
			first_name: 'A',
			last_name: 'B',
			...extra,
		});
		const answer = await api(String(body.access_token), 'POST', `/record-lists/${list.id}/records/bulks`, {
			records: [
				record('+14155550100'),
				record('555'),
				record('+14155550100'),
				record('+14155550101', { timezone: 'Nowhere' }),
			],
		});
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({ has_errors: true, total_errors: 3, total_created: 1 });
		const records = (answer.body._embedded as { records: Array<{ errors?: Array<{ code: string }> }> })
			.records;
		expect(records.map((r) => r.errors?.map((e) => e.code) ?? [])).toEqual([
			[],
			['PHONE_NUMBER_INVALID'],
			['PHONE_NUMBER_NOT_UNIQUE'],
			['TIMEZONE_INVALID'],
		]);
		const tooMany = await api(String(body.access_token), 'POST', `/record-lists/${list.id}/records/bulks`, {
			records: Array.from({ length: 101 }, (_, i) => record(`+1415555${1000 + i}`)),
		});
		expect(tooMany.status).toBe(413);
	});
});
