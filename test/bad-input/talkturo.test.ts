import { F as FIXTURES, TALKTURO_KEY, e164Of, people, talkturoEnv } from '../talkturo/setup';
import type { TalkturoTestEnv } from '../talkturo/setup';
import { campaignOnly, describeMatrix, fromItem, locatorFromItem, row } from './matrix';
import type { BadInputCase, Form } from './matrix';

type F = Form<TalkturoTestEnv>;

/** One campaign per sandbox, made on first use. */
const campaigns = new WeakMap<TalkturoTestEnv, string>();
function campaignOf(env: TalkturoTestEnv): string {
	if (!campaigns.has(env)) campaigns.set(env, env.sandbox.addCampaign({ name: 'Spring follow-up' }).id);
	return campaigns.get(env)!;
}

const seedContact = (env: TalkturoTestEnv, i: number) =>
	env.sandbox.addContact({ firstName: `Person${i}`, phone: e164Of(i) }).id;

const createCampaign: F = {
	name: 'Campaign › Create',
	params: () => ({
		resource: 'campaign',
		operation: 'create',
		assistantId: fromItem('assistant'),
		companyId: fromItem('company'),
		fromNumberIds: fromItem('numbers'),
		name: fromItem('name'),
		additionalFields: {
			callWindowStart: fromItem('start'),
			callWindowEnd: fromItem('end'),
			callWindowTimezone: fromItem('zone'),
			maxConcurrentCalls: fromItem('concurrent'),
			maxAttemptsPerContact: fromItem('attempts'),
			retryDelayMinutes: fromItem('retryDelay'),
			scheduledStartAt: fromItem('startAt'),
			settings: fromItem('settings'),
		},
	}),
	item: (_env, i) => ({
		assistant: FIXTURES.assistants.qualifier.id,
		company: FIXTURES.company.id,
		numbers: [FIXTURES.numbers.main.id],
		name: `Trade show ${i}`,
		start: '09:00',
		end: '17:00',
		zone: 'America/New_York',
		concurrent: 5,
		attempts: 3,
		retryDelay: 60,
		startAt: '2030-03-01T09:00:00Z',
		settings: '{"voicemail":"hang-up"}',
	}),
	marker: (i) => `Trade show ${i}`,
};

const updateCampaign: F = {
	name: 'Campaign › Update',
	params: () => ({
		resource: 'campaign',
		operation: 'update',
		campaignId: locatorFromItem('campaign'),
		updateFields: { retryDelayMinutes: fromItem('retryDelay') },
	}),
	item: (env, i) => ({ campaign: campaignOf(env), retryDelay: 30 + i }),
	marker: (i) => `"retryDelayMinutes":${30 + i}`,
};

const createContact: F = {
	name: 'Contact › Create',
	params: () => ({
		resource: 'contact',
		operation: 'create',
		firstName: fromItem('first'),
		lastName: fromItem('last'),
		phone: fromItem('phone'),
		additionalFields: {
			email: fromItem('email'),
			timezone: fromItem('zone'),
			phoneSecondary: fromItem('other'),
		},
		options: { maxRetries: fromItem('retries') },
	}),
	item: (_env, i) => ({
		...people(1, i)[0],
		zone: 'America/Chicago',
		other: `(202) 555-${2000 + i}`,
		retries: 1,
	}),
	marker: e164Of,
};

const upsertEnrol: F = {
	name: 'Contact › Upsert and Enrol',
	params: () => ({
		resource: 'contact',
		operation: 'upsertEnrol',
		campaignId: locatorFromItem('campaign'),
		phone: fromItem('phone'),
		firstName: fromItem('first'),
	}),
	item: (env, i) => ({ ...people(1, i)[0], campaign: campaignOf(env) }),
	marker: e164Of,
};

const addContacts: F = {
	name: 'Campaign › Add Contacts',
	params: () => ({
		resource: 'campaign',
		operation: 'addContacts',
		campaignId: locatorFromItem('campaign'),
		contactId: fromItem('contact'),
	}),
	item: (env, i) => ({ campaign: campaignOf(env), contact: seedContact(env, i) }),
};

const getContact: F = {
	name: 'Contact › Get',
	params: () => ({ resource: 'contact', operation: 'get', contactId: fromItem('contact') }),
	item: (env, i) => ({ contact: seedContact(env, i) }),
};

/** Each item pauses its own running campaign. */
const pauseCampaign = campaignOnly<TalkturoTestEnv>(
	'Campaign › Pause',
	'campaign',
	'pause',
	'id',
	(env) => env.sandbox.addCampaign({ status: 'running' }).id,
);

const getContacts: F = {
	name: 'Contact › Get Many',
	params: () => ({ resource: 'contact', operation: 'getMany', returnAll: false, limit: fromItem('limit') }),
	item: (env, i) => {
		seedContact(env, i);
		return { limit: 2 };
	},
	listOutput: true,
};

const HHMM = /Use 24-hour HH:MM between 00:00 and 23:59, e\.g\. 09:00 or 17:30/;
const ZONE = /Use a zone name such as America\/New_York, Europe\/London or UTC/;
const ISO = /Use a date such as 2025-03-01 or a date-time such as 2025-03-01T09:00:00Z/;
const RANGE = (min: number, max: number) => new RegExp(`Use a whole number from ${min} to ${max}`);
const PHONE_HINT = /Use a full number with country code \(e\.g\. \+14155550123\), or set "Default Country"/;
const ID_HINT = /Talkturo IDs are letters, digits, _ and -/;

