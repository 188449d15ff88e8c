import type { INodeParameters } from 'n8n-workflow';

import { expectOneAfterAnother, peakInFlight } from '../support/batches';
import { byId, F, talkturoEnv, TALKTURO_KEY, TEAM } from './setup';
import type { TalkturoTestEnv } from './setup';

let env: TalkturoTestEnv;
beforeEach(async () => {
	env = await talkturoEnv();
});
afterEach(async () => await env.close());

const createParams = (extra: object = {}, additionalFields: object = {}): INodeParameters => ({
	resource: 'campaign',
	operation: 'create',
	assistantId: F.assistants.qualifier.id,
	companyId: F.company.id,
	fromNumberIds: [F.numbers.main.id, F.numbers.second.id],
	name: 'Q1 Trade Show Follow-Up',
	additionalFields: additionalFields as INodeParameters,
	...extra,
});

/** A campaign with `n` contacts on its dial list (the first `dnc` of them do-not-call, then `noPhone` without phone). */
function campaignWithContacts(n: number, fields: object = {}, dnc = 0, noPhone = 0) {
	const ids = Array.from(
		{ length: n },
		(_, i) =>
			env.sandbox.addContact({
				firstName: `C${i}`,
				phone: i >= dnc && i < dnc + noPhone ? null : `+1202555${String(2000 + i)}`,
				doNotCall: i < dnc,
			}).id,
	);
	const campaign = env.sandbox.addCampaign({ name: 'Dial list', ...fields });
	// Enrolled after creation: do-not-call contacts stay "pending" here, as if flagged after being added.
	env.sandbox.state.dialLists.get(campaign.id)!.push(
		...ids.map((contact_id, i) => ({
			id: `cc_${i}`,
			campaign_id: campaign.id,
			contact_id,
			status: 'pending' as const,
			priority: 0,
			attempts: 0,
			added_at: new Date().toISOString(),
		})),
	);
	return { campaignId: campaign.id, contactIds: ids };
}

