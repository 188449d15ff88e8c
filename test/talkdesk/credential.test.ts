import { TalkdeskOAuth2Api } from '../../credentials/TalkdeskOAuth2Api.credentials';
import { talkdeskUrls } from '../../credentials/shared/talkdeskConnection';
import { TALKDESK_CLIENT_ID, TALKDESK_CLIENT_SECRET } from '../sandbox/talkdesk';
import { appendParams, CREDENTIAL_ID, campaignParams, contacts, talkdeskEnv } from './setup';
import type { TalkdeskTestEnv } from './setup';

let env: TalkdeskTestEnv;
afterEach(async () => await env?.close());

const tokenRequests = () => env.sandbox.requests({ method: 'POST', path: '/oauth/token' });
const bulkRequests = () => env.sandbox.requests({ method: 'POST', path: /\/records\/bulks$/ });
const basic = `Basic ${Buffer.from(`${TALKDESK_CLIENT_ID}:${TALKDESK_CLIENT_SECRET}`).toString('base64')}`;

describe('Talkdesk › URLs from region and account', () => {
	it.each([
		['us', 'https://api.talkdeskapp.com', 'https://acme.talkdeskid.com/oauth/token'],
		['eu', 'https://api.talkdeskapp.eu', 'https://acme.talkdeskid.eu/oauth/token'],
		['ca', 'https://api.talkdeskappca.com', 'https://acme.talkdeskidca.com/oauth/token'],
	])('%s', (region, apiBaseUrl, tokenUrl) => {
		expect(talkdeskUrls({ region, account: ' Acme ' })).toEqual({ apiBaseUrl, tokenUrl });
	});

	it('custom: both URLs as given, without trailing slash', () => {
		expect(
			talkdeskUrls({
				region: 'custom',
				apiBaseUrl: 'https://proxy.example/td/',
				tokenUrl: 'https://id.example/t',
			}),
		).toEqual({ apiBaseUrl: 'https://proxy.example/td', tokenUrl: 'https://id.example/t' });
	});

	it('refuses an account that is a URL, and a custom URL that is not one', () => {
		expect(() => talkdeskUrls({ region: 'us', account: 'acme.mytalkdesk.com' })).toThrow(
			/"acme.mytalkdesk.com" is not a Talkdesk account name.*it is "acme"/,
		);
		expect(() =>
			talkdeskUrls({ region: 'custom', apiBaseUrl: 'api.example', tokenUrl: 'https://x' }),
		).toThrow(/"API Base URL" must be a full http\(s\) URL/);
	});

	it('the credential test expression derives the same token URL as the code', async () => {
		env = await talkdeskEnv();
		const url = String(new TalkdeskOAuth2Api().test.request.url);
		for (const region of ['us', 'eu', 'ca']) {
			// eslint-disable-next-line @typescript-eslint/no-implied-eval
			const resolve = new Function('$credentials', `return ${url.slice(4, -3)};`);
			expect(resolve({ region, account: 'Acme' })).toBe(talkdeskUrls({ region, account: 'acme' }).tokenUrl);
		}
	});
});

