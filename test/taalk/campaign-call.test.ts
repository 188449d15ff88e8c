import { byId, taalkEnv, TAALK_KEY } from './setup';
import type { TaalkTestEnv } from './setup';

let env: TaalkTestEnv;
beforeEach(async () => {
	env = await taalkEnv();
});
afterEach(async () => await env.close());

const credentials = { taalkApi: { id: 'taalk', name: 'Taalk account' } };

describe('Taalk › Campaign', () => {
	it('gets one campaign', async () => {
		const result = await env.run({
			resource: 'campaign',
			operation: 'get',
			campaignId: byId(env.campaignId),
		});
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ _id: env.campaignId, name: 'Spring leads' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it("reports Taalk's 404 for an unknown campaign", async () => {
		const result = await env.run({
			resource: 'campaign',
			operation: 'get',
			campaignId: byId('b'.repeat(24)),
		});
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toMatch(/^Taalk: /);
	});

	it('gets many campaigns across pages with Return All, or up to Limit', async () => {
		for (let i = 0; i < 149; i++) env.sandbox.addCampaign({ name: `Campaign ${i}` });

		const all = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(150);
		expect(new Set(all.items.map((i) => i.json._id)).size).toBe(150);
		expect(all.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(env.sandbox.requests().map((r) => r.query.page)).toEqual(['1', '2']);

		env.sandbox.reset();
		const some = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 7 });
		expect(some.items).toHaveLength(7);
		expect(env.sandbox.count()).toBe(1);
	});

	it('sets the dialing rate, 0 pausing the campaign', async () => {
		const result = await env.run({
			resource: 'campaign',
			operation: 'setDialingRate',
			campaignId: byId(env.campaignId),
			limitPerHour: 0,
		});
		expect(result.error).toBeUndefined();
		const [request] = env.sandbox.requests();
		expect(request.method).toBe('PUT');
		expect(request.body).toEqual({ limitPerHour: 0 });
		expect(env.sandbox.state.campaigns.get(env.campaignId)?.campaign.limitPerHour).toBe(0);
		expect(result.items[0].json).toMatchObject({ _id: env.campaignId, limitPerHour: 0 });
	});

	it('rejects a negative or fractional rate before any request', async () => {
		for (const bad of ['={{ -5 }}', '={{ 2.5 }}']) {
			const result = await env.run({
				resource: 'campaign',
				operation: 'setDialingRate',
				campaignId: byId(env.campaignId),
				limitPerHour: bad,
			});
			expect(result.error?.message).toMatch(/field "Calls per Hour": .* is not a whole number of 0 or more/);
		}
		expect(env.sandbox.count()).toBe(0);
	});

	it('lists campaigns for the picker, filtered by name and paged', async () => {
		env.sandbox.addCampaign({ name: 'Autumn renewals' });
		const found = await env.harness.listSearch({
			type: 'taalk',
			method: 'searchCampaigns',
			credentials,
			filter: 'autumn',
		});
		expect(found.results).toEqual([
			expect.objectContaining({
				name: 'Autumn renewals',
				url: expect.stringMatching(/^https:\/\/lets\.taalk\.ai\/console\/campaign2s\/[0-9a-f]{24}$/),
			}),
		]);
		expect(found.paginationToken).toBeUndefined();
	});
});

describe('Taalk › Call', () => {
	const placeParams = (extra = {}) => ({
		resource: 'call',
		operation: 'place',
		name: '={{ $json.name }}',
		phone: '={{ $json.phone }}',
		...extra,
	});

	it('places a call and returns the call', async () => {
		const result = await env.run(
			placeParams({
				additionalFields: {
					campaign: env.campaignId,
					from: '+17045550123',
					retryMethod: 1,
					params: '{"reason": "renewal"}',
				},
			}),
			[{ name: 'Ada', phone: '704-555-2000' }],
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].body).toEqual({
			name: 'Ada',
			phone: '7045552000',
			campaign: env.campaignId,
			from: '+17045550123',
			retryMethod: 1,
			params: { reason: 'renewal' },
		});
		expect(result.items[0].json).toMatchObject({
			called: true,
			alreadyInCampaign: false,
			_id: expect.any(String),
		});
	});

	it('tells a 202 (already in the campaign: updated, not called) apart from a placed call', async () => {
		const items = [{ name: 'Ada', phone: '704-555-2000' }];
		const params = placeParams({ additionalFields: { campaign: env.campaignId } });
		await env.run(params, items);
		const again = await env.run(params, items);
		expect(again.items[0].json).toMatchObject({ called: false, alreadyInCampaign: true });
	});

	it.each([
		[
			'a caller ID not in +1XXXXXXXXXX form',
			{ from: '7045550123' },
			/field "Caller ID": "7045550123" is not written as \+1 and 10 digits/,
		],
		[
			'parameters that are not JSON',
			{ params: '{reason: renewal' },
			/field "Parameters \(JSON\)": .* is not valid JSON/,
		],
		[
			'parameters that are a JSON array',
			{ params: '[1,2]' },
			/field "Parameters \(JSON\)": .* is not a JSON object/,
		],
		[
			'a campaign ID of the wrong shape',
			{ campaign: '1050' },
			/field "Campaign ID": "1050" is not a Taalk campaign ID/,
		],
	])('rejects %s before any request', async (_label, additionalFields, message) => {
		const result = await env.run(placeParams({ additionalFields }), [{ name: 'Ada', phone: '704-555-2000' }]);
		expect(result.error?.message).toMatch(message);
		expect(env.sandbox.count()).toBe(0);
	});

	it('resends after a 503 (not processed) but never after a 500 (a call may have been placed)', async () => {
		env.sandbox.failNext(1, { status: 503, retryAfter: 0 });
		const ok = await env.run(placeParams(), [{ name: 'Ada', phone: '704-555-2000' }]);
		expect(ok.error).toBeUndefined();
		expect(env.sandbox.count()).toBe(2);

		env.sandbox.reset();
		env.sandbox.applyThenFailNext(1, 500);
		const failed = await env.run(placeParams(), [{ name: 'Bob', phone: '704-555-2001' }]);
		expect(failed.error?.httpCode).toBe('500');
		expect(env.sandbox.count()).toBe(1);
		expect(env.sandbox.state.calls.size).toBe(2);
	});

	it('with Continue On Fail, a failed call is an error item and the next call is placed', async () => {
		env.sandbox.failNext(1, { status: 400, body: { message: 'phone is required' } });
		const result = await env.run(
			placeParams(),
			[
				{ name: 'Ada', phone: '704-555-2000' },
				{ name: 'Bob', phone: '704-555-2001' },
			],
			true,
		);
		expect(result.items[0].json).toMatchObject({
			error: 'Taalk: phone is required (item 0, phone "7045552000")',
			httpCode: '400',
		});
		expect(result.items[1].json).toMatchObject({ called: true });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('gets a call with its transcript and summary', async () => {
		const placed = await env.run(placeParams(), [{ name: 'Ada', phone: '704-555-2000' }]);
		const callId = placed.items[0].json._id as string;
		env.sandbox.completeCall(callId, {
			status: 'completed',
			summary: 'Booked a demo',
			messages: [{ role: 'assistant', content: 'Hi Ada' }],
		});
		const result = await env.run({ resource: 'call', operation: 'get', callId });
		expect(result.items[0].json).toMatchObject({
			_id: callId,
			status: 'completed',
			summary: 'Booked a demo',
			messages: [{ role: 'assistant', content: 'Hi Ada' }],
		});
	});

	it('rejects a call ID of the wrong shape, and reports an unknown one', async () => {
		const bad = await env.run({ resource: 'call', operation: 'get', callId: 'call-1' });
		expect(bad.error?.message).toMatch(/field "Call ID": "call-1" is not a Taalk call ID/);
		const missing = await env.run({ resource: 'call', operation: 'get', callId: 'c'.repeat(24) });
		expect(missing.error?.httpCode).toBe('404');
	});
});

describe('Taalk API credential', () => {
	it('tests OK with the right key and fails with a wrong one, without echoing the key', async () => {
		expect(await env.harness.testCredential('taalk')).toMatchObject({ status: 'OK' });

		await env.close();
		env = await taalkEnv({ apiKey: 'wrong-key-value' });
		const failed = await env.harness.testCredential('taalk');
		expect(failed.status).toBe('Error');
		expect(failed.message).not.toContain('wrong-key-value');
	});

	it('a wrong key fails the node with a message that points at the credential and hides the key', async () => {
		await env.close();
		env = await taalkEnv({ apiKey: 'wrong-key-value' });
		const result = await env.run({
			resource: 'campaign',
			operation: 'get',
			campaignId: byId(env.campaignId),
		});
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toMatch(/Check the Taalk credential/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-value');
		expect(JSON.stringify(result.error)).not.toContain(TAALK_KEY);
	});
});
