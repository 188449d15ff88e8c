/** Talkturo's write operations as rows of the fault matrix. */
import type { CampaignStatus } from '../../sandbox/talkturo';
import { byId, F } from '../../talkturo/setup';
import { countBy, itemOfPhone, itemsOfPhones, phoneOf, phonesOf, segment, writeOp } from '../engine';
import { idFromItem, itemAt, keyed, keyedInput } from '../keyed';
import type { Keyed } from '../keyed';
import { apiKeyLoss, talkturo } from '../providers';
import type { TalkturoFaults } from '../providers';
import { body, is, listIn, named } from './requests';
import { PER_ITEM } from './sizes';

const CAMPAIGNS_NAMED = named('Campaign');

export const talkturoLoss = apiKeyLoss(
	{ success: false, error: 'Invalid or missing API key' },
	/^Talkturo: Invalid or missing API key/,
);

const CAMPAIGN = /^\/api\/crm\/campaigns\/[^/]+$/;
const CAMPAIGN_CONTACTS = /^\/api\/crm\/campaigns\/[^/]+\/contacts$/;
const CONTACT = /^\/api\/crm\/contacts\/[^/]+$/;

const e164s = (n: number) => phonesOf(n, 'e164');

/** One campaign per item, in `status`. */
const campaigns = (status: CampaignStatus, n: number) =>
	keyed(talkturo, n, (env, i) => env.sandbox.addCampaign({ name: `Campaign ${i}`, status }).id);

/** One contact per item (phone `phoneOf(i)`). */
const contacts = (n: number, start = talkturo) =>
	keyed(start, n, (env, i) => env.sandbox.addContact({ firstName: `Person${i}`, phone: phoneOf(i).e164 }).id);

/** One contact per item and one campaign (`campaignId`), with the contacts on its dial list when `enrolled`. */
async function campaignAndContacts(n: number, enrolled: boolean) {
	const env = await contacts(n);
	const campaign = env.sandbox.addCampaign({ name: 'Spring', contactIds: enrolled ? env.ids : [] });
	return Object.assign(env, { campaignId: campaign.id });
}
type WithCampaign = Keyed<TalkturoFaults> & { campaignId: string };

const onDialList = (env: WithCampaign) =>
	countBy(env.sandbox.dialList(env.campaignId), (entry) => entry.contact_id, env.ids);

/** A row that changes one campaign per item with `PUT {status}` (Pause, Resume, Cancel). */
function statusRow(name: string, operation: string, from: CampaignStatus, to: CampaignStatus) {
	return writeOp<Keyed<TalkturoFaults>>({
		name,
		resource: 'campaign',
		operation,
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns(from, n),
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => is(r, 'PUT', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id) => (env.sandbox.campaign(id).status === to ? 1 : 0)),
	});
}

/** Add Contacts (not resent after a lost answer) and Remove Contacts: bulk requests of 100 contact IDs. */
function membershipRow(name: string, operation: string, mode: 'add' | 'remove') {
	return writeOp<WithCampaign>({
		name,
		resource: 'campaign',
		operation,
		items: 2_000,
		chunk: 100,
		resends: mode === 'remove',
		start: (n) => campaignAndContacts(n, mode === 'remove'),
		input: (env) => keyedInput(env),
		parameters: (env) => ({
			campaignId: byId(env.campaignId),
			contactId: '={{ $json.id }}',
			options: { chunkSize: 100 },
		}),
		isWrite: (r) => is(r, mode === 'add' ? 'POST' : 'DELETE', CAMPAIGN_CONTACTS),
		itemsOf: (env, r) => listIn(body(r).contactIds).flatMap((id) => itemAt(env, String(id))),
		effects: (env) => onDialList(env).map((enrolled) => (mode === 'add' ? enrolled : 1 - enrolled)),
		// Every contact is on the dial list before a remove: each delivered item says removed, also when the
		// resend after a lost answer found it already taken out by the first request.
		verify: (_env, { items, delivered }) => {
			if (mode !== 'remove') return;
			for (const [i, item] of items.entries()) {
				if (delivered[i]) expect([i, item.json.result]).toEqual([i, 'removed']);
			}
		},
	});
}

