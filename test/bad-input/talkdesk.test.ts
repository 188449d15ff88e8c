import { TALKDESK_CLIENT_SECRET } from '../sandbox/talkdesk';
import { contacts, e164, talkdeskEnv } from '../talkdesk/setup';
import type { TalkdeskTestEnv } from '../talkdesk/setup';
import { campaignOnly, describeMatrix, fromItem, locatorFromItem, row } from './matrix';
import type { BadInputCase, Form } from './matrix';

type F = Form<TalkdeskTestEnv>;

const campaignUrl = (id: string) => `https://acme.mytalkdesk.com/campaign-manager/campaigns/${id}`;

const appendRecord: F = {
	name: 'Record › Append',
	params: () => ({
		resource: 'record',
		operation: 'append',
		recordListId: locatorFromItem('list'),
		phone: fromItem('phone'),
		firstName: fromItem('first'),
		lastName: fromItem('last'),
		additionalFields: {
			priority: fromItem('priority'),
			timezone: fromItem('zone'),
			externalId: fromItem('externalId'),
			externalProvider: fromItem('provider'),
			otherPhones: { phone: [{ number: fromItem('other'), type: 'HOME' }] },
		},
		options: { defaultCountry: fromItem('country'), maxRetries: fromItem('retries') },
	}),
	item: (env, i) => ({
		...contacts(1, i)[0],
		retries: 3,
		list: env.listId,
		priority: 5,
		zone: 'America/New_York',
		externalId: `crm-${i}`,
		provider: 'salesforce',
		other: `(704) 705-${2000 + i}`,
		country: 'US',
	}),
	marker: e164,
};

const removeRecord: F = {
	name: 'Record › Remove (by external reference)',
	params: () => ({
		resource: 'record',
		operation: 'remove',
		recordListId: locatorFromItem('list'),
		removeBy: 'external',
		externalId: fromItem('externalId'),
		externalProvider: fromItem('provider'),
	}),
	item: (env, i) => ({ list: env.listId, externalId: `crm-${i}`, provider: 'salesforce' }),
	marker: (i) => `crm-${i}`,
};

const createCampaign: F = {
	name: 'Campaign › Create',
	params: () => ({
		resource: 'campaign',
		operation: 'create',
		name: fromItem('name'),
		priority: fromItem('priority'),
		maxAttempts: fromItem('attempts'),
		retryPeriod: fromItem('period'),
		callingHours: { rule: [{ from: fromItem('from'), to: fromItem('to'), weekDays: ['MONDAY', 'FRIDAY'] }] },
		options: { maxRingTime: fromItem('ring'), abandonmentTimeout: fromItem('abandon') },
	}),
	item: (_env, i) => ({
		name: `Renewals ${i}`,
		priority: 3,
		attempts: 3,
		period: 2,
		from: '09:00',
		to: '18:00',
		ring: 30,
		abandon: 5,
	}),
	marker: (i) => `Renewals ${i}`,
};

const updateCampaign: F = {
	name: 'Campaign › Update',
	params: () => ({
		resource: 'campaign',
		operation: 'update',
		campaignId: locatorFromItem('campaign'),
		updateFields: { priority: fromItem('priority') },
	}),
	item: (env, i) => ({ campaign: env.campaignId, priority: 2 + i }),
	marker: (i) => `"value":${2 + i}`,
};

const startCampaign = campaignOnly<TalkdeskTestEnv>(
	'Campaign › Start (by URL)',
	'campaign',
	'start',
	'url',
	(env) => campaignUrl(env.campaignId),
);

const attachList: F = {
	name: 'Campaign › Attach Record List',
	params: () => ({
		resource: 'campaign',
		operation: 'attachRecordList',
		campaignId: locatorFromItem('campaign'),
		recordListId: locatorFromItem('list'),
	}),
	item: (env) => ({ campaign: env.campaignId, list: env.listId }),
};