describe('Talkturo › Campaign › Create', () => {
	it('creates a draft campaign with every field, sent camelCase with the team', async () => {
		const result = await env.run(
			createParams(
				{},
				{
					description: 'Follow up with leads from the January trade show',
					callWindowStart: '9:00',
					callWindowEnd: '17:30',
					callWindowTimezone: 'america/new_york',
					maxConcurrentCalls: 5,
					maxAttemptsPerContact: 2,
					retryDelayMinutes: 90,
					settings: '{"voicemail": false}',
				},
			),
		);

		expect(result.error).toBeUndefined();
		const [request] = env.sandbox.requests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/crm/campaigns');
		expect(request.headers.authorization).toBe(`Bearer ${TALKTURO_KEY}`);
		expect(request.body).toEqual({
			teamId: TEAM,
			assistantId: F.assistants.qualifier.id,
			companyId: F.company.id,
			fromNumberIds: [F.numbers.main.id, F.numbers.second.id],
			name: 'Q1 Trade Show Follow-Up',
			description: 'Follow up with leads from the January trade show',
			callWindowStart: '09:00',
			callWindowEnd: '17:30',
			callWindowTimezone: 'America/New_York',
			maxConcurrentCalls: 5,
			maxAttemptsPerContact: 2,
			retryDelayMinutes: 90,
			settings: { voicemail: false },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({
			status: 'draft',
			name: 'Q1 Trade Show Follow-Up',
			call_window_start: '09:00',
			call_window_timezone: 'America/New_York',
			from_number: F.numbers.main.phone_number,
			max_concurrent_calls: 5,
		});
		expect(String(result.items[0].json.id)).toMatch(/^camp_/);
	});

	it('is "scheduled" with a Scheduled Start, and takes caller IDs as comma-separated text from an expression', async () => {
		const result = await env.run(
			createParams(
				{ fromNumberIds: `={{ "${F.numbers.main.id}, ${F.numbers.second.id}" }}` },
				{ scheduledStartAt: '2030-03-01T09:00:00Z' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('scheduled');
		expect(env.sandbox.requests()[0].body).toMatchObject({
			fromNumberIds: [F.numbers.main.id, F.numbers.second.id],
			scheduledStartAt: '2030-03-01T09:00:00Z',
		});
	});

	it('uses Options → Team ID over the credential default', async () => {
		const result = await env.run(createParams({ options: { teamId: 'team_other' } }));
		expect(env.sandbox.requests()[0].body).toMatchObject({ teamId: 'team_other' });
		expect(result.error?.message).toBe(
			'Talkturo: You do not have access to this team (item 0, name "Q1 Trade Show Follow-Up")',
		);
		expect(result.error?.httpCode).toBe('403');
	});

	describe('bad input fails before any request', () => {
		it.each([
			[
				'a call window not in HH:MM',
				{ callWindowStart: '9am' },
				/field "Call Window Start": "9am" is not a time of day\. Use 24-hour HH:MM/,
			],
			[
				'an hour past 23',
				{ callWindowEnd: '24:00' },
				/field "Call Window End": "24:00" is not a time of day/,
			],
			[
				'an unknown time zone',
				{ callWindowTimezone: 'Mars/Olympus' },
				/field "Call Window Time Zone": "Mars\/Olympus" is not an IANA time zone/,
			],
			['a UTC offset as zone', { callWindowTimezone: '+02:00' }, /is not an IANA time zone/],
			[
				'a scheduled start that is no date',
				{ scheduledStartAt: '={{ "next tuesday" }}' },
				/field "Scheduled Start": "next tuesday" is not an ISO 8601 date/,
			],
			[
				'an impossible date',
				{ scheduledStartAt: '={{ "2030-02-30T09:00:00Z" }}' },
				/is not an ISO 8601 date/,
			],
			[
				'zero concurrent calls',
				{ maxConcurrentCalls: '={{ 0 }}' },
				/field "Max Concurrent Calls": "0" is not allowed\. Use a whole number from 1 to 1000/,
			],
			[
				'fractional attempts',
				{ maxAttemptsPerContact: '={{ 1.5 }}' },
				/field "Max Attempts per Contact".*from 1 to 100/,
			],
			[
				'settings that are not JSON',
				{ settings: '{voicemail: no}' },
				/field "Settings \(JSON\)": .* is not valid JSON/,
			],
			[
				'a window that starts when it ends',
				{ callWindowStart: '09:00', callWindowEnd: '9:00' },
				/field "Call Window End": is the same as Call Window Start/,
			],
		])('%s', async (_label, additionalFields, message) => {
			const result = await env.run(createParams({}, additionalFields));
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/^Item 0, field/);
			expect(env.sandbox.count()).toBe(0);
		});

		it.each([
			['no caller IDs', { fromNumberIds: '={{ [] }}' }, /field "Caller ID Numbers": is empty/],
			['a blank name', { name: '={{ "  " }}' }, /field "Name": is empty/],
			[
				'a caller ID that is no Talkturo ID',
				{ fromNumberIds: '={{ ["pn 1/2"] }}' },
				/field "Caller ID Numbers": "pn 1\/2" is not a Talkturo ID/,
			],
		])('%s', async (_label, extra, message) => {
			const result = await env.run(createParams(extra));
			expect(result.error?.message).toMatch(message);
			expect(env.sandbox.count()).toBe(0);
		});

		it('no team anywhere', async () => {
			await env.close();
			env = await talkturoEnv({ credential: { teamId: '' } });
			const result = await env.run(createParams());
			expect(result.error?.message).toBe(
				'Item 0, field "Team ID": is not set. Set Default Team ID in the Talkturo credential, or Team ID under this node\'s Options',
			);
			expect(env.sandbox.count()).toBe(0);
		});
	});

	it("explains Talkturo's 409 for a caller ID not assigned to the assistant", async () => {
		const result = await env.run(createParams({ fromNumberIds: [F.numbers.scheduler.id] }));
		expect(result.error?.message).toBe(
			`Talkturo: Phone number ${F.numbers.scheduler.phone_number} is not assigned to assistant ${F.assistants.qualifier.id} (item 0, name "Q1 Trade Show Follow-Up")`,
		);
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.description).toMatch(/Assign the numbers to the assistant in Talkturo/);
	});

	it('a 500 on create is not resent (the campaign may exist); a 429 is', async () => {
		env.sandbox.failNext(1, { status: 500 });
		const failed = await env.run(createParams());
		expect(failed.error?.httpCode).toBe('500');
		expect(env.sandbox.count()).toBe(1);

		env.sandbox.reset();
		env.sandbox.failNext(1, { status: 429, retryAfter: 0 });
		const result = await env.run(createParams());
		expect(result.error).toBeUndefined();
		expect(env.sandbox.count()).toBe(2);
	});

	it('with Continue On Fail, a bad item becomes a paired error item and the others are created', async () => {
		const result = await env.run(
			createParams({ name: '={{ $json.name }}' }, { callWindowTimezone: '={{ $json.zone }}' }),
			[
				{ name: 'A', zone: 'Europe/London' },
				{ name: 'B', zone: 'Europe/Londn' },
				{ name: 'C', zone: 'Asia/Tokyo' },
			],
			true,
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json.error).toMatch(/Item 1, field "Call Window Time Zone": "Europe\/Londn"/);
		expect(result.items[2].json.name).toBe('C');
		expect(env.sandbox.count()).toBe(2);
	});
});

describe('Talkturo › Campaign › Get / Get Many', () => {
	it('gets a campaign with its contact count', async () => {
		const { campaignId } = campaignWithContacts(3);
		const result = await env.run({ resource: 'campaign', operation: 'get', campaignId: byId(campaignId) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: campaignId, name: 'Dial list', contact_count: 3 });
		expect(result.items[0].json.contacts).toHaveLength(3);
	});

	it("reports Talkturo's 404 for an unknown campaign, with its own text", async () => {
		const result = await env.run({
			resource: 'campaign',
			operation: 'get',
			campaignId: byId('camp_missing'),
		});
		expect(result.error?.message).toBe('Talkturo: Campaign not found (item 0, campaign "camp_missing")');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toMatch(/may not support Campaign → Get/);
	});

	it('lists all campaigns across limit/offset pages with Return All, or up to Limit', async () => {
		for (let i = 0; i < 130; i++) env.sandbox.addCampaign({ name: `C${i}` });
		const all = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(130);
		expect(env.sandbox.requests().map((r) => [r.query.offset, r.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
		]);
		expect(
			all.items.every(
				(item, i) => item.pairedItem && (item.pairedItem as { item: number }).item === 0 && i >= 0,
			),
		).toBe(true);

		env.sandbox.reset();
		const some = await env.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 5 });
		expect(some.items.map((i) => i.json.name)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4']);
		expect(env.sandbox.requests()[0].query).toEqual({ teamId: TEAM, limit: '5', offset: '0' });
	});

	it('passes the status, assistant and deleted filters', async () => {
		env.sandbox.addCampaign({ name: 'Live', status: 'running' });
		env.sandbox.addCampaign({ name: 'Draft' });
		const result = await env.run({
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'running', assistantId: F.assistants.qualifier.id, deleted: 'include' },
		});
		expect(result.items.map((i) => i.json.name)).toEqual(['Live']);
		expect(env.sandbox.requests()[0].query).toMatchObject({
			status: 'running',
			assistantId: F.assistants.qualifier.id,
			deleted: 'include',
		});
	});
});

describe('Talkturo › Campaign › Update and status changes', () => {
	it('updates settings of a draft campaign', async () => {
		const { id } = env.sandbox.addCampaign({ name: 'Old' });
		const result = await env.run({
			resource: 'campaign',
			operation: 'update',
			campaignId: byId(id),
			updateFields: { name: 'New', callWindowEnd: '18:00', maxConcurrentCalls: 4 },
		});
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0]).toMatchObject({
			method: 'PUT',
			path: `/api/crm/campaigns/${id}`,
			body: { name: 'New', callWindowEnd: '18:00', maxConcurrentCalls: 4 },
		});
		expect(result.items[0].json).toMatchObject({ id, name: 'New', call_window_end: '18:00' });
	});

	it('rejects an update with nothing to change before any request', async () => {
		const { id } = env.sandbox.addCampaign();
		const result = await env.run({
			resource: 'campaign',
			operation: 'update',
			campaignId: byId(id),
			updateFields: {},
		});
		expect(result.error?.message).toMatch(/field "Update Fields": nothing to update/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('explains the 409 for changing a running campaign', async () => {
		const { id } = env.sandbox.addCampaign({ status: 'running' });
		const result = await env.run({
			resource: 'campaign',
			operation: 'update',
			campaignId: byId(id),
			updateFields: { name: 'Renamed' },
		});
		expect(result.error?.message).toBe(
			`Talkturo: Only status can be changed while the campaign is running (item 0, campaign "${id}")`,
		);
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.description).toMatch(/pause it, update it, then resume it/);
	});

	it('pauses, resumes and cancels; a cancelled campaign cannot come back', async () => {
		const { id } = env.sandbox.addCampaign({ status: 'running' });
		const op = (operation: string) => env.run({ resource: 'campaign', operation, campaignId: byId(id) });

		expect((await op('pause')).items[0].json).toMatchObject({ id, status: 'paused' });
		expect((await op('resume')).items[0].json).toMatchObject({ id, status: 'running' });
		expect((await op('cancel')).items[0].json).toMatchObject({ id, status: 'cancelled' });
		expect(env.sandbox.requests().map((r) => r.body)).toEqual([
			{ status: 'paused' },
			{ status: 'running' },
			{ status: 'cancelled' },
		]);

		const again = await op('resume');
		expect(again.error?.message).toBe(
			`Talkturo: Campaign is cancelled and cannot be changed (item 0, campaign "${id}")`,
		);
		expect(again.error?.httpCode).toBe('409');
		expect(again.error?.description).toMatch(/completed and cancelled campaigns cannot change status again/);
	});

	it('pausing a draft is a conflict', async () => {
		const { id } = env.sandbox.addCampaign();
		const result = await env.run({ resource: 'campaign', operation: 'pause', campaignId: byId(id) });
		expect(result.error?.message).toBe(
			`Talkturo: Cannot change campaign status from draft to paused (item 0, campaign "${id}")`,
		);
	});

	it('resuming without credits says so in words the user can act on', async () => {
		const { id } = env.sandbox.addCampaign({ status: 'paused' });
		env.sandbox.state.credits = 0;
		const result = await env.run({ resource: 'campaign', operation: 'resume', campaignId: byId(id) });
		expect(result.error?.message).toBe(`Talkturo: Insufficient credits (item 0, campaign "${id}")`);
		expect(result.error?.httpCode).toBe('402');
		expect(result.error?.description).toMatch(/run out of calling credits.*Top up credits in Talkturo/);
	});

	it('deletes a draft campaign, and explains why a running one is refused', async () => {
		const draft = env.sandbox.addCampaign();
		const deleted = await env.run({ resource: 'campaign', operation: 'delete', campaignId: byId(draft.id) });
		expect(deleted.items[0].json).toMatchObject({ id: draft.id, deleted: true, message: 'Campaign deleted' });
		expect(env.sandbox.campaign(draft.id).deleted_at).not.toBeNull();

		const running = env.sandbox.addCampaign({ status: 'running' });
		const refused = await env.run({
			resource: 'campaign',
			operation: 'delete',
			campaignId: byId(running.id),
		});
		expect(refused.error?.httpCode).toBe('400');
		expect(refused.error?.message).toMatch(/Only draft or cancelled campaigns can be deleted/);
		expect(refused.error?.description).toMatch(/Cancel the campaign first/);
	});
});

describe('Talkturo › Campaign › Run', () => {
	const runParams = (campaignId: string, extra: object = {}) => ({
		resource: 'campaign',
		operation: 'run',
		campaignId: byId(campaignId),
		...extra,
	});

	it('a dry run previews the calls and changes nothing', async () => {
		const { campaignId } = campaignWithContacts(2);
		const result = await env.run(runParams(campaignId, { dryRun: true }));
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].body).toEqual({ dryRun: true });
		expect(result.items[0].json).toMatchObject({
			campaignId,
			dryRun: true,
			started: 2,
			failed: 0,
			errors: [],
			contactErrors: [],
			message: 'Dry run: would start 2 calls',
		});
		expect(env.sandbox.campaign(campaignId).status).toBe('draft');
		expect(env.sandbox.state.calls.size).toBe(0);
	});

	it("starts calls up to the campaign's concurrency and Max Calls, listing per-contact errors", async () => {
		const { campaignId, contactIds } = campaignWithContacts(6, { max_concurrent_calls: 5 }, 1, 1);
		const result = await env.run(runParams(campaignId, { options: { maxCalls: 3 } }));

		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests()[0].body).toEqual({ dryRun: false, maxCalls: 3 });
		expect(result.items[0].json).toMatchObject({
			started: 3,
			failed: 2,
			dryRun: false,
			message: 'Started 3 calls',
			errors: [
				`Contact ${contactIds[0]} is marked do-not-call`,
				`Contact ${contactIds[1]} has no phone number`,
			],
			contactErrors: [
				{ contactId: contactIds[0], error: 'is marked do-not-call' },
				{ contactId: contactIds[1], error: 'has no phone number' },
			],
		});
		expect(result.items[0].json.calls).toHaveLength(3);
		expect(env.sandbox.campaign(campaignId).status).toBe('running');
	});

	it('runs a campaign once however many items name it, and gives every item the result', async () => {
		const { campaignId } = campaignWithContacts(2);
		const result = await env.run(runParams(campaignId), [{}, {}, {}]);
		expect(env.sandbox.count()).toBe(1);
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => [i.pairedItem, i.json.started])).toEqual([
			[{ item: 0 }, 2],
			[{ item: 1 }, 2],
			[{ item: 2 }, 2],
		]);
	});

	it("reports a campaign without contacts with Talkturo's text and what to do", async () => {
		const { id } = env.sandbox.addCampaign();
		const result = await env.run(runParams(id));
		expect(result.error?.message).toBe(`Talkturo: Campaign has no contacts (item 0, campaign "${id}")`);
		expect(result.error?.description).toMatch(/Campaign → Add Contacts/);
	});

	it('explains insufficient credits (402)', async () => {
		const { campaignId } = campaignWithContacts(1);
		env.sandbox.state.credits = 0;
		const result = await env.run(runParams(campaignId));
		expect(result.error?.message).toBe(`Talkturo: Insufficient credits (item 0, campaign "${campaignId}")`);
		expect(result.error?.description).toMatch(/Top up credits/);
	});

	it('never resends after an ambiguous failure (calls may have started), but does after a 503', async () => {
		const { campaignId } = campaignWithContacts(2);
		env.sandbox.applyThenFailNext(1, 502);
		const failed = await env.run(runParams(campaignId));
		expect(failed.error?.httpCode).toBe('502');
		expect(env.sandbox.count()).toBe(1);
		expect(env.sandbox.state.calls.size).toBe(2);

		const other = campaignWithContacts(1).campaignId;
		env.sandbox.reset();
		env.sandbox.failNext(1, { status: 503, retryAfter: 0 });
		const result = await env.run(runParams(other));
		expect(result.items[0].json.started).toBe(1);
		expect(env.sandbox.count()).toBe(2);
	});

	it('rejects Max Calls of 0 from an expression before any request', async () => {
		const { campaignId } = campaignWithContacts(1);
		const result = await env.run(runParams(campaignId, { options: { maxCalls: '={{ 0 }}' } }));
		expect(result.error?.message).toMatch(
			/field "Max Calls": "0" is not allowed\. Use a whole number 1 or more/,
		);
		expect(env.sandbox.count()).toBe(0);
	});
});

