import type { IDataObject } from 'n8n-workflow';

import { addParams, byId, e164, leads, whatTalkEnv, WHATTALK_KEY } from './setup';
import type { WhatTalkTestEnv } from './setup';

let env: WhatTalkTestEnv;
beforeEach(async () => {
	env = await whatTalkEnv();
});
afterEach(async () => await env.close());

const addRequests = () => env.sandbox.requests({ method: 'POST', path: '/api/user/lead' });
const phonesOf = (campaignId: number) => env.sandbox.leadsOf(campaignId).map((l) => l.phone_number);

describe('WhatTalk › Lead › Add', () => {
	it('adds one lead per item in E.164, with variables and allow_dupplicate, one paired output item each', async () => {
		const result = await env.run(addParams(env.campaignId), leads(3));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				id: expect.any(Number),
				campaign_id: env.campaignId,
				phone_number: e164(i),
				status: 'created',
				variables: { customer_name: `Lead ${i}`, plan: `P${i % 3}` },
				outcome: 'added',
				added: true,
				duplicate: false,
			});
		});
		const requests = addRequests();
		expect(requests).toHaveLength(3);
		expect(requests[0].headers.authorization).toBe(`Bearer ${WHATTALK_KEY}`);
		expect(requests.map((r) => r.body)).toEqual(
			[0, 1, 2].map((i) => ({
				campaign_id: env.campaignId,
				phone_number: e164(i),
				variables: { customer_name: `Lead ${i}`, plan: `P${i % 3}` },
				allow_dupplicate: false,
			})),
		);
		expect(phonesOf(env.campaignId).sort()).toEqual([0, 1, 2].map(e164));
	});

	it('uses Default Country for national numbers and sends secondary contacts in E.164', async () => {
		const result = await env.run(
			addParams(env.campaignId, {
				variables: {},
				secondaryContacts: {
					contact: [{ phone: '0532 111 22 33', variables: '{"relation": "spouse"}' }],
				},
				options: { defaultCountry: 'TR' },
			}),
			[{ phone: '0555 123 45 67' }],
		);
		expect(result.error).toBeUndefined();
		expect(addRequests()[0].body).toEqual({
			campaign_id: env.campaignId,
			phone_number: '+905551234567',
			allow_dupplicate: false,
			secondary_contacts: [{ phone_number: '+905321112233', variables: { relation: 'spouse' } }],
		});
	});

	it('accepts the dashboard URL of the campaign, on WhatTalk or a white-label domain', async () => {
		for (const host of ['https://app.whattalk.ai', 'https://calls.example-whitelabel.com']) {
			const result = await env.run(
				addParams(env.campaignId, {
					campaignId: { __rl: true, mode: 'url', value: `${host}/campaigns/${env.campaignId}` },
				}),
				leads(1, host.length),
			);
			expect(result.error).toBeUndefined();
		}
		expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(2);
	});

	it('reports a number WhatTalk refuses as a duplicate on its item, and adds the others', async () => {
		env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(1) });
		const result = await env.run(addParams(env.campaignId), leads(3));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.outcome)).toEqual(['added', 'duplicate', 'added']);
		expect(result.items[1].json).toEqual({
			campaign_id: env.campaignId,
			phone_number: e164(1),
			outcome: 'duplicate',
			added: false,
			duplicate: true,
			message: 'This phone number already exists in this campaign.',
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(3);
	});

	it('sends a number that appears twice in one run once, and says so on the second item', async () => {
		const items = [...leads(2), { ...leads(1)[0], name: 'Again' }];
		const result = await env.run(addParams(env.campaignId), items);

		expect(addRequests()).toHaveLength(2);
		expect(result.items[2].json).toMatchObject({
			outcome: 'duplicate',
			duplicate: true,
			duplicateOfItem: 0,
			phone_number: e164(0),
		});
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
	});

	it('with Allow Duplicate, sends allow_dupplicate: true and adds the number again', async () => {
		env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(0) });
		const items = [...leads(1), ...leads(1)];
		const result = await env.run(addParams(env.campaignId, { allowDuplicate: true }), items);

		expect(result.error).toBeUndefined();
		expect(addRequests().map((r) => (r.body as { allow_dupplicate: boolean }).allow_dupplicate)).toEqual([
			true,
			true,
		]);
		expect(result.items.map((i) => i.json.outcome)).toEqual(['added', 'added']);
		expect(phonesOf(env.campaignId)).toEqual([e164(0), e164(0), e164(0)]);
	});

	it('keeps several requests in flight (Concurrent Requests) and the output in input order', async () => {
		env.sandbox.setLatency(40, { method: 'POST', path: '/api/user/lead' });
		// The first lead is answered last (429, then resent): completion order differs from input order.
		env.sandbox.failNext(1, { status: 429, retryAfter: 0, path: '/api/user/lead' });
		const result = await env.run(addParams(env.campaignId, { options: { concurrency: 10 } }), leads(20));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.phone_number)).toEqual(leads(20).map((_, i) => e164(i)));
		expect(result.items.map((i) => i.pairedItem)).toEqual(leads(20).map((_, item) => ({ item })));
		const log = addRequests();
		const maxInFlight = Math.max(
			...log.map((r) => log.filter((o) => o.time <= r.time && o.time + (o.durationMs ?? 0) > r.time).length),
		);
		expect(maxInFlight).toBeGreaterThan(1);
		expect(maxInFlight).toBeLessThanOrEqual(10);
		// Sooner than one after another: from the first arrival to the last answer (the sandbox's log) is shorter
		// than the requests' times added up.
		const span =
			Math.max(...log.map((r) => r.time + (r.durationMs ?? 0))) - Math.min(...log.map((r) => r.time));
		expect(span).toBeLessThan(log.reduce((sum, r) => sum + (r.durationMs ?? 0), 0));
	});

	it('never has more requests in flight than Concurrent Requests', async () => {
		env.sandbox.setLatency(30, { method: 'POST', path: '/api/user/lead' });
		await env.run(addParams(env.campaignId, { options: { concurrency: 3 } }), leads(12));
		const log = addRequests();
		for (const r of log) {
			const inFlight = log.filter((o) => o.time <= r.time && o.time + (o.durationMs ?? 0) > r.time).length;
			expect(inFlight).toBeLessThanOrEqual(3);
		}
	});

	describe('bad input fails before any request', () => {
		it.each([
			[
				'an invalid phone',
				{ phone: '12345' },
				/Item 2, field "Phone Number": "12345" is not a valid phone number/,
			],
			['an empty phone', { phone: '' }, /Item 2, field "Phone Number": is empty/],
		])('%s', async (_label, patch, message) => {
			const items = leads(4);
			items[2] = { ...items[2], ...patch };
			const result = await env.run(addParams(env.campaignId), items);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.context?.itemIndex).toBe(2);
			expect(env.sandbox.count()).toBe(0);
		});

		it('a variable without a name', async () => {
			const result = await env.run(
				addParams(env.campaignId, { variables: { field: [{ name: '', value: 'x' }] } }),
				leads(1),
			);
			expect(result.error?.message).toMatch(/field "Variables": entry 1 has no name/);
			expect(env.sandbox.count()).toBe(0);
		});

		it('a secondary contact with a bad number or bad JSON', async () => {
			for (const contact of [
				{ phone: 'nope', variables: '{}' },
				{ phone: '+14155550111', variables: '{oops' },
			]) {
				const result = await env.run(
					addParams(env.campaignId, { secondaryContacts: { contact: [contact] } }),
					leads(1),
				);
				expect(result.error?.message).toMatch(
					/field "Secondary Contacts › (Phone Number|Variables \(JSON\))"/,
				);
			}
			expect(env.sandbox.count()).toBe(0);
		});

		it('a campaign URL of another product, or an ID that is not a number', async () => {
			for (const campaignId of [
				{
					__rl: true,
					mode: 'url',
					value: '={{ "https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5" }}',
				},
				byId('={{ "abc" }}'),
			]) {
				const result = await env.run(addParams(env.campaignId, { campaignId }), leads(1));
				expect(result.error?.message).toMatch(
					/field "Campaign": .* (not a WhatTalk campaign URL|not a valid WhatTalk campaign ID)/,
				);
			}
			expect(env.sandbox.count()).toBe(0);
		});

		it('Concurrent Requests out of range, or an unknown Default Country', async () => {
			const tooMany = await env.run(
				addParams(env.campaignId, { options: { concurrency: '={{ 11 }}' } }),
				leads(1),
			);
			expect(tooMany.error?.message).toMatch(
				/field "Concurrent Requests": "11" is not allowed. Use a whole number from 1 to 10/,
			);
			const country = await env.run(
				addParams(env.campaignId, { options: { defaultCountry: 'TUR' } }),
				leads(1),
			);
			expect(country.error?.message).toMatch(/"TUR" is not an ISO 3166-1 alpha-2 country code/);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are added', async () => {
		const items = leads(4);
		items[1] = { ...items[1], phone: 'n/a' };
		const result = await env.run(addParams(env.campaignId), items, true);

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(result.items[1].json.error).toMatch(/Item 1, field "Phone Number": "n\/a"/);
		expect(addRequests()).toHaveLength(3);
	});

	it("reports WhatTalk's 422 for an unknown campaign with the field message and status", async () => {
		const result = await env.run(addParams(999999), leads(2));
		expect(result.error?.message).toBe(
			`WhatTalk: The selected campaign id is invalid. (item 0, phone "${e164(0)}", campaign "999999")`,
		);
		expect(result.error?.httpCode).toBe('422');
		expect(result.error?.description).toMatch(/^campaign_id: The selected campaign id is invalid\./);
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	it('with Continue On Fail, a failed request fails exactly its own item', async () => {
		env.sandbox.failNext(1, {
			status: 403,
			body: { message: 'Insufficient balance' },
			path: '/api/user/lead',
		});
		const result = await env.run(addParams(env.campaignId, { options: { concurrency: 1 } }), leads(3), true);
		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([true, false, false]);
		expect(result.items[0].json).toMatchObject({
			error: `WhatTalk: Insufficient balance (item 0, phone "${e164(0)}", campaign "${env.campaignId}")`,
			httpCode: '403',
		});
		expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(2);
	});

	describe('retries never lose or duplicate a lead', () => {
		it('backs off on 429 (Retry-After) and adds every lead exactly once, in order', async () => {
			env.sandbox.failNext(4, {
				status: 429,
				retryAfter: 0,
				body: { message: 'Too Many Attempts.' },
				path: '/api/user/lead',
			});
			const result = await env.run(addParams(env.campaignId, { options: { concurrency: 5 } }), leads(10));

			expect(result.error).toBeUndefined();
			expect(addRequests()).toHaveLength(14);
			expect(phonesOf(env.campaignId).sort()).toEqual(leads(10).map((_, i) => e164(i)));
			expect(result.items.map((i) => i.json.phone_number)).toEqual(leads(10).map((_, i) => e164(i)));
			expect(result.items.every((i) => i.json.outcome === 'added')).toBe(true);
		});

		it('a lost answer after the lead was created: resent, refused as duplicate, reported once as in the campaign', async () => {
			env.sandbox.applyThenFailNext(1, 502, { path: '/api/user/lead' });
			const result = await env.run(addParams(env.campaignId, { options: { concurrency: 1 } }), leads(2));

			expect(result.error).toBeUndefined();
			expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(2);
			expect(result.items[0].json).toMatchObject({
				id: expect.any(Number),
				phone_number: e164(0),
				campaign_id: env.campaignId,
				outcome: 'addedOrExisting',
				added: false,
				duplicate: false,
			});
			expect(result.items[0].json.message).toMatch(/not added twice/);
			expect(result.items[1].json.outcome).toBe('added');
			// first request (applied, 502), the resend (422 duplicate), the lookup, then item 1.
			expect(env.sandbox.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
				'POST /api/user/lead 502',
				'POST /api/user/lead 422',
				'GET /api/user/leads 200',
				'POST /api/user/lead 201',
			]);
		});

		it('a lost answer before the lead was created: resent and added once', async () => {
			env.sandbox.resetConnectionNext(1, { path: '/api/user/lead' });
			env.sandbox.failNext(1, { status: 500, path: '/api/user/lead' });
			const result = await env.run(addParams(env.campaignId, { options: { concurrency: 1 } }), leads(1));

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({
				outcome: 'added',
				added: true,
				resentAfterLostAnswer: true,
			});
			expect(addRequests()).toHaveLength(3);
			expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(1);
		});

		it('a timed-out request is resent safely', async () => {
			env.sandbox.hangNext(1, { path: '/api/user/lead' });
			const result = await env.run(
				addParams(env.campaignId, { options: { concurrency: 1, timeout: 1000 } }),
				leads(1),
			);
			expect(result.error).toBeUndefined();
			expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(1);
		});

		it('with Allow Duplicate, a lost answer is not resent (it could add the lead twice): the item fails and says so', async () => {
			env.sandbox.applyThenFailNext(1, 500, { path: '/api/user/lead' });
			const result = await env.run(
				addParams(env.campaignId, { allowDuplicate: true, options: { concurrency: 1 } }),
				leads(2),
				true,
			);

			expect(addRequests()).toHaveLength(2);
			expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(2);
			expect(result.items[0].json).toMatchObject({ httpCode: '500' });
			expect(result.items[0].json.errorDescription).toMatch(/may have added the lead.*not resent/);
			expect(result.items[1].json.outcome).toBe('added');
		});

		it('stops resending after Max Retries lost answers, and says running the item again is safe', async () => {
			env.sandbox.failNext(3, { status: 502, path: '/api/user/lead' });
			const result = await env.run(
				addParams(env.campaignId, { options: { concurrency: 1, maxRetries: 2 } }),
				leads(1),
				true,
			);
			expect(addRequests()).toHaveLength(3);
			expect(result.items[0].json).toMatchObject({ httpCode: '502' });
			expect(result.items[0].json.errorDescription).toMatch(/running this item again is safe/);
		});

		it('gives up after Max Retries on a 503 and reports the attempts', async () => {
			env.sandbox.failNext(5, { status: 503, retryAfter: 0, path: '/api/user/lead' });
			const result = await env.run(addParams(env.campaignId, { options: { maxRetries: 2 } }), leads(1));
			expect(result.error?.message).toMatch(/after 3 attempts/);
			expect(addRequests()).toHaveLength(3);
			expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(0);
		});
	});

	it('never puts the API key into an error', async () => {
		await env.close();
		env = await whatTalkEnv({}, { apiKey: 'wrong-key-do-not-leak-123' });
		const result = await env.run(addParams(env.campaignId), leads(1), true);
		expect(result.items[0].json.httpCode).toBe('401');
		expect(result.items[0].json.error).toBe(
			`WhatTalk: Unauthenticated. (item 0, phone "${e164(0)}", campaign "${env.campaignId}")`,
		);
		expect(JSON.stringify(result.items)).not.toContain('wrong-key-do-not-leak-123');
		expect(JSON.stringify(result.run.data)).not.toContain('wrong-key-do-not-leak-123');
	});

	it('once the key is refused for good, sends nothing more in the run: every later item fails at once', async () => {
		await env.close();
		env = await whatTalkEnv({}, { apiKey: 'revoked-key' });
		const result = await env.run(addParams(env.campaignId), leads(40), true);
		expect(result.items).toHaveLength(40);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				httpCode: '401',
				error: `WhatTalk: Unauthenticated. (item ${i}, phone "${e164(i)}", campaign "${env.campaignId}")`,
			});
		});
		// Only what was in flight when the first refusal came back (5 concurrent requests), each sent twice.
		expect(addRequests().length).toBeLessThanOrEqual(10);
		expect(result.items[39].json.errorDescription).toMatch(
			/^Not sent: WhatTalk refused the credential earlier in this run \(at item \d\)\. /,
		);
	});

	it('a 401 that a resend gets over does not stop the run', async () => {
		env.sandbox.failNext(1, { status: 401, body: { message: 'Unauthenticated.' }, path: '/api/user/lead' });
		const result = await env.run(addParams(env.campaignId, { options: { concurrency: 1 } }), leads(3), true);
		expect(result.items.map((item) => item.json.outcome)).toEqual(['added', 'added', 'added']);
		expect(addRequests()).toHaveLength(4);
	});
});

