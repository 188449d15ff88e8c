import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { loadedMultiOptionsField, loadedOptionsField } from '../../../common/nodeDescription';
import { rangeLimits } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { parseJsonObject } from '../../../common/json';
import { checkIsoDate, checkRange, checkTime, checkTimeZone } from '../../../common/validate';
import type { IntRange } from '../../../common/validate';
import { checkId, checkIdList } from '../shared';

/** Talkturo's number ranges: the editor's limits and the checks before sending. */
const RANGES = {
	maxAttemptsPerContact: { min: 1, max: 100 },
	maxConcurrentCalls: { min: 1, max: 1000 },
	retryDelayMinutes: { min: 1, max: 525600 },
} satisfies Record<string, IntRange>;

export const assistantField = loadedOptionsField(
	'Assistant',
	'assistantId',
	'getAssistants',
	'The outbound AI assistant that places the calls',
);

export const companyField = loadedOptionsField(
	'Company',
	'companyId',
	'getCompanies',
	'The Talkturo company the campaign belongs to',
	{
		hint: 'The company list needs a newer Talkturo version; on older ones enter the company ID as an expression',
	},
);

export const fromNumbersField = loadedMultiOptionsField(
	'Caller ID Number',
	'fromNumberIds',
	'getPhoneNumbers',
	"The team's phone numbers to call from; Talkturo rotates across them",
);

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Q1 Trade Show Follow-Up',
	description: 'The campaign name shown in Talkturo',
};

/** Campaign settings every create/update may set, alphabetical. */
export const campaignSettingFields: INodeProperties[] = [
	{
		displayName: 'Call Window End',
		name: 'callWindowEnd',
		type: 'string',
		default: '',
		placeholder: '17:00',
		description: 'End of the daily calling window, 24-hour HH:MM, in the Call Window Time Zone',
	},
	{
		displayName: 'Call Window Start',
		name: 'callWindowStart',
		type: 'string',
		default: '',
		placeholder: '09:00',
		description: 'Start of the daily calling window, 24-hour HH:MM; calls only go out inside the window',
	},
	{
		displayName: 'Call Window Time Zone',
		name: 'callWindowTimezone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		description: 'IANA time zone of the call window, e.g. America/New_York or Europe/London',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: "The campaign's purpose",
	},
	{
		displayName: 'Max Attempts per Contact',
		name: 'maxAttemptsPerContact',
		type: 'number',
		typeOptions: rangeLimits(RANGES.maxAttemptsPerContact),
		default: 3,
		description: 'How many times Talkturo calls a contact who does not answer (Talkturo default 3)',
	},
	{
		displayName: 'Max Concurrent Calls',
		name: 'maxConcurrentCalls',
		type: 'number',
		typeOptions: rangeLimits(RANGES.maxConcurrentCalls),
		default: 3,
		description: 'How many calls run at the same time (Talkturo default 3)',
	},
	{
		displayName: 'Retry Delay (Minutes)',
		name: 'retryDelayMinutes',
		type: 'number',
		typeOptions: rangeLimits(RANGES.retryDelayMinutes),
		default: 60,
		description: 'Minutes before an unanswered contact is called again (Talkturo default 60)',
	},
	{
		displayName: 'Scheduled Start',
		name: 'scheduledStartAt',
		type: 'dateTime',
		default: '',
		description:
			'When Talkturo starts the campaign by itself (the campaign becomes "scheduled"). Leave empty to start it with Run.',
	},
	{
		displayName: 'Settings (JSON)',
		name: 'settings',
		type: 'json',
		default: '{}',
		description: 'Additional Talkturo campaign settings, as a JSON object',
	},
];

const ASSISTANT_EXAMPLE = 'asst_01j9z3k7m2x4p8q6r5s0t1v2w3';
const COMPANY_EXAMPLE = 'comp_01j9z3k7m2x4p8q6r5s0t1v2w3';
const NUMBER_EXAMPLE = 'pn_01j9z3k7m2x4p8q6r5s0t1v2w3';

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Checks and converts campaign fields (as named in the node) into Talkturo's camelCase body.
 * Only fields present in `raw` are sent. `required` fields must be present and non-empty.
 */
export function readCampaignFields(raw: IDataObject, required: string[] = []): IDataObject {
	const labels: Record<string, string> = {
		assistantId: 'Assistant',
		companyId: 'Company',
		fromNumberIds: 'Caller ID Numbers',
		name: 'Name',
	};
	return readAllFields((read) => {
		const body: IDataObject = {};
		for (const key of required) {
			const value = raw[key];
			if (!given(value) || (Array.isArray(value) && value.length === 0)) {
				read(() => {
					throw new InputError(labels[key] ?? key, 'is empty', 'Talkturo needs it to create a campaign');
				});
			}
		}
		if (given(raw.assistantId))
			body.assistantId = read(() => checkId(raw.assistantId, 'Assistant', ASSISTANT_EXAMPLE));
		if (given(raw.companyId)) body.companyId = read(() => checkId(raw.companyId, 'Company', COMPANY_EXAMPLE));
		if (given(raw.fromNumberIds)) {
			const ids = read(() => checkIdList(raw.fromNumberIds, 'Caller ID Numbers', NUMBER_EXAMPLE));
			if (ids?.length) body.fromNumberIds = ids;
		}
		if (given(raw.name)) {
			body.name = read(() => {
				const name = String(raw.name).trim();
				if (!name) throw new InputError('Name', 'is empty', 'Give the campaign a name');
				return name;
			});
		}
		if (given(raw.description)) body.description = String(raw.description);
		if (given(raw.scheduledStartAt))
			body.scheduledStartAt = read(() => checkIsoDate(raw.scheduledStartAt, 'Scheduled Start'));
		if (given(raw.callWindowStart))
			body.callWindowStart = read(() => checkTime(raw.callWindowStart, 'Call Window Start'));
		if (given(raw.callWindowEnd))
			body.callWindowEnd = read(() => checkTime(raw.callWindowEnd, 'Call Window End'));
		if (body.callWindowStart !== undefined && body.callWindowStart === body.callWindowEnd) {
			read(() => {
				throw new InputError(
					'Call Window End',
					`is the same as Call Window Start (${String(body.callWindowStart)}), which leaves no time to call`,
					'Use an end time after the start, e.g. 09:00 to 17:00',
				);
			});
		}
		if (given(raw.callWindowTimezone)) {
			body.callWindowTimezone = read(() => checkTimeZone(raw.callWindowTimezone, 'Call Window Time Zone'));
		}
		const numbers: Array<[keyof typeof RANGES, string]> = [
			['maxConcurrentCalls', 'Max Concurrent Calls'],
			['maxAttemptsPerContact', 'Max Attempts per Contact'],
			['retryDelayMinutes', 'Retry Delay (Minutes)'],
		];
		for (const [key, label] of numbers) {
			if (given(raw[key])) body[key] = read(() => checkRange(raw[key], label, RANGES[key]));
		}
		if (given(raw.settings)) {
			const settings = read(() => parseJsonObject(raw.settings, 'Settings (JSON)'));
			if (settings && Object.keys(settings).length) body.settings = settings;
		}
		return body;
	});
}
