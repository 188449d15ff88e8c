import type { INodeParameters } from 'n8n-workflow';

import { byId, CREDENTIALS, campaignParams, talkdeskEnv } from './setup';
import type { TalkdeskTestEnv } from './setup';

let env: TalkdeskTestEnv;
beforeEach(async () => {
	env = await talkdeskEnv();
});
afterEach(async () => await env.close());

const api = () => env.sandbox.requests().filter((r) => r.path !== '/oauth/token');
const status = () => env.sandbox.state.campaigns.get(env.campaignId)?.status;

describe('Talkdesk › Campaign › Start / Pause', () => {
	it("Start sends the seed's PATCH body (one REPLACE object) and returns the campaign", async () => {
		const result = await env.run(campaignParams('start', env.campaignId));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: env.campaignId, status: 'RUNNING' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const [patch] = api();
		expect(`${patch.method} ${patch.path}`).toBe(`PATCH /campaigns/${env.campaignId}`);
		expect(patch.body).toEqual({ op: 'REPLACE', path: 'status', value: 'running' });
		expect(patch.headers['content-type']).toMatch(/application\/json/);
	});

	it('Pause sends {"op":"REPLACE","path":"status","value":"paused"} exactly as the seed shows', async () => {
		await env.run(campaignParams('start', env.campaignId));
		env.sandbox.reset();
		const result = await env.run(campaignParams('pause', env.campaignId));
		expect(result.items[0].json.status).toBe('PAUSED');
		expect(api()[0].rawBody).toBe('{"op":"REPLACE","path":"status","value":"paused"}');
	});

	it("an incomplete campaign cannot start: Talkdesk's 422 with one sentence per field", async () => {
		const incomplete = env.sandbox.addCampaign({ name: 'No records yet' });
		const result = await env.run(campaignParams('start', incomplete.id));
		expect(result.error?.httpCode).toBe('422');
		expect(result.error?.message).toBe(
			`Talkdesk: Campaign cannot start while INCOMPLETE (campaign_incomplete). Field "status": attach a record list first (item 0, campaign "${incomplete.id}")`,
		);
		expect(result.error?.description).toMatch(/could not apply this in the current state/);
	});

	it('is resent after a 502 (replacing the status twice is harmless) and waits on 429 Retry-After', async () => {
		env.sandbox.failNext(1, { status: 502, path: '/campaigns/:id' });
		env.sandbox.failNext(1, { status: 429, retryAfter: 0, path: '/campaigns/:id' });
		const result = await env.run(campaignParams('start', env.campaignId));
		expect(result.error).toBeUndefined();
		expect(api().map((r) => r.status)).toEqual([502, 429, 200]);
		expect(status()).toBe('RUNNING');
	});

	it('with Continue On Fail, one output item per input item with pairedItem', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await env.run(
			campaignParams('start', env.campaignId, { campaignId: byId('={{ $json.id }}') }),
			[{ id: env.campaignId }, { id: missing }],
			true,
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.status).toBe('RUNNING');
		expect(result.items[1].json).toMatchObject({
			error: `Talkdesk: Campaign ${missing} not found (not_found) (item 1, campaign "${missing}")`,
			httpCode: '404',
		});
	});

	it('checks the campaign ID before any request', async () => {
		const result = await env.run(
			campaignParams('start', env.campaignId, { campaignId: byId('={{ "no/such id" }}') }),
		);
		expect(result.error?.message).toMatch(
			/Item 0, field "Campaign": "no\/such id" is not a valid Talkdesk campaign ID/,
		);
		expect(env.sandbox.count()).toBe(0);
	});

	it('accepts a Talkdesk URL that ends in /campaigns/<id>', async () => {
		const url = `https://acme.mytalkdesk.com/atlas/apps/campaign-manager/campaigns/${env.campaignId}`;
		const result = await env.run(
			campaignParams('start', env.campaignId, { campaignId: { __rl: true, mode: 'url', value: url } }),
		);
		expect(result.error).toBeUndefined();
		expect(status()).toBe('RUNNING');
	});
});