describe('WhatTalk › Lead › Get Many', () => {
	const getMany = (extra = {}) => ({ resource: 'lead', operation: 'getMany', ...extra });

	beforeEach(() => {
		const other = env.sandbox.addCampaign({ name: 'Other', assistant_id: env.outboundId }).id;
		for (let i = 0; i < 130; i++) {
			env.sandbox.addLead({
				campaign_id: i % 2 ? other : env.campaignId,
				phone_number: e164(i),
				status: i % 10 === 0 ? 'completed' : 'created',
				created_at: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
			});
		}
	});

	it('returns all leads across pages of 100 with Return All', async () => {
		const result = await env.run(getMany({ returnAll: true }));
		expect(result.items).toHaveLength(130);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(env.sandbox.requests().map((r) => [r.query.page, r.query.per_page])).toEqual([
			['1', '100'],
			['2', '100'],
		]);
	});

	it('returns up to Limit with one request', async () => {
		const result = await env.run(getMany({ limit: 7 }));
		expect(result.items).toHaveLength(7);
		expect(env.sandbox.requests().map((r) => r.query)).toEqual([{ per_page: '7', page: '1' }]);
	});

	it('filters by status, campaign, phone and creation day', async () => {
		const result = await env.run(
			getMany({
				returnAll: true,
				filters: {
					status: 'completed',
					campaignId: env.campaignId,
					phone: '+1415555',
					dateFrom: '2025-03-01T00:00:00',
					dateTo: '2025-03-20',
				},
			}),
		);
		expect(env.sandbox.requests()[0].query).toMatchObject({
			status: 'completed',
			campaign_id: String(env.campaignId),
			phone_number: '+1415555',
			date_from: '2025-03-01',
			date_to: '2025-03-20',
		});
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) {
			expect(item.json).toMatchObject({ status: 'completed', campaign_id: env.campaignId });
		}
	});

	it('rejects a date that is not a date, or a range the wrong way round, before any request', async () => {
		const bad = await env.run(getMany({ filters: { dateFrom: 'last tuesday' } }));
		expect(bad.error?.message).toMatch(/field "Created After": "last tuesday" is not an ISO 8601 date/);
		const reversed = await env.run(getMany({ filters: { dateFrom: '2025-03-10', dateTo: '2025-03-01' } }));
		expect(reversed.error?.message).toMatch(/field "Created Before": 2025-03-01 is before Created After/);
		expect(env.sandbox.count()).toBe(0);
	});
});

