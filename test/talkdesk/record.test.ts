import type { IDataObject } from 'n8n-workflow';

import { expectOneAfterAnother, peakInFlight } from '../support/batches';
import { appendParams, byId, contacts, e164, talkdeskEnv } from './setup';
import type { TalkdeskTestEnv } from './setup';

let env: TalkdeskTestEnv;
beforeEach(async () => {
	env = await talkdeskEnv();
});
afterEach(async () => await env.close());

const bulks = () => env.sandbox.requests({ method: 'POST', path: /\/records\/bulks$/ });
const sentRecords = (n: number) => (bulks()[n].body as { records: Array<Record<string, unknown>> }).records;

describe('Talkdesk › Record › Append', () => {
	it('sends the items as records in one bulk request, one paired output item each', async () => {
		const result = await env.run(appendParams(env.listId), contacts(3));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				recordListId: env.listId,
				phone: e164(i),
				created: true,
				recordId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				batch: { number: 1, size: 3, created: 3, errors: 0 },
			});
		});
		expect(bulks()).toHaveLength(1);
		expect(sentRecords(0)[0]).toEqual({
			phone_numbers: [{ phone_number: e164(0), phone_type: 'MOBILE' }],
			first_name: 'Lead0',
			last_name: 'Family0',
			extra_data: { plan: 'Silver' },
		});
		expect(env.sandbox.records(env.listId)).toHaveLength(3);
	});

	it('gathers 250 items into bulk requests of at most 100', async () => {
		const result = await env.run(appendParams(env.listId), contacts(250));
		expect(bulks().map((_, n) => sentRecords(n).length)).toEqual([100, 100, 50]);
		expect(result.items[249].json.batch).toEqual({ number: 3, size: 50, created: 50, errors: 0 });
		expect(env.sandbox.records(env.listId)).toHaveLength(250);
	});

	it('sends the batches one after another by default, or up to Parallel Batches at once', async () => {
		env.sandbox.setLatency(20);
		await env.run(appendParams(env.listId, { options: { chunkSize: 10 } }), contacts(40));
		expectOneAfterAnother(bulks());
		expect(env.sandbox.records(env.listId).map((r) => r.phone_numbers[0].phone_number)).toEqual(
			contacts(40).map((_, i) => e164(i)),
		);

		const more = contacts(60, 40);
		const options = { chunkSize: 10, parallelBatches: 3 };
		const result = await env.run(appendParams(env.listId, { options }), more);
		const peak = peakInFlight(bulks().slice(4));
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual(more.map((_, item) => ({ item })));
		expect(result.items.every((i) => i.json.error === undefined)).toBe(true);
		expect(env.sandbox.records(env.listId)).toHaveLength(100);
	});

	it('Batch Size splits further, and is capped at 100', async () => {
		await env.run(appendParams(env.listId, { options: { chunkSize: 40 } }), contacts(90));
		expect(bulks().map((_, n) => sentRecords(n).length)).toEqual([40, 40, 10]);
	});

	it('sends every field of a record', async () => {
		await env.run(
			appendParams(env.listId, {
				phoneType: 'OFFICE',
				additionalFields: {
					timezone: 'america/new_york',
					priority: 7,
					externalId: '={{ "crm-" + $json.first }}',
					externalProvider: 'hubspot',
					externalUrl: 'https://crm.example/contacts/1',
					otherPhones: { phone: [{ number: '+44 20 7946 0958', type: 'HOME' }] },
				},
			}),
			contacts(1),
		);
		expect(sentRecords(0)[0]).toEqual({
			phone_numbers: [
				{ phone_number: e164(0), phone_type: 'OFFICE' },
				{ phone_number: '+442079460958', phone_type: 'HOME' },
			],
			first_name: 'Lead0',
			last_name: 'Family0',
			timezone: 'America/New_York',
			priority: 7,
			external_id: 'crm-Lead0',
			external_provider: 'hubspot',
			external_url: 'https://crm.example/contacts/1',
			extra_data: { plan: 'Silver' },
		});
	});

	it("maps Talkdesk's per-record errors back onto their own items (Continue On Fail)", async () => {
		const items = contacts(4);
		// Already in the list: Talkdesk refuses it with PHONE_NUMBER_NOT_UNIQUE.
		await env.run(appendParams(env.listId), [items[2]]);
		env.sandbox.reset();

		const result = await env.run(appendParams(env.listId), items, true);

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([false, false, true, false]);
		expect(result.items[2].json.error).toBe(
			`Talkdesk did not add the record: PHONE_NUMBER_NOT_UNIQUE (${e164(2)} is already in the record list) (item 2, phone "${e164(2)}", record list "${env.listId}")`,
		);
		expect(result.items[2].json.errorDescription).toMatch(
			/already in the record list\. The other records of the same request were processed \(3 created\)/,
		);
		expect(result.items[3].json).toMatchObject({ created: true, batch: { created: 3, errors: 1 } });
		expect(bulks()).toHaveLength(1);
	});

	it('a per-record error Talkdesk finds itself (PHONE_NUMBER_INVALID) fails that item only', async () => {
		// A number libphonenumber accepts but Talkdesk refuses: injected as Talkdesk's own answer.
		env.sandbox.failNext(1, {
			status: 201,
			path: /\/records\/bulks$/,
			body: {
				has_errors: true,
				total_errors: 1,
				total_created: 1,
				_embedded: {
					records: [
						{ id: 'r-1', phone_numbers: [{ phone_number: e164(0), phone_type: 'MOBILE' }] },
						{
							phone_numbers: [{ phone_number: e164(1), phone_type: 'MOBILE' }],
							errors: [{ code: 'PHONE_NUMBER_INVALID', message: 'not a dialable number' }],
						},
					],
				},
			},
		});
		const result = await env.run(appendParams(env.listId), contacts(2), true);
		expect(result.items[0].json).toMatchObject({ created: true, recordId: 'r-1' });
		expect(result.items[1].json.error).toMatch(/PHONE_NUMBER_INVALID \(not a dialable number\)/);
		expect(result.items[1].json.error).toMatch(/\(item 1, phone "\+17047051001", record list "[^"]+"\)$/);
		expect(result.items[1].json.errorDescription).toMatch(/refused the phone number/);
	});

	it('without Continue On Fail, the first refused record stops the node, naming its item', async () => {
		await env.run(appendParams(env.listId), contacts(1, 1));
		const result = await env.run(appendParams(env.listId), contacts(3));
		expect(result.error?.message).toMatch(/PHONE_NUMBER_NOT_UNIQUE/);
		expect(result.error?.context?.itemIndex).toBe(1);
	});

	it('a phone is sent once per record list: a repeat in the same list is skipped, the same phone in another is sent', async () => {
		const other = env.sandbox.addRecordList({ name: 'Autumn leads' }).id;
		const [first, second] = contacts(2);
		const items = [
			{ ...first, list: env.listId },
			{ ...first, list: other },
			{ ...second, list: env.listId },
			{ ...first, first: 'Again', list: env.listId },
			{ ...first, first: 'Again', list: other },
		];
		const result = await env.run(
			appendParams(env.listId, { recordListId: { __rl: true, mode: 'id', value: '={{ $json.list }}' } }),
			items,
		);
		expect(result.error).toBeUndefined();
		const phones = (listId: string) =>
			env.sandbox.records(listId).map((record) => record.phone_numbers[0].phone_number);
		expect(phones(env.listId)).toEqual([e164(0), e164(1)]);
		expect(phones(other)).toEqual([e164(0)]);
		expect(result.items.map((item) => item.json.duplicateOfItem)).toEqual([
			undefined,
			undefined,
			undefined,
			0,
			1,
		]);
	});

	it('a phone that appears twice in one run is sent once, and the second item says so', async () => {
		const items = [...contacts(2), { ...contacts(1)[0], first: 'Again' }];
		const result = await env.run(appendParams(env.listId), items);
		expect(sentRecords(0)).toHaveLength(2);
		expect(result.items[2].json).toMatchObject({ created: false, duplicateOfItem: 0, phone: e164(0) });
	});

	describe('bad input fails before any request', () => {
		it.each([
			[
				'an invalid phone',
				{ phone: '12345' },
				/Item 1, field "Phone": "12345" is not a valid phone number for US/,
			],
			['an empty first name', { first: '' }, /Item 1, field "First Name": is empty/],
			[
				'a last name of 81 characters',
				{ last: 'x'.repeat(81) },
				/Item 1, field "Last Name": .* has 81 characters/,
			],
		])('%s', async (_label, patch, message) => {
			const items = contacts(3);
			items[1] = { ...items[1], ...patch };
			const result = await env.run(appendParams(env.listId), items);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.context?.itemIndex).toBe(1);
			expect(env.sandbox.count()).toBe(0);
		});

		it.each([
			[{ timezone: 'Mars/Olympus' }, /field "Time Zone": "Mars\/Olympus" is not an IANA time zone/],
			[{ timezone: '+01:00' }, /field "Time Zone": "\+01:00" is not an IANA time zone/],
			[{ priority: 0 }, /field "Priority": "0" is not allowed. Use a whole number from 1 to 10/],
			[
				{ externalId: 'x' },
				/field "External Provider": is empty. Talkdesk needs External ID and External Provider together/,
			],
			[
				{ otherPhones: { phone: [{ number: 'n/a', type: 'HOME' }] } },
				/field "Other Phones 1": "n\/a" is not a valid phone number/,
			],
		])('additional field %j', async (additionalFields, message) => {
			const result = await env.run(appendParams(env.listId, { additionalFields }), contacts(1));
			expect(result.error?.message).toMatch(message);
			expect(env.sandbox.count()).toBe(0);
		});

		it('a record list ID of the wrong shape', async () => {
			const result = await env.run(
				appendParams(env.listId, { recordListId: byId('={{ "a b" }}') }),
				contacts(1),
			);
			expect(result.error?.message).toMatch(
				/field "Record List": "a b" is not a valid Talkdesk record list ID/,
			);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
		const items = contacts(3);
		items[0] = { ...items[0], phone: 'n/a' };
		const result = await env.run(appendParams(env.listId), items, true);
		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([true, false, false]);
		expect(sentRecords(0)).toHaveLength(2);
	});

	it('is NOT resent after a 500 that followed the write: records are not duplicated', async () => {
		env.sandbox.applyThenFailNext(1, 500, { path: /\/records\/bulks$/ });
		const result = await env.run(appendParams(env.listId), contacts(3), true);
		expect(bulks()).toHaveLength(1);
		expect(env.sandbox.records(env.listId)).toHaveLength(3);
		expect(result.items.every((i) => i.json.httpCode === '500')).toBe(true);
		expect(result.items[0].json.errorDescription).toMatch(/failed to process/);
	});

	it('is resent after 429 and 503 (Talkdesk did not process it), honouring Retry-After', async () => {
		env.sandbox.failNext(1, { status: 429, retryAfter: 0, path: /\/records\/bulks$/ });
		env.sandbox.failNext(1, { status: 503, path: /\/records\/bulks$/ });
		const result = await env.run(appendParams(env.listId, { options: { maxRetries: 2 } }), contacts(2));
		expect(result.error).toBeUndefined();
		expect(bulks().map((r) => r.status)).toEqual([429, 503, 201]);
		expect(env.sandbox.records(env.listId)).toHaveLength(2);
	});

	it("a failed request fails exactly its chunk's items, with Talkdesk's message", async () => {
		env.sandbox.failNext(1, {
			status: 400,
			path: /\/records\/bulks$/,
			body: {
				code: 'invalid_field',
				message: 'Invalid request',
				fields: [{ name: 'records', description: 'is broken' }],
			},
		});
		const result = await env.run(appendParams(env.listId, { options: { chunkSize: 2 } }), contacts(5), true);
		expect(result.items.map((i) => Boolean(i.json.error))).toEqual([true, true, false, false, false]);
		expect(result.items[0].json.error).toBe(
			`Talkdesk: Invalid request (invalid_field). Field "records": is broken (item 0, phone "${e164(0)}", record list "${env.listId}")`,
		);
	});
});

