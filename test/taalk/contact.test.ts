import { expectOneAfterAnother, peakInFlight } from '../support/batches';
import { appendParams, byId, leads, nationalPhone, taalkEnv, TAALK_KEY } from './setup';
import type { TaalkTestEnv } from './setup';

let env: TaalkTestEnv;
beforeEach(async () => {
	env = await taalkEnv();
});
afterEach(async () => await env.close());

const appendRequests = () => env.sandbox.requests({ method: 'POST', path: /\/contacts$/ });

describe('Taalk › Contact › Append', () => {
	it('appends every item in one bulk request and returns one paired output item per input item', async () => {
		const result = await env.run(appendParams(env.campaignId), leads(5));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				campaignId: env.campaignId,
				phone: nationalPhone(i),
				sent: true,
				batch: { number: 1, size: 5, inserted: 5, updated: 0 },
			});
		});
		const requests = appendRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(`Bearer ${TAALK_KEY}`);
		expect(requests[0].body).toEqual({
			append: leads(5).map((lead, i) => ({
				name: lead.first,
				last_name: lead.last,
				phone: nationalPhone(i),
				Taalk_City: lead.city,
			})),
		});
		expect(env.sandbox.contacts(env.campaignId).map((c) => c.phone)).toEqual(
			[0, 1, 2, 3, 4].map(nationalPhone),
		);
	});

	it('splits into Batch Size chunks and reports each chunk on its own items', async () => {
		const result = await env.run(appendParams(env.campaignId, { options: { chunkSize: 5 } }), leads(12));

		expect(appendRequests().map((r) => (r.body as { append: unknown[] }).append.length)).toEqual([5, 5, 2]);
		expect(result.items.map((i) => (i.json.batch as { number: number }).number)).toEqual([
			1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3,
		]);
		expect(result.items[11].json.batch).toEqual({ number: 3, size: 2, inserted: 2, updated: 0 });
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(12);
	});

	it('sends the batches one after another by default, so the dial list keeps the input order', async () => {
		env.sandbox.setLatency(20);
		const items = leads(12);
		items[4] = { ...items[4], phone: 'n/a' };
		const result = await env.run(appendParams(env.campaignId, { options: { chunkSize: 3 } }), items, true);

		expectOneAfterAnother(appendRequests());
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.items[4].json.error).toMatch(/Item 4, field "Phone"/);
		const sent = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11];
		expect(env.sandbox.contacts(env.campaignId).map((c) => c.phone)).toEqual(sent.map(nationalPhone));
	});

	it('Parallel Batches puts up to that many batches in flight, with the same outputs and each contact once', async () => {
		env.sandbox.setLatency(30);
		const items = leads(40);
		items[7] = { ...items[7], phone: 'n/a' };
		const options = { chunkSize: 3, parallelBatches: 4 };
		const result = await env.run(appendParams(env.campaignId, { options }), items, true);

		const peak = peakInFlight(appendRequests());
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.items[7].json.error).toMatch(/Item 7, field "Phone"/);
		const phones = env.sandbox.contacts(env.campaignId).map((c) => c.phone);
		const sent = items.map((_, i) => i).filter((i) => i !== 7);
		expect([...phones].sort()).toEqual(sent.map(nationalPhone).sort());
		// Each item's batch is the one that carried its phone.
		for (const request of appendRequests()) {
			const carried = (request.body as { append: Array<{ phone: string }> }).append.map((c) => c.phone);
			const numbers = result.items
				.filter((item) => carried.includes(item.json.phone as string))
				.map((item) => (item.json.batch as { number: number; size: number }).size);
			expect(numbers).toEqual(carried.map(() => carried.length));
		}
	});

	it('Parallel Batches outside 1–8 is refused before any request', async () => {
		const result = await env.run(
			appendParams(env.campaignId, { options: { parallelBatches: 20 } }),
			leads(2),
		);
		expect(result.error?.message).toMatch(/Parallel Batches/);
		expect(appendRequests()).toHaveLength(0);
	});

	it('counts phones already in the campaign as updated', async () => {
		await env.run(appendParams(env.campaignId), leads(3));
		const result = await env.run(appendParams(env.campaignId), leads(4));
		expect(result.items[0].json.batch).toEqual({ number: 1, size: 4, inserted: 1, updated: 3 });
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(4);
	});

	it('sends a phone that appears twice in one run once, and says so on the second item', async () => {
		const items = [...leads(3), { ...leads(1)[0], first: 'Again' }];
		const result = await env.run(appendParams(env.campaignId), items);

		expect(result.items).toHaveLength(4);
		expect((appendRequests()[0].body as { append: unknown[] }).append).toHaveLength(3);
		expect(result.items[3].json).toMatchObject({ sent: false, duplicateOfItem: 0, phone: nationalPhone(0) });
		expect(result.items[3].pairedItem).toEqual({ item: 3 });
	});

	it('writes E.164 when Phone Format says so, and shuffles new contacts on request', async () => {
		await env.run(
			appendParams(env.campaignId, { options: { phoneFormat: 'e164', shuffle: true } }),
			leads(2),
		);
		expect(appendRequests()[0].body).toMatchObject({
			append: [{ phone: '+17045551000' }, { phone: '+17045551001' }],
			shuffle: true,
		});
	});

	it('groups items by campaign when an expression picks the campaign', async () => {
		const other = env.sandbox.addCampaign({ name: 'Other' })._id;
		const items = leads(4).map((lead, i) => ({ ...lead, campaign: i % 2 ? other : env.campaignId }));
		const result = await env.run(
			appendParams(env.campaignId, {
				campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
			}),
			items,
		);
		expect(result.error).toBeUndefined();
		expect(appendRequests().map((r) => r.path)).toEqual([
			`/api/campaign2s/${env.campaignId}/contacts`,
			`/api/campaign2s/${other}/contacts`,
		]);
		expect(result.items.map((i) => i.json.campaignId)).toEqual([
			env.campaignId,
			other,
			env.campaignId,
			other,
		]);
	});

	it('sends a phone once per campaign: a repeat in the same campaign is skipped, the same phone in another is sent', async () => {
		const other = env.sandbox.addCampaign({ name: 'Other' })._id;
		const [first, second] = leads(2);
		const items = [
			{ ...first, campaign: env.campaignId },
			{ ...first, campaign: other },
			{ ...second, campaign: env.campaignId },
			{ ...first, first: 'Again', campaign: env.campaignId },
			{ ...first, first: 'Again', campaign: other },
		];
		const result = await env.run(
			appendParams(env.campaignId, {
				campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
			}),
			items,
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.contacts(env.campaignId).map((c) => c.phone)).toEqual([
			nationalPhone(0),
			nationalPhone(1),
		]);
		expect(env.sandbox.contacts(other).map((c) => c.phone)).toEqual([nationalPhone(0)]);
		expect(result.items.map((item) => [item.json.sent, item.json.duplicateOfItem])).toEqual([
			[true, undefined],
			[true, undefined],
			[true, undefined],
			[false, 0],
			[false, 1],
		]);
	});

	it('accepts the console URL of the campaign', async () => {
		const url = `https://lets.taalk.ai/console/campaign2s/${env.campaignId}`;
		const result = await env.run(
			appendParams(env.campaignId, { campaignId: { __rl: true, mode: 'url', value: url } }),
			leads(1),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(1);
	});

	describe('bad input fails before any request', () => {
		it.each([
			[
				'an invalid phone',
				{ phone: '12345' },
				/Item 2, field "Phone": "12345" is not a valid phone number for US/,
			],
			['an empty phone', { phone: '' }, /Item 2, field "Phone": is empty/],
			['a missing first name', { first: '' }, /Item 2, field "First Name": is empty/],
		])('%s', async (_label, patch, message) => {
			const items = leads(4);
			items[2] = { ...items[2], ...patch };
			const result = await env.run(appendParams(env.campaignId), items);

			expect(result.error?.message).toMatch(message);
			expect(result.error?.context?.itemIndex).toBe(2);
			expect(env.sandbox.count()).toBe(0);
		});

		it.each(['taalk_City', 'TAALK_City'])('a custom field spelled %s', async (name) => {
			const result = await env.run(
				appendParams(env.campaignId, { customFields: { field: [{ name, value: 'x' }] } }),
				leads(2),
			);
			expect(result.error?.message).toMatch(/Item 0, field "Custom Fields".*wrong case/);
			expect(result.error?.message).toContain('"Taalk_City"');
			expect(env.sandbox.count()).toBe(0);
		});

		// Typed values are already checked by the editor (n8n refuses to run them); values that arrive
		// through expressions are checked by the node.
		it('a campaign URL of another product', async () => {
			const result = await env.run(
				appendParams(env.campaignId, {
					campaignId: { __rl: true, mode: 'url', value: '={{ "https://app.whattalk.ai/campaigns/1050" }}' },
				}),
				leads(1),
			);
			expect(result.error?.message).toMatch(/field "Campaign": .* is not a Taalk campaign URL/);
			expect(env.sandbox.count()).toBe(0);
		});

		it('a campaign ID of the wrong shape', async () => {
			const result = await env.run(
				appendParams(env.campaignId, { campaignId: byId('={{ "1050" }}') }),
				leads(1),
			);
			expect(result.error?.message).toMatch(/"1050" is not a valid Taalk campaign ID/);
			expect(env.sandbox.count()).toBe(0);
		});

		it('an unknown Default Country', async () => {
			const result = await env.run(
				appendParams(env.campaignId, { options: { defaultCountry: 'USA' } }),
				leads(1),
			);
			expect(result.error?.message).toMatch(/"USA" is not an ISO 3166-1 alpha-2 country code/);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are appended', async () => {
		const items = leads(4);
		items[1] = { ...items[1], phone: 'n/a' };
		const result = await env.run(appendParams(env.campaignId), items, true);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(result.items[1].json.error).toMatch(/Item 1, field "Phone": "n\/a" is not a valid phone number/);
		expect(result.items[0].json.sent).toBe(true);
		expect((appendRequests()[0].body as { append: unknown[] }).append).toHaveLength(3);
	});

	it("reports Taalk's 404 for an unknown campaign with its status", async () => {
		const result = await env.run(appendParams('aaaaaaaaaaaaaaaaaaaaaaaa'), leads(2));
		expect(result.error?.message).toMatch(/^Taalk: Campaign not found/);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toMatch(/Check the ID/);
	});

	it('with Continue On Fail, a failed request fails exactly the items of its chunk', async () => {
		env.sandbox.failNext(1, { status: 400, body: { message: 'Invalid contact data' } });
		const result = await env.run(appendParams(env.campaignId, { options: { chunkSize: 2 } }), leads(5), true);

		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([true, true, false, false, false]);
		expect(result.items[0].json.error).toMatch(/Invalid contact data/);
		expect(result.items[0].json.httpCode).toBe('400');
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(3);
	});

	it('without Continue On Fail, the first failed chunk stops the node naming its first item', async () => {
		env.sandbox.failNext(1, { status: 400, body: { message: 'Invalid contact data' }, path: /contacts$/ });
		const result = await env.run(appendParams(env.campaignId, { options: { chunkSize: 2 } }), leads(5));
		expect(result.error?.message).toMatch(/Invalid contact data/);
		expect(result.error?.context?.itemIndex).toBe(0);
	});

	describe('retries', () => {
		it('waits out a 429 with Retry-After and then succeeds, appending each contact once', async () => {
			env.sandbox.failNext(1, { status: 429, retryAfter: 1, body: { message: 'Too many requests' } });
			const started = Date.now();
			const result = await env.run(appendParams(env.campaignId), leads(3));

			expect(result.error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(900);
			expect(appendRequests()).toHaveLength(2);
			expect(env.sandbox.contacts(env.campaignId)).toHaveLength(3);
		});

		it('retries 5xx, a reset connection and a malformed body (appends are keyed by phone)', async () => {
			env.sandbox.failNext(1, { status: 502 });
			env.sandbox.resetConnectionNext(1);
			env.sandbox.malformedNext(1);
			const result = await env.run(appendParams(env.campaignId), leads(3));

			expect(result.error).toBeUndefined();
			expect(appendRequests()).toHaveLength(4);
			expect(env.sandbox.contacts(env.campaignId)).toHaveLength(3);
		});

		it('a 500 after the append was applied does not duplicate contacts', async () => {
			env.sandbox.applyThenFailNext(1, 500);
			const result = await env.run(appendParams(env.campaignId), leads(3));

			expect(result.error).toBeUndefined();
			expect(env.sandbox.contacts(env.campaignId)).toHaveLength(3);
			expect(result.items[0].json.batch).toMatchObject({ inserted: 0, updated: 3 });
		});

		it('times out a hung request and retries it', async () => {
			env.sandbox.hangNext(1);
			const result = await env.run(appendParams(env.campaignId, { options: { timeout: 1000 } }), leads(2));
			expect(result.error).toBeUndefined();
			expect(env.sandbox.contacts(env.campaignId)).toHaveLength(2);
		});

		it('gives up after Max Retries and says how many attempts were made', async () => {
			env.sandbox.failNext(5, { status: 503, retryAfter: 0 });
			const result = await env.run(appendParams(env.campaignId, { options: { maxRetries: 2 } }), leads(2));
			expect(result.error?.message).toMatch(/after 3 attempts/);
			expect(appendRequests()).toHaveLength(3);
			expect(env.sandbox.contacts(env.campaignId)).toHaveLength(0);
		});
	});

	it('sends the datasource as ?db= when the credential has one', async () => {
		await env.close();
		env = await taalkEnv({ datasource: 'tenant-7' });
		await env.run(appendParams(env.campaignId), leads(1));
		expect(appendRequests()[0].query).toMatchObject({ db: 'tenant-7' });
	});
});

describe('Taalk › Contact › Update', () => {
	const updateParams = (extra = {}) => ({
		resource: 'contact',
		operation: 'update',
		campaignId: byId(env.campaignId),
		contactBy: 'phone',
		phone: '={{ $json.phone }}',
		updateFields: { success: true },
		customFields: { field: [{ name: 'Outcome', value: '={{ $json.outcome }}' }] },
		...extra,
	});

	beforeEach(async () => {
		await env.run(appendParams(env.campaignId), leads(3));
		env.sandbox.reset();
	});

	it('sets Taalk_Success and custom fields on the contact found by phone', async () => {
		const result = await env.run(updateParams(), [{ phone: '+1 704 555 1001', outcome: 'booked' }]);

		expect(result.error).toBeUndefined();
		const [request] = env.sandbox.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/campaign2s/${env.campaignId}/contacts/${nationalPhone(1)}`);
		expect(request.body).toEqual({ Taalk_Success: true, Taalk_Outcome: 'booked' });
		expect(result.items[0].json).toMatchObject({ phone: nationalPhone(1), updated: { Taalk_Success: true } });
		const contact = env.sandbox.contacts(env.campaignId).find((c) => c.phone === nationalPhone(1));
		expect(contact).toMatchObject({ Taalk_Success: true, Taalk_Outcome: 'booked', name: 'Lead1' });
	});

	it('finds a contact stored in E.164 by another client, trying the other spelling after a 404', async () => {
		await env.run(appendParams(env.campaignId, { options: { phoneFormat: 'e164' } }), leads(1, 10));
		env.sandbox.reset();
		const result = await env.run(updateParams(), [{ phone: nationalPhone(10), outcome: 'booked' }]);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests().map((r) => [r.path, r.status])).toEqual([
			[`/api/campaign2s/${env.campaignId}/contacts/${nationalPhone(10)}`, 404],
			[`/api/campaign2s/${env.campaignId}/contacts/${encodeURIComponent(`+1${nationalPhone(10)}`)}`, 200],
		]);
		expect(result.items[0].json).toMatchObject({
			phone: nationalPhone(10),
			matchedAs: `+1${nationalPhone(10)}`,
		});
		const contact = env.sandbox.contacts(env.campaignId).find((c) => c.phone === `+1${nationalPhone(10)}`);
		expect(contact).toMatchObject({ Taalk_Success: true, Taalk_Outcome: 'booked' });
	});

	it('a contact found under neither spelling: the error names the item, the phone and both spellings tried', async () => {
		const result = await env.run(updateParams(), [
			{ phone: nationalPhone(0), outcome: 'a' },
			{ phone: '7045559999', outcome: 'x' },
		]);
		expect(result.error?.message).toMatch(/\(item 1, phone "7045559999", campaign "[0-9a-f]{24}"\)$/);
		expect(result.error?.description).toMatch(/"7045559999" or "\+17045559999"/);
	});

	it('finds the contact by its ID', async () => {
		const contact = env.sandbox.contacts(env.campaignId)[2];
		const result = await env.run(
			updateParams({ contactBy: 'contactId', contactId: contact._id, updateFields: { lastName: 'Renamed' } }),
			[{ outcome: 'callback' }],
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.contacts(env.campaignId)[2]).toMatchObject({
			last_name: 'Renamed',
			Taalk_Outcome: 'callback',
		});
	});

	it("reports Taalk's 404 for an unknown contact, and with Continue On Fail goes on", async () => {
		const items = [
			{ phone: '7045559999', outcome: 'x' },
			{ phone: nationalPhone(0), outcome: 'y' },
		];
		const failed = await env.run(updateParams(), items);
		expect(failed.error?.httpCode).toBe('404');
		expect(failed.error?.context?.itemIndex).toBe(0);

		const result = await env.run(updateParams(), items, true);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.httpCode).toBe('404');
		expect(result.items[1].json.error).toBeUndefined();
	});

	it.each([
		[
			'an invalid contact ID',
			{ contactBy: 'contactId', contactId: 'abc' },
			'7045551000',
			/field "Contact ID": "abc" is not a Taalk contact ID/,
		],
		[
			'nothing to update',
			{ updateFields: {}, customFields: {} },
			'7045551000',
			/field "Update Fields": nothing to update/,
		],
		['an invalid phone', {}, '7', /field "Phone": "7" is not a valid phone number/],
	])('rejects %s before any request', async (_label, extra, phone, message) => {
		const result = await env.run(updateParams(extra), [{ phone, outcome: 'z' }]);
		expect(result.error?.message).toMatch(message);
		expect(env.sandbox.count()).toBe(0);
	});

	it('checks every item before updating any', async () => {
		const items = [
			{ phone: nationalPhone(0), outcome: 'a' },
			{ phone: nationalPhone(1), outcome: 'b' },
			{ phone: '12', outcome: 'c' },
		];
		const result = await env.run(updateParams(), items);
		expect(result.error?.message).toMatch(/Item 2, field "Phone"/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('retries after a 429', async () => {
		env.sandbox.failNext(1, { status: 429, retryAfter: 0 });
		const result = await env.run(updateParams(), [{ phone: nationalPhone(0), outcome: 'ok' }]);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.count()).toBe(2);
	});
});

describe('Taalk › Contact › Remove', () => {
	const removeParams = (extra = {}) => ({
		resource: 'contact',
		operation: 'remove',
		campaignId: byId(env.campaignId),
		contactBy: 'phone',
		phone: '={{ $json.phone }}',
		...extra,
	});

	beforeEach(async () => {
		await env.run(appendParams(env.campaignId), leads(6));
		env.sandbox.reset();
	});

	it('removes by phone in bulk, one output item per input item', async () => {
		const result = await env.run(removeParams({ options: { chunkSize: 2 } }), leads(3));

		// Each phone goes out in both spellings Taalk may have stored it under.
		const e164 = (i: number) => `+1${nationalPhone(i)}`;
		expect(env.sandbox.requests().map((r) => r.body)).toEqual([
			{ remove: [nationalPhone(0), e164(0), nationalPhone(1), e164(1)] },
			{ remove: [nationalPhone(2), e164(2)] },
		]);
		expect(result.items).toHaveLength(3);
		expect(result.items[2].json).toMatchObject({
			phone: nationalPhone(2),
			outcome: 'removed',
			removed: true,
			batch: { number: 2, size: 1, requested: 1, removed: 1 },
		});
		expect(env.sandbox.contacts(env.campaignId).map((c) => c.phone)).toEqual([3, 4, 5].map(nationalPhone));
	});

	it('finds a contact stored in E.164 by another client, and says per item what the counts tell', async () => {
		// A contact Taalk's console (or another client) stored as +1…, next to the node's national-digits contacts.
		await env.run(appendParams(env.campaignId, { options: { phoneFormat: 'e164' } }), leads(1, 10));
		expect(env.sandbox.contacts(env.campaignId).map((c) => c.phone)).toContain(`+1${nationalPhone(10)}`);
		env.sandbox.reset();

		// Request 1: two found of three (which two is not in Taalk's answer). Request 2: none found. Request 3: one item.
		const items = [
			...[nationalPhone(10), nationalPhone(1), '704 555 1900'],
			...['704 555 1901', '704 555 1902', '704 555 1903'],
			nationalPhone(2),
		];
		const result = await env.run(
			removeParams({ options: { chunkSize: 3 } }),
			items.map((phone) => ({ phone })),
		);
		expect(result.error).toBeUndefined();
		const outcomes = result.items.map((item) => item.json.outcome);
		expect(outcomes).toEqual([
			'unknown',
			'unknown',
			'unknown',
			'notFound',
			'notFound',
			'notFound',
			'removed',
		]);
		expect(result.items[0].json.message).toMatch(/removed 2 of the 3 items this request asked for/);
		expect(result.items[0].json).toMatchObject({ batch: { requested: 3, removed: 2 } });
		expect(result.items[0].json.removed).toBeUndefined();
		expect(result.items[3].json).toMatchObject({
			removed: false,
			message: expect.stringMatching(/No contact/),
		});
		const left = env.sandbox.contacts(env.campaignId).map((c) => c.phone);
		expect(left).not.toContain(`+1${nationalPhone(10)}`);
		expect(left).toEqual([0, 3, 4, 5].map(nationalPhone));
	});

	it('removes by contact ID', async () => {
		const ids = env.sandbox
			.contacts(env.campaignId)
			.slice(0, 2)
			.map((c) => ({ id: c._id }));
		const result = await env.run(removeParams({ contactBy: 'contactId', contactId: '={{ $json.id }}' }), ids);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(4);
	});

	it('rejects a bad phone before any request, or skips it with Continue On Fail', async () => {
		const items = [...leads(2), { phone: 'none' }];
		const failed = await env.run(removeParams(), items);
		expect(failed.error?.message).toMatch(/Item 2, field "Phone"/);
		expect(env.sandbox.count()).toBe(0);

		const result = await env.run(removeParams(), items, true);
		expect(result.items).toHaveLength(3);
		expect(result.items[2].json.error).toMatch(/"none"/);
		expect(env.sandbox.contacts(env.campaignId)).toHaveLength(4);
	});
});

describe('Taalk › Contact › Shuffle', () => {
	it('shuffles each campaign once however many items ask, and answers every item', async () => {
		await env.run(appendParams(env.campaignId), leads(30));
		env.sandbox.reset();
		const before = env.sandbox.contacts(env.campaignId).map((c) => c.phone);

		const result = await env.run(
			{ resource: 'contact', operation: 'shuffle', campaignId: byId(env.campaignId) },
			[{}, {}, {}],
		);

		expect(env.sandbox.requests().map((r) => r.body)).toEqual([{ shuffle: true }]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[2].json).toEqual({ campaignId: env.campaignId, shuffled: true });
		const after = env.sandbox.contacts(env.campaignId).map((c) => c.phone);
		expect([...after].sort()).toEqual([...before].sort());
		expect(after).not.toEqual(before);
	});
});