describe('Talkdesk › Campaign › Get / Get Many', () => {
	it('Get returns the campaign', async () => {
		const result = await env.run(campaignParams('get', env.campaignId));
		expect(result.items[0].json).toMatchObject({ id: env.campaignId, name: 'Spring renewals' });
	});

	it('Return All follows the HAL next links, as given, until there is none', async () => {
		for (let n = 0; n < 230; n++) env.sandbox.addCampaign({ name: `Bulk ${String(n).padStart(3, '0')}` });
		const result = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: true });

		expect(result.items).toHaveLength(231);
		const gets = api();
		expect(gets.map((r) => r.url)).toEqual([
			'/campaigns?page=1&per_page=100',
			'/campaigns?per_page=100&page=2',
			'/campaigns?per_page=100&page=3',
		]);
		expect(
			result.items.every(
				(item, i) => item.pairedItem && (item.pairedItem as { item: number }).item === 0 && i >= 0,
			),
		).toBe(true);
	});

	it('Limit asks for that many and stops', async () => {
		for (let n = 0; n < 30; n++) env.sandbox.addCampaign({ name: `Bulk ${n}` });
		const result = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 7 });
		expect(result.items).toHaveLength(7);
		expect(api().map((r) => r.url)).toEqual(['/campaigns?page=1&per_page=7']);
	});

	it('filters and order go to Talkdesk as its query parameters, and stay in the next links', async () => {
		for (let n = 0; n < 5; n++) env.sandbox.addCampaign({ name: `Renewals ${n}`, priority: 3 });
		env.sandbox.addCampaign({ name: 'Other', priority: 3 });
		const result = await env.run({
			resource: 'campaign',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			filters: {
				search: 'renewals',
				status: 'incomplete',
				dialingMode: 'PREVIEW',
				priority: 3,
				orderBy: 'name:desc',
			},
		});
		expect(result.items.map((i) => i.json.name)).toEqual(['Renewals 4', 'Renewals 3', 'Renewals 2']);
		expect(api()[0].query).toEqual({
			search: 'renewals',
			status: 'incomplete',
			dialing_mode: 'PREVIEW',
			priority: '3',
			order_by: 'name:desc',
			page: '1',
			per_page: '3',
		});
	});

	it('never follows a next link to another host (the token would go with it)', async () => {
		for (let n = 0; n < 3; n++) env.sandbox.addCampaign({ name: `C${n}` });
		env.sandbox.failNext(1, {
			status: 200,
			path: '/campaigns',
			body: {
				_embedded: { campaigns: [{ id: 'a', name: 'A' }] },
				_links: { next: { href: 'https://evil.example/campaigns?page=2&per_page=1' } },
			},
		});
		const result = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 2 });
		expect(result.error).toBeUndefined();
		expect(api()[1].url).toBe('/campaigns?page=2&per_page=1');
	});

	it('the campaign picker searches on Talkdesk and pages with the next link', async () => {
		for (let n = 0; n < 60; n++) env.sandbox.addCampaign({ name: `Spring ${String(n).padStart(2, '0')}` });
		const args = { type: 'talkdesk', method: 'searchCampaigns', credentials: CREDENTIALS };
		const first = await env.harness.listSearch({ ...args, filter: 'spring' });
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Spring 00', value: expect.any(String) });
		expect(first.paginationToken).toMatch(/page=2/);
		const second = await env.harness.listSearch({
			...args,
			filter: 'spring',
			paginationToken: first.paginationToken as string,
		});
		expect(second.results.map((r) => r.name)).toContain('Spring renewals');
		expect(second.paginationToken).toBeUndefined();
		expect(api()[0].query).toMatchObject({ search: 'spring', order_by: 'name:asc' });
	});

	it('the record list and do-not-call list pickers', async () => {
		const lists = await env.harness.listSearch({
			type: 'talkdesk',
			method: 'searchRecordLists',
			credentials: CREDENTIALS,
		});
		expect(lists.results).toEqual([{ name: 'Spring leads', value: env.listId }]);
		const dnc = await env.harness.listSearch({
			type: 'talkdesk',
			method: 'searchDncLists',
			credentials: CREDENTIALS,
			filter: 'opted',
		});
		expect(dnc.results).toEqual([{ name: 'Opted out', value: env.dncListId }]);
	});
});