describe('WhatTalk › Lead › Update', () => {
	let leadId: number;
	const update = (extra = {}) => ({
		resource: 'lead',
		operation: 'update',
		leadId: String(leadId),
		...extra,
	});

	beforeEach(() => {
		leadId = env.sandbox.addLead({
			campaign_id: env.campaignId,
			phone_number: e164(0),
			variables: { customer_name: 'Ada', plan: 'basic' },
		}).id;
	});

	it('sends only the accepted fields and merges variables', async () => {
		const other = env.sandbox.addCampaign({ name: 'Other', assistant_id: env.outboundId }).id;
		const result = await env.run(
			update({
				updateFields: { status: 'completed', phone: '(415) 555-2000', campaignId: other },
				variables: { field: [{ name: 'plan', value: 'premium' }] },
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = env.sandbox.requests();
		expect(request.method).toBe('PUT');
		expect(request.path).toBe(`/api/user/leads/${leadId}`);
		expect(request.body).toEqual({
			campaign_id: other,
			phone_number: '+14155552000',
			status: 'completed',
			variables: { plan: 'premium' },
		});
		expect(env.sandbox.state.leads.get(leadId)).toMatchObject({
			campaign_id: other,
			status: 'completed',
			variables: { customer_name: 'Ada', plan: 'premium' },
		});
		expect(result.items[0].json).toEqual({
			id: leadId,
			updated: request.body,
			message: 'Lead updated successfully',
		});
	});

	it.each([
		['nothing to update', {}, /field "Update Fields": nothing to update/],
		[
			'a status that cannot be set',
			{ updateFields: { status: 'processing' } },
			/field "Status": "processing" cannot be set/,
		],
		['a lead ID that is not a number', { leadId: 'abc' }, /field "Lead ID": "abc" is not a WhatTalk ID/],
		[
			'an invalid phone',
			{ updateFields: { phone: '123' } },
			/field "Phone Number": "123" is not a valid phone number/,
		],
	])('rejects %s before any request', async (_label, extra, message) => {
		const result = await env.run(update(extra));
		expect(result.error?.message).toMatch(message);
		expect(env.sandbox.count()).toBe(0);
	});

	it("reports WhatTalk's 404 and, with Continue On Fail, goes on", async () => {
		const result = await env.run(
			{
				resource: 'lead',
				operation: 'update',
				leadId: '={{ $json.id }}',
				updateFields: { status: 'completed' },
			},
			[{ id: 1 }, { id: leadId }],
			true,
		);
		expect(result.items[0].json).toMatchObject({
			error: 'WhatTalk: Lead not found (item 0, lead "1")',
			httpCode: '404',
		});
		expect(result.items[1].json.message).toBe('Lead updated successfully');
	});
});

describe('WhatTalk › Lead › Delete', () => {
	it('deletes a lead, and reports 404 for one that does not exist', async () => {
		const lead = env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(0) });
		const result = await env.run(
			{ resource: 'lead', operation: 'delete', leadId: '={{ $json.id }}' },
			[{ id: lead.id }, { id: 42 }],
			true,
		);
		expect(result.items[0].json).toEqual({
			id: lead.id,
			deleted: true,
			message: 'Lead deleted successfully',
		});
		expect(result.items[1].json).toMatchObject({
			httpCode: '404',
			error: 'WhatTalk: Lead not found (item 1, lead "42")',
		});
		expect(env.sandbox.state.leads.size).toBe(0);
	});

	it('retries a 500 (deleting twice is the same as once)', async () => {
		const lead = env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(0) });
		env.sandbox.failNext(1, { status: 500 });
		const result = await env.run({ resource: 'lead', operation: 'delete', leadId: String(lead.id) });
		expect(result.error).toBeUndefined();
		expect(env.sandbox.count()).toBe(2);
	});
});

