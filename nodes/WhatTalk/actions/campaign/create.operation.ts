import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	loadedMultiOptionsField,
	loadedOptionsField,
	titledOptions,
	operationParameters,
} from '../../../common/nodeDescription';
import { additionalFields, optionsCollection, rangeLimits, rangeText } from '../../../common/descriptions';
import { InputError, quote, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkRange, checkTime, checkTimeZone } from '../../../common/validate';
import { whatTalk } from '../../provider';
import { readId } from '../shared';

export const DAYS: string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** WhatTalk's longest campaign name, in characters. */
const MAX_NAME_LENGTH = 255;

/** The documented ranges: the editor's limits and the checks before sending; each default is also the literal default of its parameter. */
export const RANGES = {
	maxRetries: { min: 1, max: 5, default: 3 },
	retryInterval: { min: 10, max: 4320, default: 60 },
	maxCallsInParallel: { min: 1, max: 10, default: 3 },
};

export const description = operationParameters('campaign', 'create', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring renewals',
		description: `Campaign name (at most ${MAX_NAME_LENGTH} characters)`,
	},
	loadedOptionsField(
		'Assistant',
		'assistantId',
		'getOutboundAssistants',
		'The outbound AI assistant that makes the calls',
		{ required: true },
	),
	loadedOptionsField(
		'Time Zone',
		'timezone',
		'getTimeZones',
		'Time zone of the allowed hours, e.g. Europe/Istanbul (an IANA zone)',
	),
	{
		displayName: 'Allowed Hours Start',
		name: 'allowedHoursStart',
		type: 'string',
		default: '00:00',
		placeholder: '09:00',
		description: 'Start of the daily calling window, 24-hour HH:MM',
	},
	{
		displayName: 'Allowed Hours End',
		name: 'allowedHoursEnd',
		type: 'string',
		default: '23:59',
		placeholder: '17:30',
		description: 'End of the daily calling window, 24-hour HH:MM',
	},
	{
		displayName: 'Allowed Days',
		name: 'allowedDays',
		type: 'multiOptions',
		default: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
		options: titledOptions(DAYS),
		description: 'Days of the week on which calls are made',
	},
	{
		displayName: 'Max Call Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: rangeLimits(RANGES.maxRetries),
		default: 3,
		description: `How many more times an unanswered lead is called (${rangeText(RANGES.maxRetries, '–')})`,
	},
	{
		displayName: 'Retry Interval (Minutes)',
		name: 'retryInterval',
		type: 'number',
		typeOptions: rangeLimits(RANGES.retryInterval),
		default: 60,
		description: `Minutes between two calls to the same lead: ${rangeText(RANGES.retryInterval, ' to ')}, up to 3 days`,
	},
	{
		displayName: 'Calls in Parallel',
		name: 'maxCallsInParallel',
		type: 'number',
		typeOptions: rangeLimits(RANGES.maxCallsInParallel),
		default: 3,
		description: 'How many calls the campaign makes at the same time (1–10)',
	},
	{
		displayName: 'Retry on Voicemail',
		name: 'retryOnVoicemail',
		type: 'boolean',
		default: false,
		description: 'Whether a call that reached voicemail counts as unanswered and is retried',
	},
	additionalFields([
		loadedMultiOptionsField(
			'Caller ID Number',
			'phoneNumberIds',
			'getCallerIdNumbers',
			'Phone numbers the campaign calls from',
		),
		{
			displayName: 'Goal Completion Variable',
			name: 'goalCompletionVariable',
			type: 'string',
			default: '',
			placeholder: 'appointment_booked',
			description: "Name of the assistant's extracted variable that says whether the call reached its goal",
		},
		{
			displayName: 'Mark Complete When No Leads',
			name: 'markCompleteWhenNoLeads',
			type: 'boolean',
			default: true,
			description: 'Whether the campaign becomes "completed" once every lead has been called',
		},
		{
			displayName: 'Retry on Goal Incomplete',
			name: 'retryOnGoalIncomplete',
			type: 'boolean',
			default: false,
			description:
				'Whether a lead is called again when the goal completion variable says the goal was not reached',
		},
	]),
	optionsCollection(requestOptionFields),
]);

