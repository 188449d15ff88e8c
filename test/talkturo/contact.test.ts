import { byId, e164Of, F, people, talkturoEnv, TALKTURO_KEY, TEAM } from './setup';
import type { TalkturoTestEnv } from './setup';

let env: TalkturoTestEnv;
beforeEach(async () => {
	env = await talkturoEnv();
});
afterEach(async () => await env.close());

const createParams = (extra: object = {}) => ({
	resource: 'contact',
	operation: 'create',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	phone: '={{ $json.phone }}',
	additionalFields: { email: '={{ $json.email }}' },
	...extra,
});

describe('Talkturo › Contact › Create', () => {
	it('creates a contact with every field, phones in E.164, custom fields and tags', async () => {
		const result = await env.run(
			createParams({
				additionalFields: {
					email: '={{ $json.email }}',
					companyId: F.company.id,
					phoneSecondary: '020 7946 0018',
					jobTitle: 'CTO',
					leadStatus: 'qualified',
					source: 'trade-show',
					timezone: 'america/chicago',
					preferredContactMethod: 'phone',
					doNotCall: false,
					notes: 'Met at booth 12',
					tags: 'vip, spring-2025, vip',
				},
				customFields: { field: [{ name: 'budget', value: '50000' }] },
				options: { defaultCountry: 'GB' },
			}),
			[{ ...people(1)[0], phone: '+1 202 555 1000' }],
		);

		expect(result.error).toBeUndefined();
		const [request] = env.sandbox.requests();
		expect(request.path).toBe('/api/crm/contacts');
		expect(request.body).toEqual({
			teamId: TEAM,
			firstName: 'Person0',
			lastName: 'Family0',
			phone: '+12025551000',
			email: 'person0@example.com',
			companyId: F.company.id,
			phoneSecondary: '+442079460018',
			jobTitle: 'CTO',
			leadStatus: 'qualified',
			source: 'trade-show',
			timezone: 'America/Chicago',
			preferredContactMethod: 'phone',
			doNotCall: false,
			notes: 'Met at booth 12',
			tags: ['vip', 'spring-2025'],
			customFields: { budget: '50000' },
		});
		expect(result.items[0].json).toMatchObject({
			first_name: 'Person0',
			phone: '+12025551000',
			phone_secondary: '+442079460018',
			lead_status: 'qualified',
			custom_fields: { budget: '50000' },
			tags: ['vip', 'spring-2025'],
			team_id: TEAM,
		});
		expect(result.items[0].json.success).toBeUndefined();
		expect(String(result.items[0].json.id)).toMatch(/^cont_/);
	});

	it('creates one contact per item, national numbers with Default Country', async () => {
		const result = await env.run(createParams(), people(3));
		expect(result.items.map((i) => i.json.phone)).toEqual([0, 1, 2].map(e164Of));
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	describe('bad input fails before any request', () => {
		it.each([
			[
				'an invalid phone',
				{ phone: '555-12' },
				/Item 1, field "Phone": "555-12" is not a valid phone number for US/,
			],
			[
				'an invalid email',
				{ email: 'person at example' },
				/Item 1, field "Email": "person at example" is not an email address/,
			],
			[
				'no phone, email or name',
				{ first: '', last: '', phone: '', email: '' },
				/Item 1, field "Phone": is empty, and so are the name and email/,
			],
		])('%s', async (_label, patch, message) => {
			const items = people(3);
			items[1] = { ...items[1], ...patch };
			const result = await env.run(createParams(), items);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.context?.itemIndex).toBe(1);
			expect(env.sandbox.count()).toBe(0);
		});

		it.each([
			[
				'an unknown time zone',
				{ timezone: 'Chicago' },
				/field "Time Zone": "Chicago" is not an IANA time zone/,
			],
			[
				'a bad secondary phone',
				{ phoneSecondary: '12' },
				/field "Secondary Phone": "12" is not a valid phone number/,
			],
			['a custom field without a name', {}, /field "Custom Fields": entry 1 has no name/],
		])('%s', async (_label, additionalFields, message) => {
			const result = await env.run(
				createParams({
					additionalFields,
					...(Object.keys(additionalFields).length
						? {}
						: { customFields: { field: [{ name: ' ', value: 'x' }] } }),
				}),
				people(1),
			);
			expect(result.error?.message).toMatch(message);
			expect(env.sandbox.count()).toBe(0);
		});

		it('an unknown Default Country', async () => {
			const result = await env.run(createParams({ options: { defaultCountry: 'USA' } }), people(1));
			expect(result.error?.message).toMatch(/"USA" is not an ISO 3166-1 alpha-2 country code/);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it("reports Talkturo's 400 text and never leaks the token", async () => {
		env.sandbox.failNext(1, {
			status: 400,
			body: { success: false, error: 'phone must be in E.164 format' },
		});
		const result = await env.run(createParams(), people(1));
		expect(result.error?.message).toBe(
			'Talkturo: phone must be in E.164 format (item 0, phone "+12025551000", email "person0@example.com")',
		);
		expect(result.error?.httpCode).toBe('400');
		expect(JSON.stringify(result.error)).not.toContain(TALKTURO_KEY);
	});

	it('a wrong token fails with a hint at the credential, without echoing the token', async () => {
		await env.close();
		env = await talkturoEnv({ credential: { apiToken: 'tk_live_wrong-token-0000' } });
		const result = await env.run(createParams(), people(1));
		expect(result.error?.message).toBe(
			'Talkturo: Invalid or missing API key (item 0, phone "+12025551000", email "person0@example.com")',
		);
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toMatch(/Check the Talkturo credential/);
		expect(JSON.stringify(result.error)).not.toContain('tk_live_wrong-token-0000');
	});
});

describe('Talkturo › Contact › Get / Get Many / Update / Delete', () => {
	it('gets a contact', async () => {
		const contact = env.sandbox.addContact({ firstName: 'Ada', phone: '+12025550001' });
		const result = await env.run({ resource: 'contact', operation: 'get', contactId: contact.id });
		expect(result.items[0].json).toMatchObject({ id: contact.id, first_name: 'Ada' });
		const missing = await env.run({ resource: 'contact', operation: 'get', contactId: 'cont_missing' });
		expect(missing.error?.message).toBe('Talkturo: Contact not found (item 0, contact "cont_missing")');
	});

	it('lists contacts with filters, Return All across pages, or up to Limit', async () => {
		for (let i = 0; i < 120; i++) env.sandbox.addContact({ firstName: `P${i}`, phone: e164Of(i) });
		env.sandbox.addContact({ firstName: 'Nophone' });
		env.sandbox.addContact({ firstName: 'Blocked', phone: '+12025559999', doNotCall: true });

		const all = await env.run({
			resource: 'contact',
			operation: 'getMany',
			returnAll: true,
			filters: { hasPhone: 'true', doNotCall: 'false' },
		});
		expect(all.items).toHaveLength(120);
		expect(env.sandbox.requests().map((r) => r.query)).toEqual([
			{ teamId: TEAM, hasPhone: 'true', doNotCall: 'false', limit: '100', offset: '0' },
			{ teamId: TEAM, hasPhone: 'true', doNotCall: 'false', limit: '100', offset: '100' },
		]);

		const found = await env.run({
			resource: 'contact',
			operation: 'getMany',
			returnAll: false,
			limit: 10,
			filters: { search: 'p11', leadStatus: 'new' },
		});
		expect(found.items.map((i) => i.json.first_name)).toEqual([
			'P11',
			'P110',
			'P111',
			'P112',
			'P113',
			'P114',
			'P115',
			'P116',
			'P117',
			'P118',
		]);
	});

	it('updates fields and merges custom fields into the stored ones (AI data is kept)', async () => {
		const contact = env.sandbox.addContact({
			firstName: 'Ada',
			phone: '+12025550001',
			customFields: { interest: 'high', budget: '10k' },
		});
		const result = await env.run({
			resource: 'contact',
			operation: 'update',
			contactId: contact.id,
			updateFields: { leadStatus: 'qualified', phone: '(202) 555-0002' },
			customFields: { field: [{ name: 'budget', value: '50k' }] },
		});
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/crm/contacts/${contact.id}`,
			`PUT /api/crm/contacts/${contact.id}`,
		]);
		expect(env.sandbox.requests()[1].body).toEqual({
			leadStatus: 'qualified',
			phone: '+12025550002',
			customFields: { interest: 'high', budget: '50k' },
		});
		expect(result.items[0].json).toMatchObject({
			lead_status: 'qualified',
			custom_fields: { interest: 'high', budget: '50k' },
		});
	});

	it('updates without reading first when no custom fields are given; nothing to update is an error', async () => {
		const contact = env.sandbox.addContact({ firstName: 'Ada' });
		await env.run({
			resource: 'contact',
			operation: 'update',
			contactId: contact.id,
			updateFields: { doNotCall: true },
		});
		expect(env.sandbox.requests().map((r) => r.method)).toEqual(['PUT']);
		expect(env.sandbox.contact(contact.id)?.do_not_call).toBe(true);

		env.sandbox.reset();
		const nothing = await env.run({
			resource: 'contact',
			operation: 'update',
			contactId: contact.id,
			updateFields: {},
		});
		expect(nothing.error?.message).toMatch(/field "Update Fields": nothing to update/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('deletes a contact, and explains why one in a live campaign is refused', async () => {
		const free = env.sandbox.addContact({ firstName: 'Free' });
		const busy = env.sandbox.addContact({ firstName: 'Busy', phone: '+12025550003' });
		env.sandbox.addCampaign({ contactIds: [busy.id] });

		const deleted = await env.run({ resource: 'contact', operation: 'delete', contactId: free.id });
		expect(deleted.items[0].json).toEqual({ id: free.id, deleted: true });
		expect(env.sandbox.contact(free.id)).toBeUndefined();

		const refused = await env.run({ resource: 'contact', operation: 'delete', contactId: busy.id });
		expect(refused.error?.message).toMatch(
			/^Talkturo: Contact is pending in campaign camp_.* and cannot be deleted \(item 0, contact "cont_\w+"\)$/,
		);
		expect(refused.error?.message).toContain(`contact "${busy.id}"`);
		expect(refused.error?.description).toMatch(/Campaign → Remove Contacts/);
	});

	it('on an older deployment, Update says it is not supported', async () => {
		await env.close();
		env = await talkturoEnv({ sandbox: { branch: false } });
		const contact = env.sandbox.addContact({ firstName: 'Ada' });
		const result = await env.run({
			resource: 'contact',
			operation: 'update',
			contactId: contact.id,
			updateFields: { notes: 'x' },
		});
		expect(result.error?.message).toBe(
			`Talkturo: this deployment does not support Contact → Update (PUT /crm/contacts/{id} answered 404) (item 0, contact "${contact.id}")`,
		);
	});
});

describe('Talkturo › Contact › Upsert and Enrol', () => {
	let campaignId: string;
	beforeEach(() => {
		campaignId = env.sandbox.addCampaign({ name: 'Enrolment' }).id;
	});

	const upsertParams = (extra: object = {}) => ({
		resource: 'contact',
		operation: 'upsertEnrol',
		campaignId: byId(campaignId),
		phone: '={{ $json.phone }}',
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
		additionalFields: { email: '={{ $json.email }}' },
		...extra,
	});

	it('creates unknown contacts, updates known ones (found by phone in any style) and enrols all in one request', async () => {
		const known = env.sandbox.addContact({
			firstName: 'Old',
			phone: e164Of(1),
			customFields: { interest: 'high' },
		});
		const result = await env.run(
			upsertParams({ customFields: { field: [{ name: 'source_list', value: 'march' }] } }),
			people(3),
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.outcome, i.json.contactAction, i.json.enrolment])).toEqual([
			['created, enrolled', 'created', 'enrolled'],
			['updated, enrolled', 'updated', 'enrolled'],
			['created, enrolled', 'created', 'enrolled'],
		]);
		expect(result.items[1].json).toMatchObject({
			contactId: known.id,
			campaignId,
			phone: e164Of(1),
			contact: { first_name: 'Person1', custom_fields: { interest: 'high', source_list: 'march' } },
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const requests = env.sandbox.requests().map((r) => `${r.method} ${r.path}`);
		expect(requests.filter((r) => r === `POST /api/crm/campaigns/${campaignId}/contacts`)).toHaveLength(1);
		expect(env.sandbox.requests()[0].query).toMatchObject({ teamId: TEAM, search: e164Of(0) });
		expect(env.sandbox.dialList(campaignId).map((e) => e.contact_id)).toEqual(
			result.items.map((i) => i.json.contactId),
		);
		expect(env.sandbox.contacts()).toHaveLength(3);
	});

	it('finds a contact stored in another style, and leaves it unchanged when Update Existing is off', async () => {
		const known = env.sandbox.addContact({ firstName: 'Keep', phone: '+1 (202) 555-1000' });
		const result = await env.run(upsertParams({ options: { updateExisting: false } }), people(1));
		expect(result.items[0].json).toMatchObject({
			outcome: 'unchanged, enrolled',
			contactId: known.id,
			contact: { first_name: 'Keep' },
		});
		expect(env.sandbox.requests().map((r) => r.method)).toEqual(['GET', 'POST']);
	});

	it('skips do-not-call contacts without asking Talkturo to enrol them', async () => {
		env.sandbox.addContact({ firstName: 'Blocked', phone: e164Of(0), doNotCall: true });
		const result = await env.run(upsertParams(), people(1));
		expect(result.items[0].json).toMatchObject({
			outcome: 'updated, skipped (do-not-call)',
			enrolment: 'skipped',
			skipReason: 'do-not-call',
		});
		expect(env.sandbox.requests().map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(env.sandbox.dialList(campaignId)).toHaveLength(0);
	});

	it('marking a new contact do-not-call creates it but does not enrol it', async () => {
		const result = await env.run(upsertParams({ additionalFields: { doNotCall: true } }), people(1));
		expect(result.items[0].json.outcome).toBe('created, skipped (do-not-call)');
		expect(env.sandbox.dialList(campaignId)).toHaveLength(0);
	});

	it('reuses a contact created earlier in the run for the same phone, and enrols it once', async () => {
		const items = [people(1)[0], { ...people(1)[0], first: 'Again' }];
		const result = await env.run(upsertParams(), items);
		expect(result.items.map((i) => i.json.contactAction)).toEqual(['created', 'updated']);
		expect(result.items[0].json.contactId).toBe(result.items[1].json.contactId);
		const enrol = env.sandbox.requests({ method: 'POST', path: /\/campaigns\/.*\/contacts$/ });
		expect(enrol.map((r) => r.body)).toEqual([{ contactIds: [result.items[0].json.contactId] }]);
		expect(env.sandbox.requests({ method: 'GET' })).toHaveLength(1);
	});

	it('says when Talkturo skipped the enrolment (already in the campaign)', async () => {
		const known = env.sandbox.addContact({ firstName: 'In', phone: e164Of(0) });
		env.sandbox.state.dialLists.get(campaignId)!.push({
			id: 'cc_x',
			campaign_id: campaignId,
			contact_id: known.id,
			status: 'completed',
			priority: 0,
			attempts: 1,
			added_at: new Date().toISOString(),
		});
		const result = await env.run(upsertParams(), people(1));
		expect(result.items[0].json).toMatchObject({ outcome: 'updated, skipped', skipReason: 'talkturo' });
	});

	it('checks every item before any request', async () => {
		const items = people(3);
		items[2].phone = '12';
		const result = await env.run(upsertParams(), items);
		expect(result.error?.message).toMatch(/Item 2, field "Phone": "12" is not a valid phone number/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('with Continue On Fail, bad items fail alone, and a failed enrolment says the contact was still created', async () => {
		const items = people(3);
		items[1].email = 'broken';
		const result = await env.run(upsertParams(), items, true);
		expect(result.items.map((i) => i.json.outcome ?? 'error')).toEqual([
			'created, enrolled',
			'error',
			'created, enrolled',
		]);
		expect(result.items[1].json.error).toMatch(/Item 1, field "Email"/);

		const cancelled = env.sandbox.addCampaign({ status: 'cancelled' }).id;
		const failed = await env.run(upsertParams({ campaignId: byId(cancelled) }), people(2, 10), true);
		expect(failed.items.map((i) => i.json.error)).toEqual(
			[10, 11].map((n, i) =>
				expect.stringMatching(
					new RegExp(
						`^Talkturo: Cannot add contacts to a cancelled campaign \\(item ${i}, phone "\\${e164Of(n)}", contact "cont_\\w+", campaign "${cancelled}"\\)$`,
					),
				),
			),
		);
		expect(failed.items[1].json.errorDescription).toMatch(
			/^Contact cont_\w+ was created but not added to the campaign\./,
		);
		expect(failed.items[0].json.errorDescription).not.toContain(
			String(failed.items[1].json.errorDescription).slice(0, 40),
		);
	});

	it('enrols per campaign when an expression picks the campaign', async () => {
		const other = env.sandbox.addCampaign({ name: 'Other' }).id;
		const items = people(4).map((p, i) => ({ ...p, campaign: i % 2 ? other : campaignId }));
		const result = await env.run(upsertParams({ campaignId: byId('={{ $json.campaign }}') }), items);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.dialList(campaignId)).toHaveLength(2);
		expect(env.sandbox.dialList(other)).toHaveLength(2);
	});
});

describe('Talkturo › errors name the item', () => {
	it("an API 404 names the item and its contact ID; a create's API error names the phone", async () => {
		const known = env.sandbox.addContact({ firstName: 'Ada', phone: '+12025550001' });
		const missing = await env.run({ resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' }, [
			{ id: known.id },
			{ id: 'cont_missing' },
		]);
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.context?.itemIndex).toBe(1);
		expect(missing.error?.message).toBe('Talkturo: Contact not found (item 1, contact "cont_missing")');

		env.sandbox.failNext(1, { status: 422, body: { success: false, error: 'Invalid contact' } });
		const created = await env.run(createParams(), people(1));
		expect(created.error?.httpCode).toBe('422');
		expect(created.error?.message).toBe(
			`Talkturo: Invalid contact (item 0, phone "${e164Of(0)}", email "person0@example.com")`,
		);
	});

	it('an item with a bad phone and a bad time zone reports both fields in one error, before any request', async () => {
		const items = people(3);
		items[1] = { ...items[1], phone: '555-12', zone: 'Chicago' };
		const result = await env.run(
			createParams({ additionalFields: { email: '={{ $json.email }}', timezone: '={{ $json.zone }}' } }),
			items,
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.message).toMatch(/^Item 1, 2 fields are wrong: /);
		expect(result.error?.message).toContain('field "Phone": "555-12" is not a valid phone number for US');
		expect(result.error?.message).toContain('field "Time Zone": "Chicago" is not an IANA time zone');
		expect(env.sandbox.count()).toBe(0);
	});
});