const addDncEntry: F = {
	name: 'Do-Not-Call Entry › Add',
	params: () => ({
		resource: 'dncEntry',
		operation: 'add',
		dncListId: locatorFromItem('dnc'),
		phone: fromItem('phone'),
		options: { expirationDate: fromItem('expires') },
	}),
	item: (env, i) => ({ ...contacts(1, i)[0], dnc: env.dncListId, expires: '2030-12-31' }),
	marker: e164,
};

const checkDnc: F = {
	name: 'Do-Not-Call Entry › Check',
	params: () => ({
		resource: 'dncEntry',
		operation: 'check',
		dncListId: locatorFromItem('dnc'),
		phone: fromItem('phone'),
	}),
	item: (env, i) => ({ ...contacts(1, i)[0], dnc: env.dncListId }),
	marker: e164,
};

const getRecords: F = {
	name: 'Record › Get Many',
	params: () => ({
		resource: 'record',
		operation: 'getMany',
		recordListId: locatorFromItem('list'),
		returnAll: false,
		limit: fromItem('limit'),
	}),
	item: (env, i) => {
		const now = new Date().toISOString();
		env.sandbox.state.recordLists.get(env.listId)!.records.push({
			id: `record-${i}`,
			phone_numbers: [{ phone_number: e164(i), phone_type: 'MOBILE' }],
			first_name: `Lead${i}`,
			last_name: `Family${i}`,
			created_at: now,
			updated_at: now,
		});
		return { list: env.listId, limit: 5 };
	},
	listOutput: true,
};

const PHONE_HINT = /Use a full number with country code \(e\.g\. \+14155550123\), or set "Default Country"/;
const RANGE = (min: number, max: number) => new RegExp(`Use a whole number from ${min} to ${max}`);
const TALKDESK_ID = /looks like 3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b/;

