import { WHATTALK_KEY, e164, leads, whatTalkEnv } from '../whattalk/setup';
import type { WhatTalkTestEnv } from '../whattalk/setup';
import { campaignOnly, describeMatrix, fromItem, locatorFromItem, row } from './matrix';
import type { BadInputCase, Form } from './matrix';

type F = Form<WhatTalkTestEnv>;

const dashboardUrl = (id: number) => `https://app.whattalk.ai/campaigns/${id}`;

/** A lead of the test campaign, added straight into the sandbox. */
const seedLead = (env: WhatTalkTestEnv, i: number) =>
	env.sandbox.addLead({ campaign_id: env.campaignId, phone_number: e164(i) }).id;

const addLead: F = {
	name: 'Lead › Add (campaign by URL)',
	params: () => ({
		resource: 'lead',
		operation: 'add',
		campaignId: locatorFromItem('campaign', 'url'),
		phone: fromItem('phone'),
		variables: { field: [{ name: fromItem('variable'), value: fromItem('name') }] },
		secondaryContacts: { contact: [{ phone: fromItem('other'), variables: fromItem('otherVariables') }] },
		options: { concurrency: fromItem('concurrency'), defaultCountry: fromItem('country') },
	}),
	item: (env, i) => ({
		...leads(1, i)[0],
		campaign: dashboardUrl(env.campaignId),
		variable: 'customer_name',
		other: `(415) 555-${2000 + i}`,
		otherVariables: '{"slot":"morning"}',
		concurrency: 2,
		country: 'US',
	}),
	marker: e164,
};

const addLeadById: F = {
	...addLead,
	name: 'Lead › Add (campaign by ID)',
	params: (env) => ({ ...addLead.params(env), campaignId: locatorFromItem('campaign') }),
	item: (env, i) => ({ ...addLead.item(env, i), campaign: String(env.campaignId) }),
};

const createCampaign: F = {
	name: 'Campaign › Create',
	params: () => ({
		resource: 'campaign',
		operation: 'create',
		name: fromItem('name'),
		assistantId: fromItem('assistant'),
		timezone: fromItem('zone'),
		allowedHoursStart: fromItem('start'),
		allowedHoursEnd: fromItem('end'),
		maxRetries: fromItem('retries'),
		retryInterval: fromItem('interval'),
		maxCallsInParallel: fromItem('parallel'),
	}),
	item: (env, i) => ({
		name: `Renewals ${i}`,
		assistant: env.outboundId,
		zone: 'Europe/Istanbul',
		start: '09:00',
		end: '17:30',
		retries: 3,
		interval: 60,
		parallel: 3,
	}),
	marker: (i) => `Renewals ${i}`,
};

const updateLead: F = {
	name: 'Lead › Update',
	params: () => ({
		resource: 'lead',
		operation: 'update',
		leadId: fromItem('lead'),
		updateFields: { phone: fromItem('phone'), status: 'completed' },
	}),
	item: (env, i) => ({ lead: seedLead(env, i), phone: `(415) 555-${3000 + i}` }),
	marker: (i) => `+1415555${3000 + i}`,
};

const deleteLead: F = {
	name: 'Lead › Delete',
	params: () => ({
		resource: 'lead',
		operation: 'delete',
		leadId: fromItem('lead'),
		options: { timeout: fromItem('timeout') },
	}),
	item: (env, i) => ({ lead: seedLead(env, i), timeout: 5000 }),
};

const startCampaign = campaignOnly<WhatTalkTestEnv>(
	'Campaign › Start (by URL)',
	'campaign',
	'start',
	'url',
	(env) => dashboardUrl(env.campaignId),
);

const getLeads: F = {
	name: 'Lead › Get Many',
	params: () => ({
		resource: 'lead',
		operation: 'getMany',
		returnAll: true,
		filters: { dateFrom: fromItem('from') },
	}),
	item: (env, i) => {
		seedLead(env, i);
		return { from: '2020-01-01' };
	},
	listOutput: true,
};

const PHONE_HINT = /Use a full number with country code \(e\.g\. \+14155550123\), or set "Default Country"/;
const RANGE = (min: number, max: number) => new RegExp(`Use a whole number from ${min} to ${max}`);