export const talkturoRows = [
	writeOp<TalkturoFaults>({
		name: 'Campaign Create',
		resource: 'campaign',
		operation: 'create',
		items: PER_ITEM,
		resends: false,
		start: () => talkturo(),
		input: CAMPAIGNS_NAMED.input,
		parameters: () => ({
			assistantId: F.assistants.qualifier.id,
			companyId: F.company.id,
			fromNumberIds: [F.numbers.main.id],
			name: '={{ $json.name }}',
		}),
		isWrite: (r) => is(r, 'POST', /^\/api\/crm\/campaigns$/),
		itemsOf: CAMPAIGNS_NAMED.itemsOf,
		effects: (env, n) => CAMPAIGNS_NAMED.count(env.sandbox.state.campaigns.values(), n),
	}),
	writeOp<Keyed<TalkturoFaults>>({
		name: 'Campaign Update',
		resource: 'campaign',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns('draft', n),
		input: (env) => keyedInput(env, (i) => ({ name: `Renamed ${i}` })),
		parameters: () => ({
			campaignId: idFromItem,
			updateFields: { name: '={{ $json.name }}' },
		}),
		isWrite: (r) => is(r, 'PUT', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id, i) => (env.sandbox.campaign(id).name === `Renamed ${i}` ? 1 : 0)),
	}),
	statusRow('Campaign Pause', 'pause', 'running', 'paused'),
	statusRow('Campaign Resume', 'resume', 'paused', 'running'),
	statusRow('Campaign Cancel', 'cancel', 'running', 'cancelled'),
	writeOp<Keyed<TalkturoFaults>>({
		name: 'Campaign Delete',
		resource: 'campaign',
		operation: 'delete',
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns('draft', n),
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => is(r, 'DELETE', CAMPAIGN),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id) => (env.sandbox.campaign(id).deleted_at ? 1 : 0)),
	}),
	writeOp<Keyed<TalkturoFaults>>({
		// Each campaign has two pending contacts and Max Calls is 1: a second run would call the second one.
		name: 'Campaign Run',
		resource: 'campaign',
		operation: 'run',
		items: PER_ITEM,
		resends: false,
		start: (n) =>
			keyed(
				() => talkturo({ credits: 10 * n }),
				n,
				(env, i) => {
					const pair = [0, 1].map((k) => env.sandbox.addContact({ phone: phoneOf(2 * i + k).e164 }).id);
					return env.sandbox.addCampaign({ name: `Campaign ${i}`, contactIds: pair }).id;
				},
			),
		input: (env) => keyedInput(env),
		parameters: () => ({
			campaignId: idFromItem,
			dryRun: false,
			options: { maxCalls: 1 },
		}),
		isWrite: (r) => is(r, 'POST', /^\/api\/crm\/campaigns\/[^/]+\/run$/),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => countBy(env.sandbox.state.calls.values(), (call) => call.campaign_id, env.ids),
	}),
	membershipRow('Campaign Add Contacts', 'addContacts', 'add'),
	membershipRow('Campaign Remove Contacts', 'removeContacts', 'remove'),
	writeOp<TalkturoFaults>({
		name: 'Contact Create',
		resource: 'contact',
		operation: 'create',
		items: PER_ITEM,
		resends: false,
		start: () => talkturo(),
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({ first: `Person${i}`, phone: phoneOf(i).input })),
		parameters: () => ({
			firstName: '={{ $json.first }}',
			phone: '={{ $json.phone }}',
		}),
		isWrite: (r) => is(r, 'POST', /^\/api\/crm\/contacts$/),
		itemsOf: (_env, r) => itemsOfPhones([body(r).phone]),
		effects: (env, n) => countBy(env.sandbox.contacts(), (c) => String(c.phone), e164s(n)),
	}),
	writeOp<Keyed<TalkturoFaults>>({
		name: 'Contact Update',
		resource: 'contact',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: (n) => contacts(n),
		input: (env) => keyedInput(env, (i) => ({ first: `Updated${i}` })),
		parameters: () => ({
			contactId: '={{ $json.id }}',
			updateFields: { firstName: '={{ $json.first }}' },
		}),
		isWrite: (r) => is(r, 'PUT', CONTACT),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id, i) => (env.sandbox.contact(id)?.first_name === `Updated${i}` ? 1 : 0)),
	}),
	writeOp<Keyed<TalkturoFaults>>({
		name: 'Contact Delete',
		resource: 'contact',
		operation: 'delete',
		items: PER_ITEM,
		resends: true,
		start: (n) => contacts(n),
		input: (env) => keyedInput(env),
		parameters: () => ({ contactId: '={{ $json.id }}' }),
		isWrite: (r) => is(r, 'DELETE', CONTACT),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id) => (env.sandbox.contact(id) ? 0 : 1)),
	}),
	writeOp<TalkturoFaults & { campaignId: string }>({
		// New numbers: each item looks its phone up, creates the contact (the write faults hit), then the
		// contacts are enrolled in bulk.
		name: 'Contact Upsert and Enrol',
		resource: 'contact',
		operation: 'upsertEnrol',
		items: PER_ITEM,
		resends: false,
		finalBulkStep: true,
		start: async () => {
			const env = await talkturo();
			return Object.assign(env, { campaignId: env.sandbox.addCampaign({ name: 'Spring' }).id });
		},
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({ first: `Person${i}`, phone: phoneOf(i).input })),
		parameters: (env) => ({
			campaignId: byId(env.campaignId),
			phone: '={{ $json.phone }}',
			firstName: '={{ $json.first }}',
			options: { chunkSize: 100 },
		}),
		isWrite: (r) => is(r, 'POST', /^\/api\/crm\/contacts$/),
		itemsOf: (env, r) => {
			if (r.method === 'GET') return itemsOfPhones([r.query.search]);
			if (is(r, 'POST', CAMPAIGN_CONTACTS)) {
				return itemsOfPhones(listIn(body(r).contactIds).map((id) => env.sandbox.contact(String(id))?.phone));
			}
			return itemsOfPhones([body(r).phone]);
		},
		effects: (env, n) => countBy(env.sandbox.contacts(), (c) => String(c.phone), e164s(n)),
		verify: (env, outcome) => {
			// Enrolled exactly when the item succeeded, and once.
			const enrolled = new Map<number, number>();
			for (const entry of env.sandbox.dialList(env.campaignId)) {
				const item = itemOfPhone(env.sandbox.contact(entry.contact_id)?.phone);
				if (item !== undefined) enrolled.set(item, (enrolled.get(item) ?? 0) + 1);
			}
			outcome.ok.forEach((ok, i) => expect([i, enrolled.get(i) ?? 0]).toEqual([i, ok ? 1 : 0]));
		},
	}),
];