describe('Talkturo › Campaign › Add / Remove / Get Contacts', () => {
	const contacts = (n: number, extra: object = {}) =>
		Array.from({ length: n }, (_, i) =>
			env.sandbox.addContact({ firstName: `P${i}`, phone: `+1202555${3000 + i}`, ...extra }),
		);

	it('adds contacts from the items in batches, one output item each', async () => {
		const people = contacts(5);
		const { id } = env.sandbox.addCampaign();
		const result = await env.run(
			{ resource: 'campaign', operation: 'addContacts', campaignId: byId(id), options: { chunkSize: 2 } },
			people.map((p) => ({ id: p.id })),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.requests().map((r) => (r.body as { contactIds: string[] }).contactIds.length)).toEqual(
			[2, 2, 1],
		);
		expect(result.items).toHaveLength(5);
		expect(result.items[4].json).toMatchObject({
			campaignId: id,
			contactId: people[4].id,
			result: 'added',
			batch: { number: 3, size: 1, added: 1, skipped: 0 },
		});
		expect(env.sandbox.dialList(id).map((e) => e.contact_id)).toEqual(people.map((p) => p.id));
	});

	it('sends the batches one after another by default, or up to Parallel Batches at once', async () => {
		env.sandbox.setLatency(20);
		const people = contacts(24);
		const ordered = env.sandbox.addCampaign();
		const params = (id: string, options: object) =>
			({ resource: 'campaign', operation: 'addContacts', campaignId: byId(id), options }) as INodeParameters;
		await env.run(
			params(ordered.id, { chunkSize: 3 }),
			people.map((p) => ({ id: p.id })),
		);
		const adds = () => env.sandbox.requests().filter((r) => r.method === 'POST');
		expectOneAfterAnother(adds());
		expect(env.sandbox.dialList(ordered.id).map((e) => e.contact_id)).toEqual(people.map((p) => p.id));

		const parallel = env.sandbox.addCampaign();
		const before = adds().length;
		const result = await env.run(
			params(parallel.id, { chunkSize: 3, parallelBatches: 4 }),
			people.map((p) => ({ id: p.id })),
		);
		const peak = peakInFlight(adds().slice(before));
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(4);
		expect(result.items.map((i) => [i.pairedItem, i.json.contactId, i.json.result])).toEqual(
			people.map((p, item) => [{ item }, p.id, 'added']),
		);
		const listed = env.sandbox.dialList(parallel.id).map((e) => e.contact_id);
		expect([...listed].sort()).toEqual(people.map((p) => p.id).sort());
	});

	it('sends a contact once per campaign: a repeat in the same campaign is skipped, the same ID for another is sent', async () => {
		const [a, b] = contacts(2);
		const first = env.sandbox.addCampaign();
		const second = env.sandbox.addCampaign();
		const result = await env.run(
			{
				resource: 'campaign',
				operation: 'addContacts',
				campaignId: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
				contactId: '={{ $json.cid }}',
			},
			[
				{ cid: a.id, campaign: first.id },
				{ cid: a.id, campaign: second.id },
				{ cid: b.id, campaign: first.id },
				{ cid: a.id, campaign: first.id },
				{ cid: a.id, campaign: second.id },
			],
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.dialList(first.id).map((e) => e.contact_id)).toEqual([a.id, b.id]);
		expect(env.sandbox.dialList(second.id).map((e) => e.contact_id)).toEqual([a.id]);
		expect(result.items.map((item) => item.json.duplicateOfItem)).toEqual([
			undefined,
			undefined,
			undefined,
			0,
			1,
		]);
	});

	it('sends an ID given twice once, and reports do-not-call contacts as skipped', async () => {
		const [a] = contacts(1);
		const [dnc] = contacts(1, { doNotCall: true, phone: '+12025559999' });
		const { id } = env.sandbox.addCampaign();
		const result = await env.run(
			{ resource: 'campaign', operation: 'addContacts', campaignId: byId(id), contactId: '={{ $json.cid }}' },
			[{ cid: a.id }, { cid: a.id }],
		);
		expect(result.items[1].json).toMatchObject({ result: 'duplicate', duplicateOfItem: 0 });
		expect((env.sandbox.requests()[0].body as { contactIds: string[] }).contactIds).toEqual([a.id]);

		const skipped = await env.run({
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId(id),
			contactId: dnc.id,
		});
		expect(skipped.items[0].json).toMatchObject({ result: 'skipped', batch: { added: 0, skipped: 1 } });
	});

	it('fails the items of a rejected batch with Continue On Fail, naming the unknown contact', async () => {
		const people = contacts(3);
		const { id } = env.sandbox.addCampaign();
		const result = await env.run(
			{ resource: 'campaign', operation: 'addContacts', campaignId: byId(id), options: { chunkSize: 2 } },
			[{ id: people[0].id }, { id: 'cont_nobody' }, { id: people[2].id }],
			true,
		);
		expect(result.items.map((i) => i.json.result ?? i.json.error)).toEqual([
			`Talkturo: Contact cont_nobody not found (item 0, contact "${people[0].id}", campaign "${id}")`,
			`Talkturo: Contact cont_nobody not found (item 1, contact "cont_nobody", campaign "${id}")`,
			'added',
		]);
		expect(result.items[0].json.errorDescription).toMatch(/must already exist/);
	});

	it('rejects a contact ID that is no Talkturo ID before any request', async () => {
		const { id } = env.sandbox.addCampaign();
		const result = await env.run({ resource: 'campaign', operation: 'addContacts', campaignId: byId(id) }, [
			{ id: 'cont_1' },
			{ name: 'no id here' },
		]);
		expect(result.error?.message).toMatch(/Item 1, field "Contact ID": is empty/);
		expect(env.sandbox.count()).toBe(0);
	});

	it('Remove Contacts resent after a lost answer reports the contacts the first request took out as removed', async () => {
		const people = contacts(3);
		const { id } = env.sandbox.addCampaign({ contactIds: people.map((p) => p.id) });
		env.sandbox.applyThenFailNext(1, 502, { method: 'DELETE' });
		const removed = await env.run(
			{ resource: 'campaign', operation: 'removeContacts', campaignId: byId(id) },
			people.map((p) => ({ id: p.id })),
		);
		expect(env.sandbox.requests({ method: 'DELETE' })).toHaveLength(2);
		expect(env.sandbox.state.dialLists.get(id)).toEqual([]);
		expect(removed.items.map((i) => [i.json.result, i.json.appliedEarlier])).toEqual([
			['removed', true],
			['removed', true],
			['removed', true],
		]);
	});

	it('Remove Contacts says per contact what the count tells: removed, notRemoved, or unknown with the counts', async () => {
		const people = contacts(5);
		const { id } = env.sandbox.addCampaign({ contactIds: people.map((p) => p.id) });
		// Called already: Talkturo keeps them.
		for (const called of [1, 3, 4]) env.sandbox.state.dialLists.get(id)![called].status = 'completed';

		// Requests of 2: [0, 1] one of two removed; [3, 4] none; [2] alone, removed.
		const result = await env.run(
			{ resource: 'campaign', operation: 'removeContacts', campaignId: byId(id), options: { chunkSize: 2 } },
			[0, 1, 3, 4, 2].map((i) => ({ id: people[i].id })),
		);
		expect(result.items.map((i) => i.json.result)).toEqual([
			'unknown',
			'unknown',
			'notRemoved',
			'notRemoved',
			'removed',
		]);
		expect(result.items[0].json.message).toMatch(/Talkturo removed 1 of the 2 items this request asked for/);
		expect(result.items[2].json.message).toMatch(/only removes pending or skipped contacts/);
		expect(env.sandbox.state.dialLists.get(id)!.map((c) => c.contact_id)).toEqual(
			[1, 3, 4].map((i) => people[i].id),
		);
	});

	it('removes contacts not yet called, and lists the dial list with a status filter', async () => {
		const people = contacts(4);
		const { id } = env.sandbox.addCampaign({ contactIds: people.map((p) => p.id) });
		env.sandbox.state.dialLists.get(id)![3].status = 'completed';

		const removed = await env.run(
			{ resource: 'campaign', operation: 'removeContacts', campaignId: byId(id) },
			[{ id: people[0].id }, { id: people[1].id }],
		);
		expect(env.sandbox.requests()[0]).toMatchObject({
			method: 'DELETE',
			path: `/api/crm/campaigns/${id}/contacts`,
			body: { contactIds: [people[0].id, people[1].id] },
		});
		expect(removed.items.map((i) => i.json.result)).toEqual(['removed', 'removed']);

		const pending = await env.run({
			resource: 'campaign',
			operation: 'getContacts',
			campaignId: byId(id),
			returnAll: true,
			filters: { status: 'pending' },
		});
		expect(pending.items.map((i) => i.json.contact_id)).toEqual([people[2].id]);
		expect(pending.items[0].json.contact).toMatchObject({ first_name: 'P2' });
		const all = await env.run({
			resource: 'campaign',
			operation: 'getContacts',
			campaignId: byId(id),
			returnAll: false,
			limit: 1,
		});
		expect(all.items).toHaveLength(1);
	});
});