// One row per bad value: form, the bad item's fields, then field / problem / accepted.
// prettier-ignore
const CASES: Array<BadInputCase<TalkturoTestEnv>> = [
	row(createCampaign, { start: '25:00' }, 'Call Window Start', /"25:00" is not a time of day/, HHMM),
	row(createCampaign, { end: '5pm' }, 'Call Window End', /"5pm" is not a time of day/, HHMM),
	row(createCampaign, { end: '09:00' }, 'Call Window End', /is the same as Call Window Start \(09:00\)/, /Use an end time after the start/),
	row(createCampaign, { zone: 'Eastern Time' }, 'Call Window Time Zone', /"Eastern Time" is not an IANA time zone/, ZONE),
	row(createCampaign, { zone: '+02:00' }, 'Call Window Time Zone', /"\+02:00" is not an IANA time zone/, ZONE),
	row(createCampaign, { startAt: '2030-02-30' }, 'Scheduled Start', /"2030-02-30" is not an ISO 8601 date/, ISO),
	row(createCampaign, { startAt: '03/01/2030 9am' }, 'Scheduled Start', /"03\/01\/2030 9am" is not an ISO 8601 date/, ISO),
	row(createCampaign, { concurrent: 0 }, 'Max Concurrent Calls', /"0" is not allowed/, RANGE(1, 1000)),
	row(createCampaign, { attempts: 101 }, 'Max Attempts per Contact', /"101" is not allowed/, RANGE(1, 100)),
	row(createCampaign, { retryDelay: 2.5 }, 'Retry Delay (Minutes)', /"2\.5" is not allowed/, RANGE(1, 525600)),
	row(createCampaign, { settings: '{voicemail: hang-up}' }, 'Settings (JSON)', /"\{voicemail: hang-up\}" is not valid JSON/, /Enter a JSON object, e\.g\. \{"key": "value"\}/),
	row(createCampaign, { settings: '"hang-up"' }, 'Settings (JSON)', /is not a JSON object/, /Enter a JSON object/),
	row(createCampaign, { name: '' }, 'Name', /is empty/, /Talkturo needs it to create a campaign/),
	row(createCampaign, { assistant: 'Lead Qualifier' }, 'Assistant', /"Lead Qualifier" is not a Talkturo ID/, ID_HINT),
	row(createCampaign, { numbers: ['pn_01', 'pn 02'] }, 'Caller ID Numbers', /"pn 02" is not a Talkturo ID/, ID_HINT),
	row(updateCampaign, { campaign: 'https://app.talkturo.com/crm/campaigns/camp_01' }, 'Campaign', /is not a valid Talkturo campaign ID/, /looks like camp_01j9z3k7m2x4p8q6r5s0t1v2w3/),
	row(updateCampaign, { retryDelay: 525601 }, 'Retry Delay (Minutes)', /"525601" is not allowed/, RANGE(1, 525600)),
	row(createContact, { phone: '202-555' }, 'Phone', /"202-555" is not a valid phone number for US/, PHONE_HINT),
	// A value holding letters n8n takes for a system error code (EEXIST): the message is still ours, not n8n's sentence.
	row(createContact, { phone: 'Freexist Ltd' }, 'Phone', /^Item 2, field "Phone": "Freexist Ltd" is not a valid phone number/, PHONE_HINT),
	row(createContact, { phone: '+90 212 555 1234 x1', zone: 'Central Time' }, ['Phone', 'Time Zone'], /has an extension \(1\).*"Central Time" is not an IANA time zone/, /without the extension.*America\/New_York/),
	row(createContact, { phone: '(202) 555-0199 ext 45' }, 'Phone', /"\(202\) 555-0199 ext 45" has an extension \(45\), which cannot be dialled/, /direct number without the extension \(\+12025550199\)/),
	row(createContact, { other: '202 555 0198 x2' }, 'Secondary Phone', /has an extension \(2\)/, /without the extension/),
	row(upsertEnrol, { phone: '0212 555 12 34' }, 'Phone', /"0212 555 12 34" is not a valid phone number for US/, /now US/),
	row(upsertEnrol, { phone: '+90 212 555 1234 ext 9' }, 'Phone', /has an extension \(9\)/, /without the extension \(\+902125551234\)/),
	row(createContact, { other: '+1 202 555 01234' }, 'Secondary Phone', /"\+1 202 555 01234" is not a valid phone number/, PHONE_HINT),
	row(createContact, { phone: '', first: '', last: '', email: '' }, 'Phone', /is empty, and so are the name and email/, /at least a phone, an email or a name/),
	row(createContact, { email: 'ada@' }, 'Email', /"ada@" is not an email address/, /like name@example\.com/),
	row(createContact, { zone: 'Mars/Olympus_Mons' }, 'Time Zone', /"Mars\/Olympus_Mons" is not an IANA time zone/, ZONE),
	row(createContact, { retries: 'three' }, 'Max Retries', /"three" is not allowed/, /Use a whole number from 0 to 10/),
	row(upsertEnrol, { phone: '' }, 'Phone', /is empty/, /Map a phone number to it/),
	row(upsertEnrol, { phone: '07911 123456' }, 'Phone', /"07911 123456" is not a valid phone number for US/, /now US/),
	row(addContacts, { contact: 'cont 01' }, 'Contact ID', /"cont 01" is not a Talkturo ID/, ID_HINT),
	row(getContact, { contact: '' }, 'Contact ID', /is empty/, /Map a Talkturo ID to it, e\.g\. cont_01j9z3k7m2x4p8q6r5s0t1v2w3/),
	row(pauseCampaign, { campaign: '' }, 'Campaign', /is empty/, /Pick a campaign from the list or enter its ID/),
	row(getContacts, { limit: 0 }, 'Limit', /"0" is not allowed/, /Use a whole number 1 or more/),
];

describeMatrix(
	'Talkturo',
	() => talkturoEnv(),
	() => [TALKTURO_KEY],
	CASES,
);