describe('Talkdesk › Record › Update / Remove / Get Many', () => {
	const seed = async (count: number) => {
		const result = await env.run(
			appendParams(env.listId, {
				additionalFields: { externalId: '={{ $json.first }}', externalProvider: 'crm' },
			}),
			contacts(count),
		);
		env.sandbox.reset();
		return result.items.map((i) => String(i.json.recordId));
	};

	it('Update sends replace/add operations for priority and extra data', async () => {
		const [id] = await seed(1);
		const result = await env.run({
			resource: 'record',
			operation: 'update',
			recordListId: byId(env.listId),
			recordId: id,
			updateFields: { priority: 8 },
			extraData: { field: [{ name: 'stage', value: 'won' }] },
		});
		expect(env.sandbox.requests()[0].body).toEqual([
			{ op: 'replace', path: 'priority', value: 8 },
			{ op: 'add', path: 'extra_data', value: { stage: 'won' } },
		]);
		expect(result.items[0].json).toMatchObject({
			id,
			priority: 8,
			extra_data: { plan: 'Silver', stage: 'won' },
		});
	});

	it('Update with nothing to change fails before any request', async () => {
		const result = await env.run({
			resource: 'record',
			operation: 'update',
			recordListId: byId(env.listId),
			recordId: 'abc',
		});
		expect(result.error?.message).toMatch(/field "Update Fields": nothing to update/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('Remove by phone, record ID or external reference, in one bulk request each', async () => {
		const ids = await seed(6);
		const base = { resource: 'record', operation: 'remove', recordListId: byId(env.listId) };
		const byPhone = await env.run({ ...base, removeBy: 'phone', phone: '={{ $json.phone }}' }, contacts(2));
		const byRecord = await env.run({ ...base, removeBy: 'recordId', recordId: '={{ $json.id }}' }, [
			{ id: ids[2] },
			{ id: ids[3] },
		]);
		const byExternal = await env.run(
			{ ...base, removeBy: 'external', externalProvider: 'crm', externalId: '={{ $json.first }}' },
			contacts(1, 4),
		);
		expect(env.sandbox.requests().map((r) => r.body)).toEqual([
			[{ phone_number: e164(0) }, { phone_number: e164(1) }],
			[{ id: ids[2] }, { id: ids[3] }],
			[{ external_provider: 'crm', external_id: 'Lead4' }],
		]);
		expect(byPhone.items[1].json).toMatchObject({
			phone_number: e164(1),
			removed: true,
			batch: { deleted: 2 },
		});
		expect(byRecord.items[0].json).toMatchObject({ id: ids[2], removed: true });
		expect(byExternal.items[0].json).toMatchObject({ external_id: 'Lead4', removed: true });
		expect(env.sandbox.records(env.listId).map((r) => r.id)).toEqual([ids[5]]);
	});

	it('Remove reports a record that is not in the list on its item, without failing it', async () => {
		await seed(1);
		const result = await env.run(
			{
				resource: 'record',
				operation: 'remove',
				recordListId: byId(env.listId),
				phone: '={{ $json.phone }}',
			},
			contacts(2),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ removed: true });
		expect(result.items[1].json).toMatchObject({
			removed: false,
			message: 'No such record in this record list.',
		});
	});

	it('Remove resent after a lost answer reports the records that request removed as removed', async () => {
		await seed(2);
		env.sandbox.applyThenFailNext(1, 502, { method: 'DELETE', path: /\/records\/bulks$/ });
		const result = await env.run(
			{
				resource: 'record',
				operation: 'remove',
				recordListId: byId(env.listId),
				phone: '={{ $json.phone }}',
			},
			contacts(3),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests({ method: 'DELETE' })).toHaveLength(2);
		expect(env.sandbox.records(env.listId)).toEqual([]);
		for (const i of [0, 1]) {
			expect(result.items[i].json).toMatchObject({ removed: true, appliedEarlier: true });
			expect(result.items[i].json.message).toMatch(/already gone/);
		}
		// Item 2 was never in the list, but after a lost answer that cannot be told apart: it is gone either way.
		expect(result.items[2].json).toMatchObject({ removed: true, appliedEarlier: true });
	});

	it('Remove fails an item whose record Talkdesk refused for another reason', async () => {
		env.sandbox.failNext(1, {
			status: 200,
			path: /\/records\/bulks$/,
			body: {
				total_deleted: 0,
				_embedded: { failed_records: [{ phone_number: e164(0), code: 'OTHER', message: 'locked' }] },
			},
		});
		const result = await env.run(
			{
				resource: 'record',
				operation: 'remove',
				recordListId: byId(env.listId),
				phone: '={{ $json.phone }}',
			},
			contacts(1),
			true,
		);
		expect(result.items[0].json.error).toBe(
			`Talkdesk did not remove the record: OTHER (locked) (item 0, phone "${e164(0)}", record list "${env.listId}")`,
		);
	});

	it('Get Many pages through the records; phone filter in E.164', async () => {
		await seed(130);
		const all = await env.run({
			resource: 'record',
			operation: 'getMany',
			recordListId: byId(env.listId),
			returnAll: true,
		});
		expect(all.items).toHaveLength(130);
		expect(env.sandbox.requests()).toHaveLength(2);
		const one = await env.run({
			resource: 'record',
			operation: 'getMany',
			recordListId: byId(env.listId),
			returnAll: false,
			limit: 5,
			filters: { phone: '(704) 705-1007' },
		});
		expect(one.items.map((i) => i.json.first_name)).toEqual(['Lead7']);
		expect(env.sandbox.requests().at(-1)?.query).toMatchObject({ phone_number: e164(7) });
	});
});

describe('Talkdesk › errors name the item', () => {
	it('an API 404 names the item with its record ID, or with its phone and record list', async () => {
		const [id] = (await env.run(appendParams(env.listId), contacts(1))).items.map((i) =>
			String(i.json.recordId),
		);
		const missing = '00000000-0000-4000-8000-000000000000';
		const updated = await env.run(
			{
				resource: 'record',
				operation: 'update',
				recordListId: byId(env.listId),
				recordId: '={{ $json.id }}',
				updateFields: { priority: 5 },
			},
			[{ id }, { id: missing }],
		);
		expect(updated.error?.httpCode).toBe('404');
		expect(updated.error?.context?.itemIndex).toBe(1);
		expect(updated.error?.message).toMatch(
			new RegExp(` \\(item 1, record "${missing}", record list "${env.listId}"\\)$`),
		);

		const appended = await env.run(appendParams(missing), contacts(1, 5));
		expect(appended.error?.httpCode).toBe('404');
		expect(appended.error?.message).toMatch(
			new RegExp(` \\(item 0, phone "\\${e164(5)}", record list "${missing}"\\)$`),
		);
	});

	it('an item with a bad phone and a bad time zone reports both fields in one error, before any request', async () => {
		const items: IDataObject[] = contacts(3).map((each) => ({ ...each, zone: 'America/New_York' }));
		items[1] = { ...items[1], phone: '12345', zone: 'Mars/Olympus' };
		const result = await env.run(
			appendParams(env.listId, { additionalFields: { timezone: '={{ $json.zone }}' } }),
			items,
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.message).toMatch(/^Item 1, 2 fields are wrong: /);
		expect(result.error?.message).toContain('field "Phone": "12345" is not a valid phone number for US');
		expect(result.error?.message).toContain('field "Time Zone": "Mars/Olympus" is not an IANA time zone');
		expect(env.sandbox.count()).toBe(0);
	});
});