describe('Talkturo › deployments without the newer endpoints', () => {
	beforeEach(async () => {
		await env.close();
		env = await talkturoEnv({ sandbox: { branch: false } });
	});

	it.each([
		['pause', 'Campaign → Pause', 'PUT /crm/campaigns/{id}', '404'],
		['get', 'Campaign → Get', 'GET /crm/campaigns/{id}', '404'],
		['getContacts', 'Campaign → Get Contacts', 'GET /crm/campaigns/{id}/contacts', '405'],
		['removeContacts', 'Campaign → Remove Contacts', 'DELETE /crm/campaigns/{id}/contacts', '405'],
	])(
		'%s says which operation the deployment does not support',
		async (operation, label, endpoint, status) => {
			const { id } = env.sandbox.addCampaign();
			const result = await env.run({
				resource: 'campaign',
				operation,
				campaignId: byId(id),
				contactId: 'cont_1',
				returnAll: true,
			});
			const subject =
				operation === 'removeContacts' ? `contact "cont_1", campaign "${id}"` : `campaign "${id}"`;
			expect(result.error?.message).toBe(
				`Talkturo: this deployment does not support ${label} (${endpoint} answered ${status}) (item 0, ${subject})`,
			);
			expect(result.error?.httpCode).toBe(status);
			expect(result.error?.description).toMatch(/only exists in newer Talkturo versions/);
		},
	);

	it('Add Contacts works with the seed answer {success:true}', async () => {
		const person = env.sandbox.addContact({ phone: '+12025550001' });
		const { id } = env.sandbox.addCampaign();
		const result = await env.run({
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId(id),
			contactId: person.id,
		});
		expect(result.items[0].json).toMatchObject({ result: 'added', batch: { number: 1, size: 1 } });
	});
});