describe('Talkdesk › Credential (OAuth2 client credentials)', () => {
	it('fetches a token on first use with Basic client auth and the scopes, then sends it as Bearer', async () => {
		env = await talkdeskEnv();
		const result = await env.run(campaignParams('get', env.campaignId));

		expect(result.error).toBeUndefined();
		const [token] = tokenRequests();
		expect(token.headers.authorization).toBe(basic);
		expect(token.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
		expect(token.body).toEqual({
			grant_type: 'client_credentials',
			scope: 'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage',
		});
		const [call] = env.sandbox.requests({ method: 'GET' });
		expect(call.headers.authorization).toMatch(/^Bearer [\w-]+$/);
		expect(call.headers.accept).toBe('application/json, application/hal+json');
		// Stored for the next executions, with its expiry.
		const stored = env.stored();
		expect(call.headers.authorization).toBe(`Bearer ${String(stored.accessToken)}`);
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 500_000);
	});

	it('reuses the stored token across requests and executions until it expires', async () => {
		env = await talkdeskEnv();
		await env.run(appendParams(env.listId, { options: { chunkSize: 2 } }), contacts(5));
		await env.run(campaignParams('get', env.campaignId));
		expect(bulkRequests()).toHaveLength(3);
		expect(env.sandbox.tokensIssued).toBe(1);
	});

	it('token expiry mid-run: a 401 gets a new token and the request goes through, nothing duplicated', async () => {
		env = await talkdeskEnv({ tokenTtlSeconds: 1 });
		// Each bulk request takes 400 ms before Talkdesk checks the token (1 s lifetime): one expires mid-run.
		env.sandbox.setLatency(400, { path: /\/records\/bulks$/ });
		const result = await env.run(appendParams(env.listId), contacts(250));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(result.items.every((item) => item.json.created === true)).toBe(true);
		const statuses = bulkRequests().map((r) => r.status);
		expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
		expect(statuses.filter((s) => s === 201)).toHaveLength(3);
		// Per expiry: one 401 (not processed), then the transport drops the token, n8n fetches a new one and the
		// request is sent once more.
		expect(env.sandbox.tokensIssued).toBe(1 + statuses.filter((s) => s === 401).length);
		expect(env.sandbox.records(env.listId)).toHaveLength(250);
	}, 20_000);

	it('a dropped connection on a bulk append is not resent (the records may have been added)', async () => {
		env = await talkdeskEnv();
		await env.run(campaignParams('get', env.campaignId)); // token fetched and stored
		env.sandbox.reset();
		env.sandbox.resetConnectionNext(1, { path: /\/records\/bulks$/ });

		const result = await env.run(appendParams(env.listId), contacts(3));

		expect(result.error?.message).toMatch(/closed unexpectedly|socket hang up|ECONNRESET/);
		expect(result.error?.description).toMatch(/may have been applied/);
		expect(bulkRequests()).toHaveLength(1);
		expect(tokenRequests()).toHaveLength(0);
	});

	it('a token Talkdesk revoked before its expiry: the 401 gets a new token and the request goes through', async () => {
		env = await talkdeskEnv();
		await env.run(campaignParams('get', env.campaignId));
		const before = String(env.stored().accessToken);
		env.sandbox.expireTokens();
		env.sandbox.reset();

		const result = await env.run(campaignParams('pause', env.campaignId));

		expect(result.error?.message).toMatch(/cannot be paused while READY/); // reached Talkdesk with the new token
		expect(env.sandbox.requests().map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([
			'PATCH /campaigns/:id 401', // the old token, refused (nothing processed)
			'POST /oauth/token 200', // the transport dropped the token: n8n runs preAuthentication
			'PATCH /campaigns/:id 422', // and the request goes once more, its answer read whole
		]);
		expect(result.error?.httpCode).toBe('422');
		expect(env.stored().accessToken).not.toBe(before);
	});

	it('a token past its expires_in is not sent: Talkdesk answers 401 and a new token is fetched', async () => {
		env = await talkdeskEnv();
		await env.run(campaignParams('get', env.campaignId));
		const stored = env.harness.storedCredential(CREDENTIAL_ID);
		env.harness.credentialsHelper.add({ ...stored, data: { ...stored.data, expiresAt: Date.now() - 1 } });
		env.sandbox.reset();

		const result = await env.run(campaignParams('get', env.campaignId));

		expect(result.error).toBeUndefined();
		const gets = env.sandbox.requests({ method: 'GET' });
		expect(gets.map((r) => [r.status, r.headers.authorization?.slice(0, 7)])).toEqual([
			[401, undefined],
			[200, 'Bearer '],
		]);
		expect(env.sandbox.tokensIssued).toBe(2);
	});

	it('after the credential is edited (other API base or scopes), the old token is never sent', async () => {
		env = await talkdeskEnv();
		await env.run(campaignParams('get', env.campaignId));
		const other = await talkdeskEnv();
		try {
			const stored = env.harness.storedCredential(CREDENTIAL_ID);
			const oldToken = String(stored.data.accessToken);
			other.harness.credentialsHelper.add({
				...stored,
				data: {
					...stored.data,
					tokenUrl: other.sandbox.tokenUrl,
					apiBaseUrl: other.sandbox.url,
					scope: 'campaigns:read',
				},
			});
			const result = await other.run(campaignParams('get', other.campaignId));
			expect(result.error).toBeUndefined();
			for (const request of other.sandbox.requests()) {
				expect(request.headers.authorization ?? '').not.toContain(oldToken);
			}
			expect(other.sandbox.requests({ path: '/oauth/token' })[0].body).toEqual({
				grant_type: 'client_credentials',
				scope: 'campaigns:read',
			});
		} finally {
			await other.close();
		}
	});

	it('wrong scopes: Talkdesk answers 403 and the error names the scope the operation needs', async () => {
		env = await talkdeskEnv({}, { scope: 'campaigns:read' });
		const result = await env.run(campaignParams('pause', env.campaignId));
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe(
			`Talkdesk: Forbidden: the access token lacks the scope campaigns:write (forbidden) (item 0, campaign "${env.campaignId}")`,
		);
		expect(result.error?.description).toMatch(
			/This needs the scope "campaigns:write"; the credential asks for: campaigns:read\./,
		);
		expect(env.sandbox.state.campaigns.get(env.campaignId)?.status).toBe('READY');
	});

	it('a scope the API client may not use is refused by the token endpoint, with a clear message', async () => {
		env = await talkdeskEnv({ allowedScopes: ['campaigns:read'] });
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.error?.message).toMatch(
			/^Talkdesk token request failed \(400, invalid_scope: Scope not allowed for this client: campaigns:write/,
		);
		expect(result.error?.message).toMatch(/Check the scopes in the Talkdesk credential/);
		expect(env.sandbox.requests({ method: 'GET' })).toHaveLength(0);
	});

	it('a busy or failing token service is asked again (bounded), then the request goes through', async () => {
		env = await talkdeskEnv();
		env.sandbox.failNext(1, {
			status: 503,
			path: '/oauth/token',
			body: { error: 'temporarily_unavailable' },
		});
		env.sandbox.resetConnectionNext(1, { path: '/oauth/token' });
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.error).toBeUndefined();
		expect(tokenRequests().map((r) => (r.outcome === 'reset' ? 'reset' : r.status))).toEqual([
			503,
			'reset',
			200,
		]);
	});

	it('a token service that keeps failing: a plain error, the API is not called', async () => {
		env = await talkdeskEnv();
		env.sandbox.failNext(3, { status: 502, path: '/oauth/token' });
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.error?.message).toMatch(
			/^Talkdesk token request failed \(502, .*token service is failing or busy/,
		);
		expect(tokenRequests()).toHaveLength(3);
		expect(env.sandbox.count({ path: '/campaigns/:id' })).toBe(0);
	});

	it('a wrong client secret: the token error, and the secret appears nowhere', async () => {
		env = await talkdeskEnv({}, { clientSecret: 'not-the-secret-0123456789' });
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.error?.message).toMatch(/^Talkdesk token request failed \(401, invalid_client/);
		expect(result.error?.description).toBe(
			'n8n could not get an access token from Talkdesk with this credential.',
		);
		const everything = JSON.stringify({ ...result.error, message: result.error?.message, run: result.run });
		expect(everything).not.toContain('not-the-secret-0123456789');
	});

	it('a refused client: one token request for the whole run, every item fails with the token error', async () => {
		env = await talkdeskEnv({}, { clientSecret: 'not-the-secret-0123456789' });
		const ids = Array.from({ length: 6 }, () => env.sandbox.addCampaign({ name: 'Spare' }).id);

		const result = await env.run(
			campaignParams('pause', '={{ $json.id }}'),
			ids.map((id) => ({ id })),
			true,
		);

		expect(result.items).toHaveLength(6);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.error).toMatch(/^Talkdesk token request failed \(401, invalid_client/);
		});
		expect(result.items[0].json.errorDescription).toBe(
			'n8n could not get an access token from Talkdesk with this credential.',
		);
		expect(result.items[5].json.errorDescription).toMatch(
			/^Not sent: Talkdesk refused the credential earlier in this run \(at item 0\)\. n8n could not get/,
		);
		expect(tokenRequests()).toHaveLength(1);
		expect(env.sandbox.count({ path: '/campaigns/:id' })).toBe(0);
	});

	it('a client revoked mid-run: the rest of the run is not sent', async () => {
		env = await talkdeskEnv();
		const ids = Array.from({ length: 6 }, () => env.sandbox.addCampaign({ name: 'Spare' }).id);
		await env.run(campaignParams('get', env.campaignId)); // token fetched and stored
		env.sandbox.reset();
		env.sandbox.expireTokens();
		env.sandbox.failNext(5, {
			status: 401,
			path: '/oauth/token',
			body: { error: 'invalid_client', error_description: 'Client authentication failed' },
		});

		const result = await env.run(
			campaignParams('get', '={{ $json.id }}'),
			ids.map((id) => ({ id })),
			true,
		);

		expect(result.items.map((item) => item.json.error)).toEqual(
			ids.map(() => expect.stringMatching(/^Talkdesk token request failed \(401, invalid_client/)),
		);
		expect(env.sandbox.requests().map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([
			'GET /campaigns/:id 401',
			'POST /oauth/token 401',
		]);
	});

	it('never puts the client secret or the access token into outputs or errors', async () => {
		env = await talkdeskEnv();
		const ok = await env.run(campaignParams('get', env.campaignId));
		env.sandbox.failNext(1, { status: 404, body: { code: 'not_found', message: 'Campaign not found' } });
		const failed = await env.run(campaignParams('get', env.campaignId));
		const token = String(env.stored().accessToken);
		for (const text of [
			JSON.stringify(ok.items),
			JSON.stringify(failed.error),
			String(failed.error?.message),
		]) {
			expect(text).not.toContain(TALKDESK_CLIENT_SECRET);
			expect(text).not.toContain(token);
		}
	});

	it('a broken credential (custom region without URLs) fails with what to fix, before any request', async () => {
		env = await talkdeskEnv({}, { apiBaseUrl: '' });
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.error?.message).toMatch(/Talkdesk credential: "API Base URL" must be a full http\(s\) URL/);
		expect(env.sandbox.count({ path: '/campaigns/:id' })).toBe(0);
	});

	describe('Test button', () => {
		it('fetches a token with the client credentials', async () => {
			env = await talkdeskEnv();
			expect(await env.harness.testCredential(CREDENTIAL_ID)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const last = tokenRequests().at(-1)!;
			expect(last.headers.authorization).toBe(basic);
			expect(last.body).toMatchObject({ grant_type: 'client_credentials' });
		});

		it('reports a wrong secret in plain words', async () => {
			env = await talkdeskEnv({}, { clientSecret: 'wrong' });
			const result = await env.harness.testCredential(CREDENTIAL_ID);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Talkdesk token request failed \(401, invalid_client/);
		});
	});
});