// One row per bad value: form, the bad item's fields, then field / problem / accepted.
// prettier-ignore
const CASES: Array<BadInputCase<WhatTalkTestEnv>> = [
	row(addLead, { phone: '12' }, 'Phone Number', /"12" is not a valid phone number for US/, PHONE_HINT),
	// A value holding letters n8n takes for a system error code (EACCES): the message is still ours, not n8n's sentence.
	row(addLead, { phone: 'Teaccess desk' }, 'Phone Number', /^Item 2, field "Phone Number": "Teaccess desk" is not a valid phone number/, PHONE_HINT),
	row(addLead, { phone: '+44 20 7946 095' }, 'Phone Number', /"\+44 20 7946 095" is not a valid phone number for its country code/, PHONE_HINT),
	row(addLead, { phone: null }, 'Phone Number', /is empty/, /Map a phone number to it/),
	row(addLead, { phone: '415 555 0145 x2', campaign: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5' }, ['Campaign', 'Phone Number'], /is not a WhatTalk campaign URL.*has an extension \(2\)/, /app\.whattalk\.ai\/campaigns.*without the extension/),
	// Real-world input: an extension, and another country's number written the way its own people write it.
	row(addLead, { phone: '+1 415 555 0142 ext. 7' }, 'Phone Number', /"\+1 415 555 0142 ext\. 7" has an extension \(7\), which cannot be dialled/, /direct number without the extension \(\+14155550142\)/),
	row(addLead, { phone: '020 7946 0958' }, 'Phone Number', /"020 7946 0958" is not a valid phone number for US/, /now US/),
	row(addLead, { other: '(415) 555-0143 x21' }, 'Secondary Contacts › Phone Number', /has an extension \(21\)/, /without the extension/),
	row(updateLead, { phone: '415.555.0144 #3' }, 'Phone Number', /has an extension \(3\)/, /without the extension/),
	row(addLead, { other: 'ext. 12' }, 'Secondary Contacts › Phone Number', /"ext\. 12" is not a valid phone number/, PHONE_HINT),
	row(addLead, { otherVariables: "{slot: 'morning'}" }, 'Secondary Contacts › Variables (JSON)', /"\{slot: 'morning'\}" is not valid JSON/, /Enter a JSON object/),
	row(addLead, { variable: '' }, 'Variables', /entry 1 has no name/, /Give every entry a name, or remove it/),
	row(addLead, { campaign: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5' }, 'Campaign', /"https:\/\/lets\.taalk\.ai\/console\/campaign2s\/6791043299aeedfe\.\.\." is not a WhatTalk campaign URL/, /like https:\/\/app\.whattalk\.ai\/campaigns\/1050/),
	row(addLeadById, { campaign: 'camp-1050' }, 'Campaign', /"camp-1050" is not a valid WhatTalk campaign ID/, /looks like 1050/),
	row(addLead, { concurrency: 0 }, 'Concurrent Requests', /"0" is not allowed/, RANGE(1, 10), { runLevel: true }),
	row(addLead, { country: 'UK' }, 'Default Country', /"UK" is not an ISO 3166-1 alpha-2 country code/, /two-letter code such as US, GB/, { runLevel: true }),
	row(createCampaign, { retries: 6 }, 'Max Call Retries', /"6" is not allowed/, RANGE(1, 5)),
	row(createCampaign, { interval: 5 }, 'Retry Interval (Minutes)', /"5" is not allowed/, RANGE(10, 4320)),
	row(createCampaign, { parallel: 11 }, 'Calls in Parallel', /"11" is not allowed/, RANGE(1, 10)),
	row(createCampaign, { start: '9.30' }, 'Allowed Hours Start', /"9\.30" is not a time of day/, /Use 24-hour HH:MM between 00:00 and 23:59/),
	row(createCampaign, { end: '24:00' }, 'Allowed Hours End', /"24:00" is not a time of day/, /Use 24-hour HH:MM/),
	row(createCampaign, { zone: 'Europe/Atlantis' }, 'Time Zone', /"Europe\/Atlantis" is not an IANA time zone/, /zone name such as America\/New_York/),
	row(createCampaign, { name: '' }, 'Name', /is empty/, /Give the campaign a name/),
	row(createCampaign, { assistant: 'Renewals caller' }, 'Assistant', /"Renewals caller" is not a WhatTalk ID/, /whole numbers, e\.g\. 42/),
	row(updateLead, { lead: 'L-52311' }, 'Lead ID', /"L-52311" is not a WhatTalk ID/, /whole numbers, e\.g\. 52311/),
	row(updateLead, { phone: '(415) 555' }, 'Phone Number', /"\(415\) 555" is not a valid phone number for US/, PHONE_HINT),
	row(deleteLead, { lead: -3 }, 'Lead ID', /"-3" is not a WhatTalk ID/, /whole numbers/),
	row(deleteLead, { timeout: 0 }, 'Timeout (Ms)', /"0" is not allowed/, /Use a whole number 1000 or more/),
	row(startCampaign, { campaign: 'https://acme.mytalkdesk.com/campaign-manager/campaigns/1050' }, 'Campaign', /is not a WhatTalk campaign URL/, /like https:\/\/app\.whattalk\.ai\/campaigns\/1050/),
	row(getLeads, { from: '2025-13-01' }, 'Created After', /"2025-13-01" is not an ISO 8601 date/, /such as 2025-03-01 or a date-time such as 2025-03-01T09:00:00Z/),
];

describeMatrix(
	'WhatTalk',
	() => whatTalkEnv(),
	() => [WHATTALK_KEY],
	CASES,
);
