import { byId, credentials, whatTalkEnv, WHATTALK_KEY } from './setup';
import type { WhatTalkTestEnv } from './setup';

let env: WhatTalkTestEnv;
beforeEach(async () => {
	env = await whatTalkEnv();
});
afterEach(async () => await env.close());

const ALL_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

describe('WhatTalk › Campaign › Create', () => {
	const create = (extra = {}) => ({
		resource: 'campaign',
		operation: 'create',
		name: 'Istanbul renewals',
		assistantId: env.outboundId,
		...extra,
	});

	it('creates a draft campaign with the documented defaults', async () => {
		const result = await env.run(create());

		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].body).toEqual({
			name: 'Istanbul renewals',
			assistant_id: env.outboundId,
			allowed_hours_start_time: '00:00',
			allowed_hours_end_time: '23:59',
			allowed_days: ALL_DAYS,
			max_retries: 3,
			retry_interval: 60,
			max_calls_in_parallel: 3,
			retry_on_voicemail: false,
		});
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ id: expect.any(Number), name: 'Istanbul renewals', status: 'draft' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends every parameter, including goal settings and caller-ID numbers', async () => {
		const result = await env.run(
			create({
				timezone: 'Europe/Istanbul',
				allowedHoursStart: '9:00',
				allowedHoursEnd: '17:30',
				allowedDays: ['friday', 'monday'],
				maxRetries: 5,
				retryInterval: 4320,
				maxCallsInParallel: 10,
				retryOnVoicemail: true,
				additionalFields: {
					phoneNumberIds: [7, 8],
					goalCompletionVariable: 'appointment_booked',
					retryOnGoalIncomplete: true,
					markCompleteWhenNoLeads: false,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].body).toEqual({
			name: 'Istanbul renewals',
			assistant_id: env.outboundId,
			timezone: 'Europe/Istanbul',
			allowed_hours_start_time: '09:00',
			allowed_hours_end_time: '17:30',
			allowed_days: ['monday', 'friday'],
			max_retries: 5,
			retry_interval: 4320,
			max_calls_in_parallel: 10,
			retry_on_voicemail: true,
			goal_completion_variable: 'appointment_booked',
			retry_on_goal_incomplete: true,
			mark_complete_when_no_leads: false,
			phone_number_ids: [7, 8],
		});
		expect(result.items[0].json).toMatchObject({ timezone: 'Europe/Istanbul', phone_number_ids: [7, 8] });
	});

	describe('enforces the documented ranges before any request', () => {
		it.each([
			[
				'Max Call Retries 0',
				{ maxRetries: '={{ 0 }}' },
				/field "Max Call Retries": "?0"? is not allowed. Use a whole number from 1 to 5/,
			],
			['Max Call Retries 6', { maxRetries: '={{ 6 }}' }, /field "Max Call Retries".*from 1 to 5/],
			[
				'Retry Interval 9',
				{ retryInterval: '={{ 9 }}' },
				/field "Retry Interval \(Minutes\)".*from 10 to 4320/,
			],
			[
				'Retry Interval 4321',
				{ retryInterval: '={{ 4321 }}' },
				/field "Retry Interval \(Minutes\)".*from 10 to 4320/,
			],
			[
				'Calls in Parallel 11',
				{ maxCallsInParallel: '={{ 11 }}' },
				/field "Calls in Parallel".*from 1 to 10/,
			],
			['Calls in Parallel 2.5', { maxCallsInParallel: '={{ 2.5 }}' }, /field "Calls in Parallel"/],
			[
				'a start time of 24:00',
				{ allowedHoursStart: '24:00' },
				/field "Allowed Hours Start": "24:00" is not a time of day/,
			],
			[
				'an end time of 5pm',
				{ allowedHoursEnd: '5pm' },
				/field "Allowed Hours End": "5pm" is not a time of day/,
			],
			['no allowed day', { allowedDays: [] }, /field "Allowed Days": has no day/],
			[
				'a day that is not one',
				{ allowedDays: '={{ ["monday", "funday"] }}' },
				/field "Allowed Days": "funday" is not a day/,
			],
			[
				'an unknown time zone',
				{ timezone: '={{ "Mars/Olympus" }}' },
				/field "Time Zone": "Mars\/Olympus" is not an IANA time zone/,
			],
			['an empty name (from an expression)', { name: '={{ "" }}' }, /field "Name": is empty/],
			['a name over 255 characters', { name: 'x'.repeat(256) }, /field "Name": is 256 characters long/],
			['no assistant (from an expression)', { assistantId: '={{ "" }}' }, /field "Assistant": is empty/],
			[
				'retry on goal incomplete without a goal variable',
				{ additionalFields: { retryOnGoalIncomplete: true } },
				/field "Retry on Goal Incomplete": is on but no Goal Completion Variable/,
			],
		])('%s', async (_label, extra, message) => {
			const result = await env.run(create(extra));
			expect(result.error?.message).toMatch(message);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it("reports WhatTalk's 404 for an assistant that is not outbound", async () => {
		const result = await env.run(create({ assistantId: env.inboundId }));
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe(
			'WhatTalk: Assistant not found or is not an outbound assistant. (item 0, name "Istanbul renewals")',
		);
		expect(result.error?.description).toMatch(/outbound assistant/);
	});

	it("reports WhatTalk's 403 when the plan's campaign limit is reached, per item with Continue On Fail", async () => {
		await env.close();
		env = await whatTalkEnv({ maxCampaigns: 2 });
		const result = await env.run(create({ name: '={{ $json.name }}' }), [{ name: 'A' }, { name: 'B' }], true);
		expect(result.items[0].json).toMatchObject({ name: 'A', status: 'draft' });
		expect(result.items[1].json).toMatchObject({
			error:
				'WhatTalk: You have reached the maximum number of campaigns allowed by your plan. (item 1, name "B")',
			httpCode: '403',
		});
		expect(result.items[1].json.errorDescription).toMatch(/plan/);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("shows WhatTalk's 422 field messages in the description", async () => {
		env.sandbox.failNext(1, {
			status: 422,
			body: {
				message: 'The name has already been taken. (and 1 more error)',
				errors: {
					name: ['The name has already been taken.'],
					timezone: ['The timezone field must be a valid timezone.'],
				},
			},
		});
		const result = await env.run(create());
		expect(result.error?.message).toBe(
			'WhatTalk: The name has already been taken. (and 1 more error) (item 0, name "Istanbul renewals")',
		);
		expect(result.error?.description).toMatch(
			/^name: The name has already been taken\.; timezone: The timezone field must be a valid timezone\./,
		);
	});

	it('is resent after 429 but not after a 500 that may have created it', async () => {
		env.sandbox.failNext(1, { status: 429, retryAfter: 0 });
		const ok = await env.run(create());
		expect(ok.error).toBeUndefined();
		expect(env.sandbox.count({ method: 'POST' })).toBe(2);

		env.sandbox.reset();
		env.sandbox.applyThenFailNext(1, 500);
		const failed = await env.run(create({ name: 'Second' }));
		expect(failed.error?.httpCode).toBe('500');
		expect(env.sandbox.count()).toBe(1);
		expect([...env.sandbox.state.campaigns.values()].filter((c) => c.name === 'Second')).toHaveLength(1);
	});
});

describe('WhatTalk › Campaign › Get Many, Start, Stop', () => {
	it('gets all campaigns, or up to Limit', async () => {
		for (let i = 0; i < 4; i++) env.sandbox.addCampaign({ name: `C${i}`, assistant_id: env.outboundId });
		const all = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(5);
		const some = await env.run({ resource: 'campaign', operation: 'getMany', limit: 2 });
		expect(some.items.map((i) => i.json.name)).toEqual(['Spring renewals', 'C0']);
	});

	it('starts and stops a campaign picked by URL or ID', async () => {
		const started = await env.run({
			resource: 'campaign',
			operation: 'start',
			campaignId: { __rl: true, mode: 'url', value: `https://app.whattalk.ai/campaigns/${env.campaignId}` },
		});
		expect(started.items[0].json).toEqual({
			campaign_id: env.campaignId,
			status: 'in-progress',
			message: 'Campaign started successfully',
		});
		expect(env.sandbox.requests()[0].body).toEqual({ campaign_id: env.campaignId, action: 'start' });
		expect(env.sandbox.state.campaigns.get(env.campaignId)?.status).toBe('in-progress');

		const stopped = await env.run({
			resource: 'campaign',
			operation: 'stop',
			campaignId: byId(env.campaignId),
		});
		expect(stopped.items[0].json).toMatchObject({ status: 'stopped' });
		expect(env.sandbox.state.campaigns.get(env.campaignId)?.status).toBe('stopped');
	});

	it("reports WhatTalk's 404 for an unknown campaign, and retries a 502 (setting a status is repeatable)", async () => {
		const missing = await env.run({ resource: 'campaign', operation: 'start', campaignId: byId(4242) });
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.message).toBe('WhatTalk: Campaign not found (item 0, campaign "4242")');

		env.sandbox.reset();
		env.sandbox.applyThenFailNext(1, 502);
		const retried = await env.run({
			resource: 'campaign',
			operation: 'start',
			campaignId: byId(env.campaignId),
		});
		expect(retried.error).toBeUndefined();
		expect(env.sandbox.count()).toBe(2);
	});
});

describe('WhatTalk › dropdowns, campaign picker and credential', () => {
	const options = (method: string) => env.harness.loadOptions({ type: 'whatTalk', method, credentials });

	it('lists outbound assistants, caller-ID numbers as "number (id)", campaigns and time zones', async () => {
		expect(await options('getOutboundAssistants')).toEqual([
			{ name: `Renewals caller (${env.outboundId})`, value: env.outboundId },
		]);
		expect(await options('getCallerIdNumbers')).toEqual([
			{ name: '+14155550123 (7)', value: 7, description: 'Outbound' },
			{ name: '+905321112233 (8)', value: 8, description: 'In use elsewhere' },
		]);
		expect(await options('getCampaigns')).toEqual([
			{ name: `Spring renewals (${env.campaignId})`, value: env.campaignId },
		]);
		const zones = await options('getTimeZones');
		expect(zones[0]).toEqual({ name: 'Account Default (Not Sent)', value: '' });
		expect(zones).toContainEqual({ name: 'Europe/Istanbul', value: 'Europe/Istanbul' });
		expect(env.sandbox.requests().map((r) => r.url)).toEqual([
			'/api/user/assistants/outbound',
			'/api/user/assistants/phone-numbers?type=outbound',
			'/api/user/campaigns',
		]);
	});

	it('the campaign picker searches by name and links to the dashboard of the same host', async () => {
		env.sandbox.addCampaign({ name: 'Autumn leads', assistant_id: env.outboundId });
		const found = await env.harness.listSearch({
			type: 'whatTalk',
			method: 'searchCampaigns',
			credentials,
			filter: 'autumn',
		});
		expect(found.results).toEqual([
			{
				name: 'Autumn leads (draft)',
				value: String(env.campaignId + 1),
				url: `${env.sandbox.url}/campaigns/${env.campaignId + 1}`,
			},
		]);
	});

	it('the credential test calls /user/me and fails with a wrong key', async () => {
		expect(await env.harness.testCredential('whattalk')).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const [request] = env.sandbox.requests();
		expect(request.path).toBe('/api/user/me');
		expect(request.headers.authorization).toBe(`Bearer ${WHATTALK_KEY}`);

		await env.close();
		env = await whatTalkEnv({}, { apiKey: 'nope' });
		expect((await env.harness.testCredential('whattalk')).status).toBe('Error');
	});

	it('works against a base URL typed with a trailing slash', async () => {
		await env.close();
		env = await whatTalkEnv({}, (sandbox) => ({ baseUrl: `${sandbox.baseUrl}/` }));
		const result = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].path).toBe('/api/user/campaigns');
	});
});