describe('WhatTalk › errors name the item', () => {
	it('an API 404 or 422 names the item with its lead ID or phone and campaign', async () => {
		const lead = env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(0) });
		const updated = await env.run(
			{
				resource: 'lead',
				operation: 'update',
				leadId: '={{ $json.id }}',
				updateFields: { status: 'completed' },
			},
			[{ id: lead.id }, { id: 4040 }],
		);
		expect(updated.error?.httpCode).toBe('404');
		expect(updated.error?.context?.itemIndex).toBe(1);
		expect(updated.error?.message).toBe('WhatTalk: Lead not found (item 1, lead "4040")');

		const added = await env.run(
			addParams(env.campaignId, {
				campaignId: byId('={{ $json.campaign }}'),
				options: { concurrency: 1 },
			}),
			leads(3).map((each, i) => ({ ...each, campaign: i === 1 ? 999999 : env.campaignId })),
		);
		expect(added.error?.httpCode).toBe('422');
		expect(added.error?.context?.itemIndex).toBe(1);
		expect(added.error?.message).toBe(
			`WhatTalk: The selected campaign id is invalid. (item 1, phone "${e164(1)}", campaign "999999")`,
		);
	});

	it('an item with a bad phone and a bad campaign ID reports both fields in one error, before any request', async () => {
		const items: IDataObject[] = leads(3).map((each) => ({ ...each, campaign: String(env.campaignId) }));
		items[1] = { ...items[1], phone: 'n/a', campaign: 'abc' };
		const result = await env.run(
			addParams(env.campaignId, { campaignId: byId('={{ $json.campaign }}') }),
			items,
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.message).toMatch(/^Item 1, 2 fields are wrong: /);
		expect(result.error?.message).toContain('field "Campaign": ');
		expect(result.error?.message).toContain('field "Phone Number": "n/a"');
		expect(env.sandbox.count()).toBe(0);
	});
});
