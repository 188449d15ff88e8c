import { objectId } from '../sandbox/taalk';
import { TAALK_KEY, leads, nationalPhone, taalkEnv } from '../taalk/setup';
import type { TaalkTestEnv } from '../taalk/setup';
import { campaignOnly, describeMatrix, fromItem, locatorFromItem, row } from './matrix';
import type { BadInputCase, Form } from './matrix';

type F = Form<TaalkTestEnv>;

const consoleUrl = (id: string) => `https://lets.taalk.ai/console/campaign2s/${id}`;

/** A contact of the test campaign, added straight into the sandbox. */
function seedContact(env: TaalkTestEnv, i: number): string {
	const _id = objectId();
	env.sandbox.state.campaigns
		.get(env.campaignId)!
		.contacts.push({ _id, name: `Lead${i}`, phone: nationalPhone(i) });
	return _id;
}

const append: F = {
	name: 'Contact › Append',
	params: () => ({
		resource: 'contact',
		operation: 'append',
		campaignId: locatorFromItem('campaign'),
		name: fromItem('first'),
		lastName: fromItem('last'),
		phone: fromItem('phone'),
		customFields: { field: [{ name: fromItem('fieldName'), value: fromItem('city') }] },
		options: { defaultCountry: fromItem('country') },
	}),
	item: (env, i) => ({ ...leads(1, i)[0], campaign: env.campaignId, fieldName: 'City', country: 'US' }),
	marker: nationalPhone,
};

const updateById: F = {
	name: 'Contact › Update (by contact ID)',
	params: () => ({
		resource: 'contact',
		operation: 'update',
		campaignId: locatorFromItem('campaign'),
		contactBy: 'contactId',
		contactId: fromItem('contact'),
		updateFields: { success: true },
		options: { maxRetries: fromItem('retries') },
	}),
	item: (env, i) => ({ campaign: env.campaignId, contact: seedContact(env, i), retries: 2 }),
};

const removeByPhone: F = {
	name: 'Contact › Remove (by phone)',
	params: () => ({
		resource: 'contact',
		operation: 'remove',
		campaignId: locatorFromItem('campaign'),
		contactBy: 'phone',
		phone: fromItem('phone'),
	}),
	item: (env, i) => {
		seedContact(env, i);
		return { campaign: env.campaignId, phone: nationalPhone(i) };
	},
	marker: nationalPhone,
};

const placeCall: F = {
	name: 'Call › Place Call',
	params: () => ({
		resource: 'call',
		operation: 'place',
		name: fromItem('first'),
		phone: fromItem('phone'),
		additionalFields: { from: fromItem('from'), campaign: fromItem('campaign'), params: fromItem('params') },
	}),
	item: (env, i) => ({
		...leads(1, i)[0],
		from: '+17045550100',
		campaign: env.campaignId,
		params: '{"plan":"gold"}',
	}),
	marker: nationalPhone,
};

const getCall: F = {
	name: 'Call › Get',
	params: () => ({ resource: 'call', operation: 'get', callId: fromItem('call') }),
	item: (env, i) => {
		const _id = objectId();
		env.sandbox.state.calls.set(_id, {
			_id,
			status: 'completed',
			amd: 'human',
			createdAt: new Date().toISOString(),
			messages: [],
			summary: null,
			name: `Lead${i}`,
			phone: nationalPhone(i),
			recording: 'none',
		});
		return { call: _id };
	},
};

const dialingRate: F = {
	name: 'Campaign › Set Dialing Rate (by URL)',
	params: () => ({
		resource: 'campaign',
		operation: 'setDialingRate',
		campaignId: locatorFromItem('campaign', 'url'),
		limitPerHour: fromItem('rate'),
	}),
	item: (env, i) => ({ campaign: consoleUrl(env.campaignId), rate: 60 + i }),
	marker: (i) => `"limitPerHour":${60 + i}`,
};

const getCampaign = campaignOnly<TaalkTestEnv>(
	'Campaign › Get (by ID)',
	'campaign',
	'get',
	'id',
	(env) => env.campaignId,
);

const PHONE_HINT = /Use a full number with country code \(e\.g\. \+14155550123\), or set "Default Country"/;