// One row per bad value: form, the bad item's fields, then field / problem / accepted.
// prettier-ignore
const CASES: Array<BadInputCase<TalkdeskTestEnv>> = [
	row(appendRecord, { phone: 'n/a' }, 'Phone', /"n\/a" is not a valid phone number/, PHONE_HINT),
	// A value holding letters n8n takes for a system error code (ENOENT): the message is still ours, not n8n's sentence.
	row(appendRecord, { phone: 'see Renoent' }, 'Phone', /^Item 2, field "Phone": "see Renoent" is not a valid phone number/, PHONE_HINT),
	row(appendRecord, { phone: '+44 20 7946 0958 ext 4', zone: 'Central Time', first: '' }, ['Phone', 'First Name', 'Time Zone'], /has an extension \(4\).*is empty.*is not an IANA time zone/, /without the extension.*Talkdesk requires it.*America\/New_York/),
	row(appendRecord, { phone: '+1 704' }, 'Phone', /"\+1 704" is not a valid phone number/, PHONE_HINT),
	row(appendRecord, { phone: '30 123 4567' }, 'Phone', /"30 123 4567" is not a valid phone number for US/, /now US/),
	row(appendRecord, { phone: '+1 704 705 8999;ext=12' }, 'Phone', /"\+1 704 705 8999;ext=12" has an extension \(12\), which cannot be dialled/, /direct number without the extension \(\+17047058999\)/),
	row(appendRecord, { phone: '020 7946 0958' }, 'Phone', /"020 7946 0958" is not a valid phone number for US/, /now US/),
	row(appendRecord, { other: '704-705-8998 x5' }, 'Other Phones 1', /has an extension \(5\)/, /without the extension/),
	row(appendRecord, { first: '' }, 'First Name', /is empty/, /Talkdesk requires it \(1 to 80 characters\)/),
	row(appendRecord, { last: 'X'.repeat(81) }, 'Last Name', /has 81 characters/, /Talkdesk accepts 1 to 80 characters/),
	row(appendRecord, { priority: 11 }, 'Priority', /"11" is not allowed/, RANGE(1, 10)),
	row(appendRecord, { zone: 'Central Time' }, 'Time Zone', /"Central Time" is not an IANA time zone/, /America\/New_York/),
	row(appendRecord, { provider: '' }, 'External Provider', /is empty/, /External ID and External Provider together/),
	row(appendRecord, { other: '704-705' }, 'Other Phones 1', /"704-705" is not a valid phone number for US/, PHONE_HINT),
	row(appendRecord, { list: 'list id 7' }, 'Record List', /"list id 7" is not a valid Talkdesk record list ID/, TALKDESK_ID),
	row(appendRecord, { country: 'Deutschland' }, 'Default Country', /"Deutschland" is not an ISO 3166-1 alpha-2 country code/, /two-letter code/, { runLevel: true }),
	row(appendRecord, { retries: 99 }, 'Max Retries', /"99" is not allowed/, /Use a whole number from 0 to 10/, { runLevel: true }),
	row(removeRecord, { externalId: ' ' }, 'External ID', /is empty/, /External ID and External Provider together/),
	row(createCampaign, { name: 'AB' }, 'Name', /"AB" has 2 characters/, /Talkdesk accepts 3 to 35 characters/),
	row(createCampaign, { priority: 0 }, 'Priority', /"0" is not allowed/, RANGE(1, 10)),
	row(createCampaign, { attempts: 101 }, 'Max Attempts', /"101" is not allowed/, RANGE(1, 100)),
	row(createCampaign, { period: 2_592_001 }, 'Retry Period', /"2592001" is not allowed/, RANGE(1, 2_592_000)),
	row(createCampaign, { ring: 5 }, 'Max Ring Time (Seconds)', /"5" is not allowed/, RANGE(6, 120)),
	row(createCampaign, { abandon: 31 }, 'Abandonment Timeout (Seconds)', /"31" is not allowed/, RANGE(2, 30)),
	row(createCampaign, { from: '9am' }, 'Calling Hours 1 › From', /"9am" is not a time of day/, /Use 24-hour HH:MM/),
	row(createCampaign, { to: '18:60' }, 'Calling Hours 1 › To', /"18:60" is not a time of day/, /Use 24-hour HH:MM/),
	row(updateCampaign, { priority: 10.5 }, 'Priority', /"10\.5" is not allowed/, RANGE(1, 10)),
	row(updateCampaign, { campaign: '3f2c1e9a/5b7d' }, 'Campaign', /"3f2c1e9a\/5b7d" is not a valid Talkdesk campaign ID/, TALKDESK_ID),
	row(startCampaign, { campaign: 'https://app.whattalk.ai/campaigns/1050' }, 'Campaign', /"https:\/\/app\.whattalk\.ai\/campaigns\/1050" is not a Talkdesk campaign URL/, /Paste the URL of the campaign page, like https:\/\/acme\.mytalkdesk\.com\//),
	row(attachList, { list: 'Spring leads' }, 'Record List', /"Spring leads" is not a valid Talkdesk record list ID/, TALKDESK_ID),
	row(addDncEntry, { expires: '31/12/2030' }, 'Expiration Date', /"31\/12\/2030" is not an ISO 8601 date/, /Use a date such as 2025-03-01/),
	row(addDncEntry, { phone: '1-800-FLOWERS-NOW' }, 'Phone', /"1-800-FLOWERS-NOW" is not a valid phone number/, PHONE_HINT),
	row(checkDnc, { phone: 'twelve' }, 'Phone', /"twelve" is not a valid phone number/, PHONE_HINT),
	row(checkDnc, { phone: '704 705 8997 ext 1' }, 'Phone', /has an extension \(1\)/, /without the extension/),
	row(addDncEntry, { phone: '+1 (704) 705-8996 x9' }, 'Phone', /has an extension \(9\)/, /without the extension/),
	row(getRecords, { limit: -1 }, 'Limit', /"-1" is not allowed/, /Use a whole number 1 or more/),
];

/** The client secret, and the access token once one was fetched. */
const secrets = (env: TalkdeskTestEnv) => [TALKDESK_CLIENT_SECRET, String(env.stored().accessToken ?? '')];

describeMatrix('Talkdesk', () => talkdeskEnv(), secrets, CASES);
