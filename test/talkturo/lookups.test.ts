import { apiBaseUrl } from '../../nodes/Talkturo/transport';
import { credentials, F, talkturoEnv, TALKTURO_KEY } from './setup';
import type { TalkturoTestEnv } from './setup';

let env: TalkturoTestEnv;
beforeEach(async () => {
	env = await talkturoEnv();
});
afterEach(async () => await env.close());

const lookup = (method: string, parameters: object = {}) =>
	env.harness.loadOptions({ type: 'talkturo', method, credentials, parameters: parameters as never });

describe('Talkturo pickers', () => {
	it('lists campaigns by name, searchable, with their status, a page at a time', async () => {
		for (let i = 0; i < 120; i++)
			env.sandbox.addCampaign({ name: i === 7 ? 'Spring renewals' : `Campaign ${i}` });
		const first = await env.harness.listSearch({ type: 'talkturo', method: 'searchCampaigns', credentials });
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Campaign 0 (draft)', value: expect.stringMatching(/^camp_/) });
		expect(first.paginationToken).toBe('100');

		const second = await env.harness.listSearch({
			type: 'talkturo',
			method: 'searchCampaigns',
			credentials,
			paginationToken: '100',
		});
		expect(second.results).toHaveLength(20);
		expect(second.paginationToken).toBeUndefined();

		const found = await env.harness.listSearch({
			type: 'talkturo',
			method: 'searchCampaigns',
			credentials,
			filter: 'spring',
		});
		expect(found.results.map((r) => r.name)).toEqual(['Spring renewals (draft)']);
	});

	it('lists outbound assistants, caller-ID numbers as "number (id)", and companies', async () => {
		expect(await lookup('getAssistants')).toEqual([
			{ name: 'Appointment Setter', value: F.assistants.scheduler.id },
			{ name: 'Lead Qualifier', value: F.assistants.qualifier.id },
		]);
		expect((await lookup('getPhoneNumbers')).map((o) => o.name)).toEqual([
			`${F.numbers.main.phone_number} (${F.numbers.main.id})`,
			`${F.numbers.second.phone_number} (${F.numbers.second.id})`,
			`${F.numbers.scheduler.phone_number} (${F.numbers.scheduler.id})`,
		]);
		expect(await lookup('getCompanies')).toEqual([{ name: 'Acme Corp', value: F.company.id }]);
		expect(env.sandbox.requests({ path: '/api/phone-numbers/purchase' })[0].query).toEqual({
			teamId: F.teamId,
		});
	});

	it("uses the node's Team ID option over the credential's", async () => {
		await expect(lookup('getPhoneNumbers', { options: { teamId: 'team_other' } })).rejects.toThrow(
			/You do not have access to this team/,
		);
	});

	it('says what to do when no team is set', async () => {
		await env.close();
		env = await talkturoEnv({ credential: { teamId: '' } });
		await expect(lookup('getPhoneNumbers')).rejects.toThrow(/Set Default Team ID in the Talkturo credential/);
		expect(env.sandbox.count()).toBe(0);
	});
});

describe('Talkturo API credential', () => {
	it('tests OK against /api/test-api-key with the right token, and fails with a wrong one', async () => {
		expect(await env.harness.testCredential('talkturo')).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [request] = env.sandbox.requests();
		expect(request.path).toBe('/api/test-api-key');
		expect(request.headers.authorization).toBe(`Bearer ${TALKTURO_KEY}`);

		await env.close();
		env = await talkturoEnv({ credential: { apiToken: 'tk_live_not-the-token' } });
		const failed = await env.harness.testCredential('talkturo');
		expect(failed.status).toBe('Error');
		expect(failed.message).not.toContain('tk_live_not-the-token');
	});

	it('accepts the Base URL with or without /api and a trailing slash', async () => {
		expect(apiBaseUrl('https://calls.example.com/')).toBe('https://calls.example.com/api');
		expect(apiBaseUrl(' https://calls.example.com/api/ ')).toBe('https://calls.example.com/api');
		expect(apiBaseUrl('')).toBe('https://app.talkturo.com/api');

		await env.close();
		env = await talkturoEnv({ credential: (url) => ({ baseUrl: `${url}/api/` }) });
		expect((await env.harness.testCredential('talkturo')).status).toBe('OK');
		const result = await env.run({ resource: 'contact', operation: 'getMany', returnAll: false, limit: 1 });
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests().map((r) => r.path)).toEqual(['/api/test-api-key', '/api/crm/contacts']);
	});
});