const createParams = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Autumn renewals',
	dialingMode: 'PREDICTIVE',
	priority: 4,
	maxAttempts: 5,
	retryPeriod: 2,
	retryTimeUnit: 'HOURS',
	callingHours: {
		rule: [
			{ from: '9:00', to: '17:30', weekDays: ['MONDAY', 'FRIDAY'] },
			{ from: '10:00', to: '14:00', weekDays: ['SATURDAY'] },
		],
	},
	busy: 'RETRY',
	noAnswer: 'FINAL',
	...extra,
});

describe('Talkdesk › Campaign › Create', () => {
	it('sends the campaign with its dialing strategy', async () => {
		const result = await env.run(
			createParams({
				options: {
					answeringMachine: 'FINAL',
					customRetries: {
						retry: [{ disposition: 'busy', maxAttempts: 2, retryPeriod: 15, retryTimeUnit: 'MINUTES' }],
					},
					listsSorting: 'LIFO',
					maxRingTime: 25,
					abandonmentTimeout: 3,
					maxDialingRatio: 2,
					answeringMachineDetection: true,
					strategyType: 'AUTOMATIC',
				},
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'Autumn renewals', status: 'INCOMPLETE' });
		const [post] = api();
		expect(post.body).toEqual({
			name: 'Autumn renewals',
			dialing_mode: 'PREDICTIVE',
			priority: 4,
			dialing_strategy: {
				max_attempts: 5,
				retry_period: 2,
				retry_time_unit: 'HOURS',
				calling_hours: [
					{ from: '09:00', to: '17:30', week_days: ['MONDAY', 'FRIDAY'] },
					{ from: '10:00', to: '14:00', week_days: ['SATURDAY'] },
				],
				dispositions: {
					busy: {
						status_after_call: 'RETRY',
						custom: true,
						max_attempts: 2,
						retry_period: 15,
						retry_period_time_unit: 'MINUTES',
					},
					no_answer: { status_after_call: 'FINAL', custom: false },
					invalid_number: { status_after_call: 'FINAL' },
					answering_machine_detection: { status_after_call: 'FINAL', custom: false },
				},
				strategy_type: 'AUTOMATIC',
				lists_sorting_criteria: 'LIFO',
			},
			dialing_mode_configuration: {
				max_ring_time_in_secs: 25,
				abandonment_timeout: { amount: 3 },
				answering_machine_detection: true,
				max_dialing_ratio: 2,
			},
		});
	});

	it.each([
		[
			'a name of 2 characters',
			{ name: 'ab' },
			/field "Name": "ab" has 2 characters. Talkdesk accepts 3 to 35/,
		],
		['a name of 36 characters', { name: 'x'.repeat(36) }, /field "Name": .* has 36 characters/],
		[
			'priority 11',
			{ priority: 11 },
			/field "Priority": "11" is not allowed. Use a whole number from 1 to 10/,
		],
		[
			'max attempts 0',
			{ maxAttempts: 0 },
			/field "Max Attempts": "0" is not allowed. Use a whole number from 1 to 100/,
		],
		['retry period above 30 days', { retryPeriod: 2_592_001 }, /field "Retry Period": .* from 1 to 2592000/],
		[
			'calling hours 25:00',
			{ callingHours: { rule: [{ from: '25:00', to: '18:00', weekDays: ['MONDAY'] }] } },
			/field "Calling Hours 1 › From": "25:00" is not a time of day/,
		],
		[
			'calling hours without days',
			{ callingHours: { rule: [{ from: '09:00', to: '18:00', weekDays: [] }] } },
			/field "Calling Hours 1 › Week Days": is empty/,
		],
		['no calling hours', { callingHours: {} }, /field "Calling Hours": has no rule/],
		[
			'a custom retry out of range',
			{
				options: {
					customRetries: {
						retry: [{ disposition: 'no_answer', maxAttempts: 101, retryPeriod: 1, retryTimeUnit: 'DAYS' }],
					},
				},
			},
			/field "Custom Retries 1 › Max Attempts": "101" is not allowed/,
		],
		[
			'a dialing setting without ring time',
			{ options: { maxDialingRatio: 2 } },
			/field "Max Ring Time \(Seconds\)": is missing/,
		],
		[
			'max dialing ratio 4',
			{ options: { maxDialingRatio: 4, maxRingTime: 30, abandonmentTimeout: 2 } },
			/field "Max Dialing Ratio": "4" is not allowed. Use a whole number from 1 to 3/,
		],
		[
			'preview timeout 5 s',
			{ options: { previewTimeout: 5 } },
			/field "Preview Timeout \(Seconds\)": "5" is not allowed/,
		],
	])('refuses %s before any request', async (_label, patch, message) => {
		const result = await env.run(createParams(patch as INodeParameters));
		expect(result.error?.message).toMatch(message);
		expect(env.sandbox.count()).toBe(0);
	});

	it('is not resent after a 500 (a second campaign would be created)', async () => {
		env.sandbox.applyThenFailNext(1, 500, { path: '/campaigns' });
		const result = await env.run(createParams());
		expect(result.error?.httpCode).toBe('500');
		expect(api().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(
			[...env.sandbox.state.campaigns.values()].filter((c) => c.name === 'Autumn renewals'),
		).toHaveLength(1);
	});
});

describe('Talkdesk › Campaign › Update / Delete', () => {
	it('Update sends one REPLACE per field', async () => {
		const result = await env.run(
			campaignParams('update', env.campaignId, { updateFields: { name: 'Renamed campaign', priority: 9 } }),
		);
		expect(result.items[0].json).toMatchObject({ name: 'Renamed campaign', priority: 9 });
		expect(api().map((r) => r.body)).toEqual([
			{ op: 'REPLACE', path: 'name', value: 'Renamed campaign' },
			{ op: 'REPLACE', path: 'priority', value: 9 },
		]);
	});

	it('Update with nothing to update fails before any request', async () => {
		const result = await env.run(campaignParams('update', env.campaignId, { updateFields: {} }));
		expect(result.error?.message).toMatch(/field "Update Fields": nothing to update/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('Delete', async () => {
		const result = await env.run(campaignParams('delete', env.campaignId));
		expect(result.items[0].json).toEqual({ id: env.campaignId, deleted: true });
		expect(env.sandbox.state.campaigns.has(env.campaignId)).toBe(false);
	});
});

describe('Talkdesk › Campaign › Attach / Detach lists', () => {
	it('Attach Record List makes an incomplete campaign ready', async () => {
		const campaign = env.sandbox.addCampaign({ name: 'New one' });
		const result = await env.run(
			campaignParams('attachRecordList', campaign.id, { recordListId: byId(env.listId) }),
		);
		expect(result.items[0].json).toMatchObject({
			campaignId: campaign.id,
			recordListId: env.listId,
			attached: true,
		});
		expect(api()[0].body).toEqual([{ id: env.listId }]);
		expect(api()[0].path).toBe(`/campaigns/${campaign.id}/record-lists`);
		expect(env.sandbox.state.campaigns.get(campaign.id)?.status).toBe('READY');
	});

	it('Detach Record List', async () => {
		const result = await env.run(
			campaignParams('detachRecordList', env.campaignId, { recordListId: byId(env.listId) }),
		);
		expect(result.items[0].json).toMatchObject({ detached: true });
		expect(api()[0].method).toBe('DELETE');
		expect(env.sandbox.state.campaignRecordLists.get(env.campaignId)).toEqual([]);
	});

	it('Attach and Detach Do-Not-Call List', async () => {
		await env.run(campaignParams('attachDncList', env.campaignId, { dncListId: byId(env.dncListId) }));
		expect(env.sandbox.state.campaignDncLists.get(env.campaignId)).toEqual([env.dncListId]);
		await env.run(campaignParams('detachDncList', env.campaignId, { dncListId: byId(env.dncListId) }));
		expect(env.sandbox.state.campaignDncLists.get(env.campaignId)).toEqual([]);
		expect(api().map((r) => `${r.method} ${r.route}`)).toEqual([
			'POST /campaigns/:id/do-not-call-lists',
			'DELETE /campaigns/:id/do-not-call-lists',
		]);
	});

	it('an unknown list: Talkdesk 404 on the item', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await env.run(
			campaignParams('attachRecordList', env.campaignId, { recordListId: byId(missing) }),
		);
		expect(result.error?.message).toBe(
			`Talkdesk: List ${missing} not found (not_found) (item 0, campaign "${env.campaignId}", record list "${missing}")`,
		);
		expect(result.error?.description).toMatch(/Check the ID/);
	});
});
