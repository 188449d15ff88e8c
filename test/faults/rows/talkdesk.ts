/** Talkdesk's write operations as rows of the fault matrix. */
import { randomUUID } from 'node:crypto';

import type { TalkdeskCampaign } from '../../sandbox/talkdesk';
import { appendParams, byId } from '../../talkdesk/setup';
import { countBy, itemsOfPhones, phoneOf, phonesOf, segment, writeOp } from '../engine';
import { idFromItem, itemAt, keyed, keyedInput } from '../keyed';
import type { Keyed } from '../keyed';
import { talkdesk } from '../providers';
import type { TalkdeskFaults } from '../providers';
import { body, is, listIn, named } from './requests';
import { PER_ITEM } from './sizes';

const CAMPAIGNS_NAMED = named('Campaign');
const LISTS_NAMED = named('List');

export { talkdeskLoss } from '../providers';

const CAMPAIGN = /^\/campaigns\/[^/]+$/;
const BULKS = /^\/record-lists\/[^/]+\/records\/bulks$/;
const e164s = (n: number) => phonesOf(n, 'e164');
const firstPhone = (record: unknown) =>
	(record as { phone_numbers?: Array<{ phone_number?: unknown }> }).phone_numbers?.[0]?.phone_number;

/** Every 50th item's phone is in the record list already (Append refuses it; Remove finds nothing). */
const inListBefore = (i: number) => i % 50 === 7;

/** One campaign per item. */
const campaigns = (
	n: number,
	seed: (env: TalkdeskFaults) => Partial<TalkdeskCampaign> & { recordListIds?: string[] },
) => keyed(talkdesk, n, (env, i) => env.sandbox.addCampaign({ name: `Campaign ${i}`, ...seed(env) }).id);

/** A record for item i, stored as Talkdesk would. */
function storeRecord(env: TalkdeskFaults, i: number): string {
	const id = randomUUID();
	const now = new Date().toISOString();
	env.sandbox.state.recordLists.get(env.listId)!.records.push({
		id,
		phone_numbers: [{ phone_number: phoneOf(i).e164, phone_type: 'MOBILE' }],
		first_name: `Lead${i}`,
		last_name: `Family${i}`,
		created_at: now,
		updated_at: now,
	});
	return id;
}

const recordPhones = (env: TalkdeskFaults) =>
	env.sandbox.records(env.listId).map((r) => firstPhone(r) as string);

/** A row that sets one campaign's status per item (Start, Pause). */
function statusRow(name: string, operation: string, from: TalkdeskCampaign['status'], to: string) {
	return writeOp<Keyed<TalkdeskFaults>>({
		name,
		resource: 'campaign',
		operation,
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns(n, (env) => ({ status: from, recordListIds: [env.listId] })),
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => is(r, 'PATCH', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 1)),
		effects: (env) => env.ids.map((id) => (env.sandbox.state.campaigns.get(id)?.status === to ? 1 : 0)),
	});
}

/** Attach / Detach a record list or do-not-call list: one campaign per item, the env's list. */
function listLinkRow(name: string, operation: string, kind: 'record' | 'dnc', attach: boolean) {
	const segmentName = kind === 'record' ? 'record-lists' : 'do-not-call-lists';
	const listOf = (env: TalkdeskFaults) => (kind === 'record' ? env.listId : env.dncListId);
	const links = (env: TalkdeskFaults) =>
		kind === 'record' ? env.sandbox.state.campaignRecordLists : env.sandbox.state.campaignDncLists;
	return writeOp<Keyed<TalkdeskFaults>>({
		name,
		resource: 'campaign',
		operation,
		items: PER_ITEM,
		resends: true,
		start: (n) =>
			campaigns(n, (env) =>
				attach ? {} : kind === 'record' ? { recordListIds: [env.listId] } : { dncListIds: [env.dncListId] },
			),
		input: (env) => keyedInput(env),
		parameters: (env) => ({
			campaignId: idFromItem,
			[kind === 'record' ? 'recordListId' : 'dncListId']: byId(listOf(env)),
		}),
		isWrite: (r) => is(r, attach ? 'POST' : 'DELETE', new RegExp(`^/campaigns/[^/]+/${segmentName}$`)),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 1)),
		effects: (env) =>
			env.ids.map((id) => {
				const linked = (links(env).get(id) ?? []).filter((list) => list === listOf(env)).length;
				return attach ? linked : 1 - linked;
			}),
	});
}

