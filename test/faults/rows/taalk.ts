/** Taalk's write operations as rows of the fault matrix. */
import type { RequestRecord, ScopedRequest } from '../../sandbox/server';
import { byId } from '../../taalk/setup';
import { countBy, itemOfPhone, itemsOfPhones, lastSegment, phoneOf, phonesOf, segment } from '../engine';
import { writeOp } from '../engine';
import { idFromItem, itemAt, keyed, keyedInput } from '../keyed';
import { apiKeyLoss, taalk } from '../providers';
import type { TaalkFaults } from '../providers';
import { body, is, listIn } from './requests';
import { PER_ITEM } from './sizes';

export const taalkLoss = apiKeyLoss({ message: 'Unauthorized' }, /^Taalk: Unauthorized/);

const contactsPath = /^\/api\/campaign2s\/[0-9a-f]{24}\/contacts$/;

const isPost = (request: ScopedRequest, path: RegExp) => is(request, 'POST', path);

/** Seeds the env's campaign with one contact per item (phones as the node sends them). */
async function withContacts(n: number): Promise<TaalkFaults> {
	const env = await taalk();
	const entry = env.sandbox.state.campaigns.get(env.campaignId)!;
	for (let i = 0; i < n; i++) {
		entry.contacts.push({
			_id: `c${String(i).padStart(23, '0')}`,
			name: `Lead${i}`,
			phone: phoneOf(i).national,
		});
	}
	return env;
}

const phones = (n: number) => phonesOf(n, 'national');

/** Shuffles applied to a campaign: from the log (a shuffled list shows no trace of how often). */
function shufflesApplied(records: RequestRecord[], id: string): number {
	return records.filter(
		(r) =>
			r.path.endsWith(`/${id}/contacts`) &&
			((r.status !== undefined && r.status < 300) ||
				(r.appliedStatus !== undefined && r.appliedStatus < 300)),
	).length;
}

const campaigns = (n: number) =>
	keyed(taalk, n, (env, i) => env.sandbox.addCampaign({ name: `Campaign ${i}`, limitPerHour: 60 })._id);

export const taalkRows = [
	writeOp({
		name: 'Contact Append',
		resource: 'contact',
		operation: 'append',
		items: 10_000,
		chunk: 500,
		resends: true,
		start: taalk,
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({
				first: `Lead${i}`,
				last: `Family${i}`,
				phone: phoneOf(i).input,
			})),
		parameters: (env) => ({
			campaignId: byId(env.campaignId),
			name: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			phone: '={{ $json.phone }}',
			options: { chunkSize: 500 },
		}),
		isWrite: (r) => isPost(r, contactsPath) && body(r).append !== undefined,
		itemsOf: (_env, r) => itemsOfPhones(listIn(body(r).append).map((c) => (c as { phone?: unknown }).phone)),
		effects: (env, n) => countBy(env.sandbox.contacts(env.campaignId), (c) => c.phone, phones(n)),
	}),
	writeOp({
		name: 'Contact Update',
		resource: 'contact',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: withContacts,
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({ phone: phoneOf(i).input, name: `Updated${i}` })),
		parameters: (env) => ({
			campaignId: byId(env.campaignId),
			contactBy: 'phone',
			phone: '={{ $json.phone }}',
			updateFields: { name: '={{ $json.name }}' },
		}),
		isWrite: (r) => isPost(r, /^\/api\/campaign2s\/[0-9a-f]{24}\/contacts\/[^/]+$/),
		itemsOf: (_env, r) => itemsOfPhones([lastSegment(r.path)]),
		effects: (env, n) =>
			countBy(
				env.sandbox.contacts(env.campaignId).filter((c) => c.name === `Updated${itemOfPhone(c.phone)}`),
				(c) => c.phone,
				phones(n),
			),
	}),
	writeOp({
		name: 'Contact Remove',
		resource: 'contact',
		operation: 'remove',
		items: 2_000,
		chunk: 100,
		resends: true,
		start: withContacts,
		input: (_env, n) => Array.from({ length: n }, (_, i) => ({ phone: phoneOf(i).input })),
		parameters: (env) => ({
			campaignId: byId(env.campaignId),
			contactBy: 'phone',
			phone: '={{ $json.phone }}',
			options: { chunkSize: 100 },
		}),
		isWrite: (r) => isPost(r, contactsPath) && body(r).remove !== undefined,
		itemsOf: (_env, r) => itemsOfPhones(listIn(body(r).remove)),
		effects: (env, n) =>
			countBy(env.sandbox.contacts(env.campaignId), (c) => c.phone, phones(n)).map((left) => 1 - left),
	}),
	writeOp({
		name: 'Contact Shuffle',
		resource: 'contact',
		operation: 'shuffle',
		items: PER_ITEM,
		resends: true,
		start: campaigns,
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => isPost(r, contactsPath) && body(r).shuffle === true,
		itemsOf: (env, r) => itemAt(env, segment(r.path, 2)),
		effects: (env) => {
			const records = env.sandbox.requests({ method: 'POST' });
			return env.ids.map((id) => Math.min(1, shufflesApplied(records, id)));
		},
	}),
	writeOp({
		name: 'Campaign Set Dialing Rate',
		resource: 'campaign',
		operation: 'setDialingRate',
		items: PER_ITEM,
		resends: true,
		start: campaigns,
		input: (env) => keyedInput(env, (i) => ({ rate: 100 + i })),
		parameters: () => ({
			campaignId: idFromItem,
			limitPerHour: '={{ $json.rate }}',
		}),
		isWrite: (r) => r.method === 'PUT' && /^\/api\/campaign2s\/[0-9a-f]{24}$/.test(r.path),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 2)),
		effects: (env) =>
			env.ids.map((id, i) =>
				env.sandbox.state.campaigns.get(id)!.campaign.limitPerHour === 100 + i ? 1 : 0,
			),
	}),
	writeOp({
		name: 'Call Place',
		resource: 'call',
		operation: 'place',
		items: PER_ITEM,
		resends: false,
		start: taalk,
		input: (_env, n) => Array.from({ length: n }, (_, i) => ({ name: `Lead${i}`, phone: phoneOf(i).input })),
		parameters: () => ({
			name: '={{ $json.name }}',
			phone: '={{ $json.phone }}',
		}),
		isWrite: (r) => isPost(r, /^\/api\/call$/),
		itemsOf: (_env, r) => itemsOfPhones([body(r).phone]),
		effects: (env, n) => countBy(env.sandbox.state.calls.values(), (c) => c.phone, phones(n)),
	}),
];
