/** WhatTalk's write operations as rows of the fault matrix. */
import type { CampaignStatus } from '../../sandbox/whattalk';
import { addParams } from '../../whattalk/setup';
import { countBy, itemsOfPhones, phoneOf, segment, writeOp } from '../engine';
import type { WriteOp } from '../engine';
import { idFromItem, itemAt, keyed, keyedInput } from '../keyed';
import type { Keyed } from '../keyed';
import { apiKeyLoss, whatTalk } from '../providers';
import type { WhatTalkFaults } from '../providers';
import { body, is, named } from './requests';
import { PER_ITEM } from './sizes';

const CAMPAIGNS_NAMED = named('Campaign');

export const whatTalkLoss = apiKeyLoss({ message: 'Unauthenticated.' }, /^WhatTalk: Unauthenticated\./);

const LEAD = /^\/api\/user\/leads\/\d+$/;

/** One campaign per item (of the env's outbound assistant), in `status`. */
const campaigns = (status: CampaignStatus, n: number) =>
	keyed(
		whatTalk,
		n,
		(env, i) => env.sandbox.addCampaign({ assistant_id: env.outboundId, status, name: `C${i}` }).id,
	);

/** One lead per item, in the env's campaign. */
const leads = (n: number) =>
	keyed(
		whatTalk,
		n,
		(env, i) => env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: phoneOf(i).e164 }).id,
	);

/** A row that starts or stops one campaign per item. */
function statusRow(name: string, operation: string, from: CampaignStatus, to: CampaignStatus) {
	return writeOp<Keyed<WhatTalkFaults>>({
		name,
		resource: 'campaign',
		operation,
		items: PER_ITEM,
		resends: true,
		start: (n) => campaigns(from, n),
		input: (env) => keyedInput(env),
		parameters: () => ({ campaignId: idFromItem }),
		isWrite: (r) => is(r, 'POST', /^\/api\/user\/campaigns\/update-status$/),
		itemsOf: (env, r) => itemAt(env, String(body(r).campaign_id)),
		effects: (env) =>
			env.ids.map((id) => (env.sandbox.state.campaigns.get(Number(id))?.status === to ? 1 : 0)),
	});
}

/** Lead Add: one request per lead, 5 at a time; duplicates blocked (resent after a lost answer) or allowed. */
function addRow(name: string, items: number, allowDuplicate: boolean): WriteOp {
	return writeOp<WhatTalkFaults>({
		name,
		resource: 'lead',
		operation: 'add',
		items,
		concurrency: 5,
		resends: !allowDuplicate,
		start: () => whatTalk(),
		input: (_env, n) =>
			Array.from({ length: n }, (_, i) => ({ name: `Lead ${i}`, phone: phoneOf(i).input, plan: 'P1' })),
		parameters: (env) => addParams(env.campaignId, { allowDuplicate }),
		isWrite: (r) => is(r, 'POST', /^\/api\/user\/lead$/),
		itemsOf: (_env, r) =>
			r.method === 'GET' ? itemsOfPhones([r.query.phone_number]) : itemsOfPhones([body(r).phone_number]),
		effects: (env, n) =>
			countBy(
				env.sandbox.leadsOf(env.campaignId),
				(lead) => lead.phone_number,
				Array.from({ length: n }, (_, i) => phoneOf(i).e164),
			),
	});
}

export const whatTalkRows = [
	writeOp<WhatTalkFaults>({
		name: 'Campaign Create',
		resource: 'campaign',
		operation: 'create',
		items: PER_ITEM,
		resends: false,
		start: () => whatTalk(),
		input: CAMPAIGNS_NAMED.input,
		parameters: (env) => ({
			name: '={{ $json.name }}',
			assistantId: env.outboundId,
		}),
		isWrite: (r) => is(r, 'POST', /^\/api\/user\/campaign$/),
		itemsOf: CAMPAIGNS_NAMED.itemsOf,
		effects: (env, n) => CAMPAIGNS_NAMED.count(env.sandbox.state.campaigns.values(), n),
	}),
	statusRow('Campaign Start', 'start', 'draft', 'in-progress'),
	statusRow('Campaign Stop', 'stop', 'in-progress', 'stopped'),
	addRow('Lead Add (duplicates blocked)', PER_ITEM, false),
	addRow('Lead Add (Allow Duplicate on)', PER_ITEM, true),
	writeOp<Keyed<WhatTalkFaults>>({
		name: 'Lead Update',
		resource: 'lead',
		operation: 'update',
		items: PER_ITEM,
		resends: true,
		start: leads,
		input: (env) => keyedInput(env, (i) => ({ tag: `v${i}` })),
		parameters: () => ({
			leadId: '={{ $json.id }}',
			variables: { field: [{ name: 'tag', value: '={{ $json.tag }}' }] },
		}),
		isWrite: (r) => is(r, 'PUT', LEAD),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) =>
			env.ids.map((id, i) => (env.sandbox.state.leads.get(Number(id))?.variables.tag === `v${i}` ? 1 : 0)),
	}),
	writeOp<Keyed<WhatTalkFaults>>({
		name: 'Lead Delete',
		resource: 'lead',
		operation: 'delete',
		items: PER_ITEM,
		resends: true,
		start: leads,
		input: (env) => keyedInput(env),
		parameters: () => ({ leadId: '={{ $json.id }}' }),
		isWrite: (r) => is(r, 'DELETE', LEAD),
		itemsOf: (env, r) => itemAt(env, segment(r.path, 3)),
		effects: (env) => env.ids.map((id) => (env.sandbox.state.leads.has(Number(id)) ? 0 : 1)),
	}),
];
