import { byId, e164, talkdeskEnv } from './setup';
import type { TalkdeskTestEnv } from './setup';

let env: TalkdeskTestEnv;
beforeEach(async () => {
	env = await talkdeskEnv();
});
afterEach(async () => await env.close());

const api = () => env.sandbox.requests().filter((r) => r.path !== '/oauth/token');
const phones = (...n: number[]) => n.map((i) => ({ phone: `704-705-${1000 + i}` }));

describe('Talkdesk › Record List', () => {
	it('Create, Get and Get Many', async () => {
		const created = await env.run(
			{ resource: 'recordList', operation: 'create', name: '={{ $json.name }}' },
			[{ name: 'Week 12' }, { name: 'Week 13' }],
		);
		expect(created.items.map((i) => i.json.name)).toEqual(['Week 12', 'Week 13']);
		expect(api().map((r) => r.body)).toEqual([{ name: 'Week 12' }, { name: 'Week 13' }]);

		const id = String(created.items[0].json.id);
		const got = await env.run({ resource: 'recordList', operation: 'get', recordListId: byId(id) });
		expect(got.items[0].json).toMatchObject({ id, name: 'Week 12', total_records: 0 });

		const many = await env.run({
			resource: 'recordList',
			operation: 'getMany',
			returnAll: true,
			filters: { name: 'week' },
		});
		expect(many.items.map((i) => i.json.name)).toEqual(['Week 12', 'Week 13']);
	});

	it('Create with an empty name fails before any request', async () => {
		const result = await env.run({ resource: 'recordList', operation: 'create', name: ' ' });
		expect(result.error?.message).toMatch(/Item 0, field "Name": is empty/);
		expect(env.sandbox.count()).toBe(0);
	});
});

describe('Talkdesk › Do-Not-Call Entry', () => {
	const base = () => ({ resource: 'dncEntry', dncListId: byId(env.dncListId) });

	it('Add puts the number on the list in E.164, with an optional expiration date', async () => {
		const result = await env.run(
			{
				...base(),
				operation: 'add',
				phone: '={{ $json.phone }}',
				options: { expirationDate: '={{ $json.until }}' },
			},
			[
				{ phone: '(704) 705-1000', until: '2030-01-31T10:00:00Z' },
				{ phone: '+1 704 705 1001', until: '' },
			],
		);
		expect(result.error).toBeUndefined();
		expect(api().map((r) => r.body)).toEqual([
			{ phone_number: e164(0), expiration_date: '2030-01-31' },
			{ phone_number: e164(1) },
		]);
		expect(result.items[0].json).toMatchObject({
			phone: e164(0),
			added: true,
			entry: { phone_number: e164(0) },
		});
	});

	it('Add: a number already on the list is reported, not failed', async () => {
		await env.run({ ...base(), operation: 'add', phone: '={{ $json.phone }}' }, phones(0));
		const again = await env.run({ ...base(), operation: 'add', phone: '={{ $json.phone }}' }, phones(0));
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ added: false, alreadyListed: true, phone: e164(0) });
	});

	it('Add: a bad expiration date fails before any request', async () => {
		const result = await env.run(
			{
				...base(),
				operation: 'add',
				phone: '={{ $json.phone }}',
				options: { expirationDate: '={{ "31/01/2030" }}' },
			},
			phones(0),
		);
		expect(result.error?.message).toMatch(/field "Expiration Date": "31\/01\/2030" is not an ISO 8601 date/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('Check tells for each item whether its number is listed, in one query', async () => {
		env.sandbox.state.dncLists.get(env.dncListId)!.entries.push({
			id: 'e-1',
			phone_number: e164(1),
			created_at: '2025-01-01T00:00:00Z',
		});
		const result = await env.run(
			{ ...base(), operation: 'check', phone: '={{ $json.phone }}' },
			phones(0, 1, 2, 1),
		);
		expect(result.items.map((i) => i.json.onList)).toEqual([false, true, false, true]);
		expect(result.items[1].json.entry).toMatchObject({ id: 'e-1' });
		expect(api()).toHaveLength(1);
		expect(api()[0].body).toEqual({
			phone_numbers: [{ phone_number: e164(0) }, { phone_number: e164(1) }, { phone_number: e164(2) }],
		});
	});

	it('Remove by phone looks the entries up, then deletes them; by entry ID directly', async () => {
		await env.run({ ...base(), operation: 'add', phone: '={{ $json.phone }}' }, phones(0, 1, 2));
		const entries = env.sandbox.state.dncLists.get(env.dncListId)!.entries;
		env.sandbox.reset();

		const byPhone = await env.run(
			{ ...base(), operation: 'remove', phone: '={{ $json.phone }}' },
			phones(0, 5),
		);
		const byId2 = await env.run({
			...base(),
			operation: 'remove',
			removeBy: 'entryId',
			entryId: entries[1].id,
		});

		expect(byPhone.items[0].json).toMatchObject({ phone: e164(0), removed: true, entryIds: [entries[0].id] });
		expect(byPhone.items[1].json).toMatchObject({ phone: e164(5), removed: false });
		expect(byId2.items[0].json).toMatchObject({ removed: true, entryIds: [entries[1].id] });
		expect(api().map((r) => `${r.method} ${r.route} ${JSON.stringify(r.body ?? r.query)}`)).toEqual([
			`GET /do-not-call-lists/:id/entries {"phone_number":"${e164(0)}","page":"1","per_page":"100"}`,
			`DELETE /do-not-call-lists/:id/entries [{"id":"${entries[0].id}"}]`,
			`GET /do-not-call-lists/:id/entries {"phone_number":"${e164(5)}","page":"1","per_page":"100"}`,
			`DELETE /do-not-call-lists/:id/entries [{"id":"${entries[1].id}"}]`,
		]);
		expect(env.sandbox.state.dncLists.get(env.dncListId)!.entries.map((e) => e.phone_number)).toEqual([
			e164(2),
		]);
	});

	it('Get Many lists the entries (Return All / Limit), filtered by phone', async () => {
		await env.run(
			{ ...base(), operation: 'add', phone: '={{ $json.phone }}' },
			Array.from({ length: 12 }, (_, i) => ({ phone: `704-705-${1000 + i}` })),
		);
		const limited = await env.run({ ...base(), operation: 'getMany', returnAll: false, limit: 5 });
		expect(limited.items).toHaveLength(5);
		const one = await env.run({
			...base(),
			operation: 'getMany',
			returnAll: true,
			filters: { phone: '704 705 1003' },
		});
		expect(one.items.map((i) => i.json.phone_number)).toEqual([e164(3)]);
	});

	it('wrong scope for do-not-call lists: 403 naming do-not-call-lists:manage', async () => {
		const limited = await talkdeskEnv({}, { scope: 'campaigns:read campaigns:write' });
		try {
			const result = await limited.run(
				{ resource: 'dncEntry', operation: 'add', dncListId: byId(limited.dncListId), phone: '704-705-1000' },
				[{}],
			);
			expect(result.error?.httpCode).toBe('403');
			expect(result.error?.description).toMatch(/needs the scope "do-not-call-lists:manage"/);
		} finally {
			await limited.close();
		}
	});
});