// One row per bad value: form, the bad item's fields, then field / problem / accepted.
// prettier-ignore
const CASES: Array<BadInputCase<TaalkTestEnv>> = [
	row(append, { phone: 'call me maybe' }, 'Phone', /"call me maybe" is not a valid phone number/, PHONE_HINT),
	// A value holding letters n8n takes for a system error code (EPERM): the message is still ours, not n8n's sentence.
	row(append, { phone: 'ask Keeperman' }, 'Phone', /^Item 2, field "Phone": "ask Keeperman" is not a valid phone number/, PHONE_HINT),
	row(append, { phone: '555-12' }, 'Phone', /"555-12" is not a valid phone number for US/, PHONE_HINT),
	row(append, { phone: '020 7946 0958' }, 'Phone', /"020 7946 0958" is not a valid phone number for US/, /now US/),
	row(append, { phone: '' }, 'Phone', /is empty/, /Map a phone number to it, e\.g\. \+14155550123/),
	// Other countries' numbers: their national digits are valid US numbers, so sent as National Digits they would
	// ring strangers. They fail, naming their country and the fix.
	row(append, { phone: '+44 20 7946 0958' }, 'Phone', /"\+44 20 7946 0958" is a number of United Kingdom \(\+44\), but the National Digits format carries only numbers of United States \(\+1\)/, /Set Phone Format to E\.164 to send it with its country code \(\+442079460958\), or set Default Country to GB/),
	row(append, { phone: '+90 212 555 1234' }, 'Phone', /"\+90 212 555 1234" is a number of Türkiye \(\+90\)/, /Phone Format to E\.164 .*\(\+902125551234\).*Default Country to TR/),
	row(append, { phone: '011 52 55 1234 5678' }, 'Phone', /is a number of Mexico \(\+52\)/, /Default Country to MX/),
	row(append, { phone: '(704) 555-1002 ext 12' }, 'Phone', /"\(704\) 555-1002 ext 12" has an extension \(12\), which cannot be dialled/, /direct number without the extension \(\+17045551002\)/),
	row(append, { phone: '+44 20 7946 0958', first: '', fieldName: 'taalk_city' }, ['First Name', 'Phone', 'Custom Fields'], /is empty.*is a number of United Kingdom.*wrong case/, /Map the contact's first name.*Phone Format to E\.164.*Write it as "Taalk_city"/),
	row(append, { first: '  ' }, 'First Name', /is empty/, /Map the contact's first name; Taalk requires it/),
	row(append, { fieldName: 'taalk_city' }, 'Custom Fields', /"taalk_city" has the Taalk_ prefix in the wrong case/, /Write it as "Taalk_city"/),
	row(append, { fieldName: 'TAALK_City' }, 'Custom Fields', /"TAALK_City" has the Taalk_ prefix in the wrong case/, /Write it as "Taalk_City", or just "City"/),
	row(append, { fieldName: 'Taalk_' }, 'Custom Fields', /"Taalk_" has no name after the prefix/, /Use a name like Taalk_City/),
	row(append, { fieldName: 'home city' }, 'Custom Fields', /"home city" is not a usable field name/, /letters, digits, - and _ only/),
	row(append, { campaign: 'camp_01j9z3k7m2x4p8q6r5s0t1v2w3' }, 'Campaign', /"camp_01j9z3k7m2x4p8q6r5s0t1v2w3" is not a valid Taalk campaign ID/, /looks like 6791043299aeedfec27f85d5/),
	row(append, { country: 'USA' }, 'Default Country', /"USA" is not an ISO 3166-1 alpha-2 country code/, /two-letter code such as US/, { runLevel: true }),
	row(removeByPhone, { phone: '+44 20 7946 0958' }, 'Phone', /is a number of United Kingdom \(\+44\)/, /Default Country to GB/),
	row(removeByPhone, { phone: '7045551002 x3' }, 'Phone', /has an extension \(3\)/, /without the extension/),
	row(updateById, { contact: '12345' }, 'Contact ID', /"12345" is not a Taalk contact ID/, /24 hexadecimal characters/),
	row(updateById, { retries: 11 }, 'Max Retries', /"11" is not allowed/, /Use a whole number from 0 to 10/),
	row(placeCall, { params: '{"plan": gold}' }, 'Parameters (JSON)', /"\{"plan": gold\}" is not valid JSON/, /Enter a JSON object, e\.g\. \{"key": "value"\}/),
	row(placeCall, { params: '["gold"]' }, 'Parameters (JSON)', /"\[\\?"gold\\?"\]" is not a JSON object/, /Enter a JSON object/),
	row(placeCall, { from: '704-555-0100' }, 'Caller ID', /"704-555-0100" is not written as \+1 and 10 digits/, /caller IDs like \+17045550123/),
	row(placeCall, { campaign: '1050' }, 'Campaign ID', /"1050" is not a Taalk campaign ID/, /looks like 6791043299aeedfec27f85d5/),
	row(placeCall, { first: '' }, 'First Name', /is empty/, /Map the name of the person to call/),
	row(placeCall, { phone: '+90 212 555 1234' }, 'Phone', /is a number of Türkiye \(\+90\)/, /Default Country to TR/),
	row(placeCall, { phone: '704.555.1003 x7' }, 'Phone', /has an extension \(7\)/, /without the extension/),
	row(placeCall, { first: '', from: '704-555-0100' }, ['First Name', 'Caller ID'], /is empty.*is not written as \+1 and 10 digits/, /Map the name.*caller IDs like/),
	row(getCall, { call: 'call-42' }, 'Call ID', /"call-42" is not a Taalk call ID/, /24 hexadecimal characters/),
	row(dialingRate, { campaign: 'https://app.whattalk.ai/campaigns/1050' }, 'Campaign', /"https:\/\/app\.whattalk\.ai\/campaigns\/1050" is not a Taalk campaign URL/, /like https:\/\/lets\.taalk\.ai\/console\/campaign2s\//),
	row(dialingRate, { rate: -5 }, 'Calls per Hour', /"-5" is not a whole number of 0 or more/, /Use 0 to pause, or e\.g\. 60/),
	row(dialingRate, { rate: 7.5 }, 'Calls per Hour', /"7\.5" is not a whole number/, /Use 0 to pause/),
	row(getCampaign, { campaign: '6791043299aeedfec27f85d' }, 'Campaign', /"6791043299aeedfec27f85d" is not a valid Taalk campaign ID/, /looks like 6791043299aeedfec27f85d5/),
];

describeMatrix(
	'Taalk',
	() => taalkEnv(),
	() => [TAALK_KEY],
	CASES,
);