/** Builds and checks the request body for one item; throws `InputError` before anything is sent. */
export function campaignBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const param = (name: string, fallback?: unknown) => ctx.getNodeParameter(name, i, fallback) as unknown;
	return readAllFields((read) => {
		const name = read(() => {
			const text = String(param('name', '') ?? '').trim();
			if (!text) throw new InputError('Name', 'is empty', 'Give the campaign a name');
			if (text.length > MAX_NAME_LENGTH) {
				throw new InputError(
					'Name',
					`is ${text.length} characters long`,
					`Use at most ${MAX_NAME_LENGTH} characters`,
				);
			}
			return text;
		});
		const body: IDataObject = {
			name,
			assistant_id: read(() => readId(param('assistantId', ''), 'Assistant', '42')),
		};
		const timezone = String(param('timezone', '') ?? '').trim();
		if (timezone) body.timezone = read(() => checkTimeZone(timezone, 'Time Zone'));
		body.allowed_hours_start_time = read(() =>
			checkTime(param('allowedHoursStart', '00:00'), 'Allowed Hours Start'),
		);
		body.allowed_hours_end_time = read(() =>
			checkTime(param('allowedHoursEnd', '23:59'), 'Allowed Hours End'),
		);
		body.allowed_days = read(() => readDays(param('allowedDays', DAYS)));
		body.max_retries = read(() =>
			checkRange(param('maxRetries', RANGES.maxRetries.default), 'Max Call Retries', RANGES.maxRetries),
		);
		body.retry_interval = read(() =>
			checkRange(
				param('retryInterval', RANGES.retryInterval.default),
				'Retry Interval (Minutes)',
				RANGES.retryInterval,
			),
		);
		body.max_calls_in_parallel = read(() =>
			checkRange(
				param('maxCallsInParallel', RANGES.maxCallsInParallel.default),
				'Calls in Parallel',
				RANGES.maxCallsInParallel,
			),
		);
		body.retry_on_voicemail = param('retryOnVoicemail', false) === true;

		const extra = param('additionalFields', {}) as IDataObject;
		const goalVariable = String(extra.goalCompletionVariable ?? '').trim();
		if (goalVariable) body.goal_completion_variable = goalVariable;
		if (typeof extra.retryOnGoalIncomplete === 'boolean') {
			if (extra.retryOnGoalIncomplete && !goalVariable) {
				read(() => {
					throw new InputError(
						'Retry on Goal Incomplete',
						'is on but no Goal Completion Variable is set',
						'Add the Goal Completion Variable that tells WhatTalk whether the goal was reached',
					);
				});
			}
			body.retry_on_goal_incomplete = extra.retryOnGoalIncomplete;
		}
		if (typeof extra.markCompleteWhenNoLeads === 'boolean') {
			body.mark_complete_when_no_leads = extra.markCompleteWhenNoLeads;
		}
		if (extra.phoneNumberIds !== undefined) {
			const ids = ([] as unknown[]).concat(extra.phoneNumberIds).filter((id) => id !== '' && id !== null);
			if (ids.length) {
				body.phone_number_ids = read(() => ids.map((id) => readId(id, 'Caller ID Numbers', '7')));
			}
		}
		return body;
	});
}

function readDays(value: unknown): string[] {
	const list = typeof value === 'string' ? value.split(',') : ([] as unknown[]).concat(value ?? []);
	const days = list.map((day) => String(day).trim().toLowerCase()).filter(Boolean);
	if (days.length === 0) {
		throw new InputError('Allowed Days', 'has no day', 'Pick at least one day of the week');
	}
	for (const day of days) {
		if (!DAYS.includes(day)) {
			throw new InputError(
				'Allowed Days',
				`${quote(day)} is not a day of the week`,
				`Use ${DAYS.join(', ')}`,
			);
		}
	}
	// In week order, each day once, as the dashboard shows them.
	return DAYS.filter((day) => days.includes(day));
}

/** Creates a campaign (status "draft"); leads are added with Lead → Add, then Campaign → Start. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => campaignBody(this, i),
		async (body, i, policy) => {
			// Creating is not idempotent: resent only when WhatTalk said it did not process it (429/503).
			const response = await whatTalk.request<{ data?: IDataObject }>(
				this,
				{ method: 'POST', path: '/user/campaign', body, idempotent: false },
				policy,
				i,
			);
			return response.body.data ?? (response.body as IDataObject);
		},
		(body) => keyValues({ name: body.name }),
	);
}