export const talkdeskRows = [
	writeOp<TalkdeskFaults>({
		name: 'Campaign Create',
		resource: 'campaign',
		operation: 'create',
		items: PER_ITEM,
		resends: false,
		start: () => talkdesk(),
		input: CAMPAIGNS_NAMED.input,
		parameters: () => ({
			name: '={{ $json.name }}',
			dialingMode: 'PREVIEW',
			priority: 1,
			maxAttempts: 3,
			retryPeriod: 1,
			retryTimeUnit: 'HOURS',
			callingHours: { rule: [{ from: '9:00', to: '17:00', weekDays: ['MONDAY'] }] },
			busy: 'RETRY',
			noAnswer: 'FINAL',
		}),
		isWrite: (r) => is(r, 'POST', /^\/campaigns$/),
		itemsOf: CAMPAIGNS_NAMED.itemsOf,
		effects: (env, n) => CAMPAIGNS_NAMED.count(env.sandbox.state.campaigns.values(), n),
	}),
	writeOp<Keyed<TalkdeskFaults>>({
		name: 'Campaign Update',
		resource: 'campaign',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns(n, () => ({})),
		input: (env) => keyedInput(env, (i) => ({ name: `Renamed ${i}` })),
		parameters: () => ({
			campaignId: idFromItem,
			updateFields: { name: '={{ $json.name }}' },
		}),
		isWrite: (r) => is(r, 'PATCH', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 1)),
		effects: (env) =>
			env.ids.map((id, i) => (env.sandbox.state.campaigns.get(id)?.name === `Renamed ${i}` ? 1 : 0)),
	}),
	statusRow('Campaign Start', 'start', 'READY', 'RUNNING'),
	statusRow('Campaign Pause', 'pause', 'RUNNING', 'PAUSED'),
	writeOp<Keyed<TalkdeskFaults>>({
		name: 'Campaign Delete',
		resource: 'campaign',
		operation: 'delete',
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns(n, () => ({})),
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => is(r, 'DELETE', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 1)),
		effects: (env) => env.ids.map((id) => (env.sandbox.state.campaigns.has(id) ? 0 : 1)),
	}),
	listLinkRow('Campaign Attach Record List', 'attachRecordList', 'record', true),
	listLinkRow('Campaign Detach Record List', 'detachRecordList', 'record', false),
	listLinkRow('Campaign Attach Do-Not-Call List', 'attachDncList', 'dnc', true),
	listLinkRow('Campaign Detach Do-Not-Call List', 'detachDncList', 'dnc', false),
	writeOp<TalkdeskFaults>({
		// Bulk requests of 100; every 50th record is already in the list: Talkdesk refuses it in its answer
		// (PHONE_NUMBER_NOT_UNIQUE) while the rest of its request is created: chunks that half-fail.
		name: 'Record Append',
		resource: 'record',
		operation: 'append',
		items: 10_000,
		chunk: 100,
		resends: false,
		start: async (n) => {
			const env = await talkdesk();
			for (let i = 0; i < n; i++) if (inListBefore(i)) storeRecord(env, i);
			return env;
		},
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({
				first: `Lead${i}`,
				last: `Family${i}`,
				phone: phoneOf(i).input,
				plan: 'Gold',
			})),
		parameters: (env) => appendParams(env.listId, { options: { chunkSize: 100 } }),
		isWrite: (r) => is(r, 'POST', BULKS),
		itemsOf: (_env, r) => itemsOfPhones(listIn(body(r).records).map(firstPhone)),
		effects: (env, n) => countBy(recordPhones(env), (phone) => phone, e164s(n)),
		preset: (i) => (inListBefore(i) ? { ok: false, effect: 1 } : undefined),
		verify: (_env, { items, delivered }) => {
			// A refused record fails its own item with Talkdesk's code; the rest of its request went in.
			for (const [i, item] of items.entries()) {
				if (inListBefore(i) && delivered[i])
					expect([i, item.json.error]).toEqual([i, expect.stringMatching(/PHONE_NUMBER_NOT_UNIQUE/)]);
			}
		},
	}),
	writeOp<Keyed<TalkdeskFaults>>({
		name: 'Record Update',
		resource: 'record',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: (n) => keyed(talkdesk, n, storeRecord),
		input: (env) => keyedInput(env, (i) => ({ tag: `v${i}` })),
		parameters: (env) => ({
			recordListId: byId(env.listId),
			recordId: '={{ $json.id }}',
			extraData: { field: [{ name: 'tag', value: '={{ $json.tag }}' }] },
		}),
		isWrite: (r) => is(r, 'PATCH', /^\/record-lists\/[^/]+\/records\/[^/]+$/),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => {
			const tags = new Map(env.sandbox.records(env.listId).map((r) => [r.id, r.extra_data?.tag]));
			return env.ids.map((id, i) => (tags.get(id) === `v${i}` ? 1 : 0));
		},
	}),
	writeOp<TalkdeskFaults>({
		// Bulk deletes of 100; every 50th phone is not in the list: reported on its item, not failed.
		name: 'Record Remove',
		resource: 'record',
		operation: 'remove',
		items: 2_000,
		chunk: 100,
		resends: true,
		start: async (n) => {
			const env = await talkdesk();
			for (let i = 0; i < n; i++) if (!inListBefore(i)) storeRecord(env, i);
			return env;
		},
		input: (_env, n) => Array.from({ length: n }, (_, i) => ({ phone: phoneOf(i).input })),
		parameters: (env) => ({
			recordListId: byId(env.listId),
			removeBy: 'phone',
			phone: '={{ $json.phone }}',
			options: { chunkSize: 100 },
		}),
		isWrite: (r) => is(r, 'DELETE', BULKS),
		itemsOf: (_env, r) =>
			itemsOfPhones(listIn(r.body).map((ref) => (ref as { phone_number?: unknown }).phone_number)),
		effects: (env, n) => countBy(recordPhones(env), (phone) => phone, e164s(n)).map((left) => 1 - left),
		preset: (i) => (inListBefore(i) ? { ok: true, effect: 1 } : undefined),
		verify: (_env, { items, delivered, answeredUnclearly }) => {
			// A phone not in the list is reported on its item, which does not fail. After a lost answer (the
			// resend finds it gone) it cannot be told from one the first request removed: both say removed.
			for (const [i, item] of items.entries()) {
				if (!inListBefore(i) || !delivered[i]) continue;
				const afterLoss = answeredUnclearly[i];
				expect([i, item.json.removed, item.json.appliedEarlier]).toEqual([
					i,
					afterLoss,
					afterLoss || undefined,
				]);
			}
			// And every record the first of two requests removed is reported removed, not "not found".
			for (const [i, item] of items.entries()) {
				if (answeredUnclearly[i] && delivered[i]) expect([i, item.json.removed]).toEqual([i, true]);
			}
		},
	}),
	writeOp<TalkdeskFaults>({
		name: 'Record List Create',
		resource: 'recordList',
		operation: 'create',
		items: PER_ITEM,
		resends: false,
		start: () => talkdesk(),
		input: LISTS_NAMED.input,
		parameters: () => ({ name: '={{ $json.name }}' }),
		isWrite: (r) => is(r, 'POST', /^\/record-lists$/),
		itemsOf: LISTS_NAMED.itemsOf,
		effects: (env, n) => LISTS_NAMED.count(env.sandbox.state.recordLists.values(), n),
	}),
	writeOp<TalkdeskFaults>({
		name: 'Do-Not-Call Entry Add',
		resource: 'dncEntry',
		operation: 'add',
		items: PER_ITEM,
		resends: false,
		start: () => talkdesk(),
		input: (_env, n) => Array.from({ length: n }, (_, i) => ({ phone: phoneOf(i).input })),
		parameters: (env) => ({
			dncListId: byId(env.dncListId),
			phone: '={{ $json.phone }}',
		}),
		isWrite: (r) => is(r, 'POST', /^\/do-not-call-lists\/[^/]+\/entries$/),
		itemsOf: (_env, r) => itemsOfPhones([body(r).phone_number]),
		effects: (env, n) =>
			countBy(env.sandbox.state.dncLists.get(env.dncListId)!.entries, (e) => e.phone_number, e164s(n)),
	}),
	writeOp<Keyed<TalkdeskFaults>>({
		// By phone: the entries are looked up (GET), then deleted (DELETE [{id}]); the write faults hit the DELETE.
		name: 'Do-Not-Call Entry Remove',
		resource: 'dncEntry',
		operation: 'remove',
		items: PER_ITEM,
		resends: true,
		start: (n) =>
			keyed(talkdesk, n, (env, i) => {
				const entry = {
					id: randomUUID(),
					phone_number: phoneOf(i).e164,
					created_at: new Date().toISOString(),
				};
				env.sandbox.state.dncLists.get(env.dncListId)!.entries.push(entry);
				return entry.id;
			}),
		input: (_env, n) => Array.from({ length: n }, (_, i) => ({ phone: phoneOf(i).input })),
		parameters: (env) => ({
			dncListId: byId(env.dncListId),
			removeBy: 'phone',
			phone: '={{ $json.phone }}',
		}),
		isWrite: (r) => is(r, 'DELETE', /^\/do-not-call-lists\/[^/]+\/entries$/),
		itemsOf: (env, r) =>
			r.method === 'GET'
				? itemsOfPhones([r.query.phone_number])
				: listIn(r.body).flatMap((entry) => itemAt(env, String((entry as { id?: unknown }).id))),
		effects: (env, n) =>
			countBy(env.sandbox.state.dncLists.get(env.dncListId)!.entries, (e) => e.phone_number, e164s(n)).map(
				(left) => 1 - left,
			),
	}),
];
