import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection, rangeLimits, rangeText } from '../../../common/descriptions';
import { InputError, readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkRange, checkTime } from '../../../common/validate';
import { talkdesk } from '../../provider';
import { checkLength, LENGTHS, RANGES } from '../shared';
import { AFTER_CALL, DIALING_MODES, TIME_UNITS, WEEK_DAYS } from './fields';

const DISPOSITIONS = [
	{ name: 'Abandoned', value: 'abandoned' },
	{ name: 'Answering Machine', value: 'answering_machine_detection' },
	{ name: 'Busy', value: 'busy' },
	{ name: 'No Answer', value: 'no_answer' },
];

export const description = operationParameters('campaign', 'create', [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring renewals',
		description: `Campaign name, ${rangeText(LENGTHS.campaignName, ' to ')} characters`,
	},
	{
		displayName: 'Dialing Mode',
		name: 'dialingMode',
		type: 'options',
		default: 'PREVIEW',
		options: DIALING_MODES,
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'number',
		typeOptions: rangeLimits(RANGES.priority),
		default: 1,
		description: `Among campaigns sharing agents, ${RANGES.priority.min} (lowest) to ${RANGES.priority.max} (highest)`,
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: rangeLimits(RANGES.maxAttempts),
		default: 3,
		description: `How many non-final call attempts each record may get (${rangeText(RANGES.maxAttempts)})`,
	},
	{
		displayName: 'Retry Period',
		name: 'retryPeriod',
		type: 'number',
		typeOptions: rangeLimits(RANGES.retryPeriod),
		default: 1,
		description: `Time between non-final attempts, in Retry Time Unit (at most ${RANGES.retryPeriod.max})`,
	},
	{
		displayName: 'Retry Time Unit',
		name: 'retryTimeUnit',
		type: 'options',
		default: 'HOURS',
		options: TIME_UNITS,
	},
	{
		displayName: 'Calling Hours',
		name: 'callingHours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Calling Hours',
		default: {
			rule: [
				{ from: '09:00', to: '18:00', weekDays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] },
			],
		},
		required: true,
		description: "When records may be called, in each record's own time zone",
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'From',
						name: 'from',
						type: 'string',
						default: '09:00',
						placeholder: '09:00',
						description: 'HH:MM, 24-hour',
					},
					{
						displayName: 'To',
						name: 'to',
						type: 'string',
						default: '18:00',
						placeholder: '18:00',
						description: 'HH:MM, 24-hour',
					},
					{
						displayName: 'Week Days',
						name: 'weekDays',
						type: 'multiOptions',
						default: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
						options: WEEK_DAYS,
					},
				],
			},
		],
	},
	{
		displayName: 'Busy Calls',
		name: 'busy',
		type: 'options',
		default: 'RETRY',
		options: AFTER_CALL,
		description: 'What happens to a record whose call was busy',
	},
	{
		displayName: 'Unanswered Calls',
		name: 'noAnswer',
		type: 'options',
		default: 'RETRY',
		options: AFTER_CALL,
		description: 'What happens to a record whose call was not answered. Invalid numbers are always final.',
	},
	optionsCollection([
		{
			displayName: 'Abandoned Calls',
			name: 'abandoned',
			type: 'options',
			default: 'RETRY',
			options: AFTER_CALL,
			description: 'What happens to a record whose answered call found no free agent',
		},
		{
			displayName: 'Abandonment Timeout (Seconds)',
			name: 'abandonmentTimeout',
			type: 'number',
			typeOptions: rangeLimits(RANGES.abandonmentTimeout),
			default: 2,
			description: `Hangs up answered calls not connected to an agent after this long (${rangeText(RANGES.abandonmentTimeout)})`,
		},
		{
			displayName: 'Answering Machine Calls',
			name: 'answeringMachine',
			type: 'options',
			default: 'FINAL',
			options: AFTER_CALL,
			description: 'What happens to a record whose call reached an answering machine',
		},
		{
			displayName: 'Answering Machine Detection',
			name: 'answeringMachineDetection',
			type: 'boolean',
			default: false,
			description: 'Whether calls that reach answering machines or voicemail are disconnected',
		},
		{
			displayName: 'Custom Retries',
			name: 'customRetries',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Retry',
			default: {},
			description: "Retry settings for one outcome instead of the campaign's",
			options: [
				{
					displayName: 'Retry',
					name: 'retry',
					values: [
						{
							displayName: 'Outcome',
							name: 'disposition',
							type: 'options',
							default: 'busy',
							options: DISPOSITIONS,
						},
						{
							displayName: 'Max Attempts',
							name: 'maxAttempts',
							type: 'number',
							typeOptions: rangeLimits(RANGES.maxAttempts),
							default: 3,
						},
						{
							displayName: 'Retry Period',
							name: 'retryPeriod',
							type: 'number',
							typeOptions: rangeLimits(RANGES.retryPeriod),
							default: 1,
						},
						{
							displayName: 'Retry Time Unit',
							name: 'retryTimeUnit',
							type: 'options',
							default: 'HOURS',
							options: TIME_UNITS,
						},
					],
				},
			],
		},
		{
			displayName: 'Lists Sorting',
			name: 'listsSorting',
			type: 'options',
			default: 'FIFO',
			options: [
				{ name: 'First In, First Out', value: 'FIFO' },
				{ name: 'Last In, First Out', value: 'LIFO' },
			],
			description: 'In which order records are dialed',
		},
		{
			displayName: 'Max Abandonment Rate (%)',
			name: 'maxAbandonmentRate',
			type: 'number',
			typeOptions: rangeLimits(RANGES.maxAbandonmentRate),
			default: 3,
			description: `Predictive dialing: maximum rate of abandoned calls (${rangeText(RANGES.maxAbandonmentRate)})`,
		},
		{
			displayName: 'Max Dialing Ratio',
			name: 'maxDialingRatio',
			type: 'number',
			typeOptions: rangeLimits(RANGES.maxDialingRatio),
			default: 1,
			description: `Predictive dialing: maximum calls launched per agent (${rangeText(RANGES.maxDialingRatio)})`,
		},
		{
			displayName: 'Max Ring Time (Seconds)',
			name: 'maxRingTime',
			type: 'number',
			typeOptions: rangeLimits(RANGES.maxRingTime),
			default: 30,
			description: `Unanswered calls are disconnected after this long (${rangeText(RANGES.maxRingTime)})`,
		},
		{
			displayName: 'Max Skip Attempts',
			name: 'maxSkipAttempts',
			type: 'number',
			typeOptions: rangeLimits(RANGES.maxSkipAttempts),
			default: 0,
			description: `How many times an agent may skip a record (${rangeText(RANGES.maxSkipAttempts)})`,
		},
		{
			displayName: 'Preview Timeout (Seconds)',
			name: 'previewTimeout',
			type: 'number',
			typeOptions: rangeLimits(RANGES.previewTimeout),
			default: 30,
			description: `How long the preview stays available to the agent (${rangeText(RANGES.previewTimeout)})`,
		},
		{
			displayName: 'Strategy Type',
			name: 'strategyType',
			type: 'options',
			default: 'AUTOMATIC',
			options: [
				{ name: 'Automatic', value: 'AUTOMATIC', description: 'Records are dialed automatically' },
				{ name: 'Manual', value: 'MANUAL', description: 'Agents start each call' },
			],
		},
		...requestOptionFields,
	]),
]);

const DIALING_CONFIG = [
	'answeringMachineDetection',
	'maxAbandonmentRate',
	'maxDialingRatio',
	'maxRingTime',
	'abandonmentTimeout',
];

function callingHours(raw: unknown): IDataObject[] {
	const rules = ((raw as { rule?: IDataObject[] } | undefined)?.rule ?? []) as IDataObject[];
	if (rules.length === 0) {
		throw new InputError(
			'Calling Hours',
			'has no rule',
			'Add at least one rule, e.g. 09:00 to 18:00 on weekdays',
		);
	}
	return readAllFields((read) =>
		rules.map((rule, n) => {
			const field = `Calling Hours ${n + 1}`;
			const days = Array.isArray(rule.weekDays) ? (rule.weekDays as string[]) : [];
			if (days.length === 0) {
				read(() => {
					throw new InputError(`${field} › Week Days`, 'is empty', 'Pick at least one day');
				});
			}
			return {
				from: read(() => checkTime(rule.from, `${field} › From`)),
				to: read(() => checkTime(rule.to, `${field} › To`)),
				week_days: days,
			};
		}),
	);
}

function dispositions(busy: unknown, noAnswer: unknown, options: IDataObject): IDataObject {
	const out: IDataObject = {
		busy: { status_after_call: busy, custom: false },
		no_answer: { status_after_call: noAnswer, custom: false },
		invalid_number: { status_after_call: 'FINAL' },
	};
	if (options.abandoned !== undefined)
		out.abandoned = { status_after_call: options.abandoned, custom: false };
	if (options.answeringMachine !== undefined) {
		out.answering_machine_detection = { status_after_call: options.answeringMachine, custom: false };
	}
	const retries = ((options.customRetries as { retry?: IDataObject[] } | undefined)?.retry ??
		[]) as IDataObject[];
	return readAllFields((read) => {
		for (const [n, retry] of retries.entries()) {
			const field = `Custom Retries ${n + 1}`;
			const key = String(retry.disposition);
			const target = (out[key] as IDataObject | undefined) ?? { status_after_call: 'RETRY' };
			out[key] = {
				...target,
				custom: true,
				max_attempts: read(() =>
					checkRange(retry.maxAttempts, `${field} › Max Attempts`, RANGES.maxAttempts),
				),
				retry_period: read(() =>
					checkRange(retry.retryPeriod, `${field} › Retry Period`, RANGES.retryPeriod),
				),
				retry_period_time_unit: retry.retryTimeUnit,
			};
		}
		return out;
	});
}

function dialingModeConfiguration(options: IDataObject): IDataObject | undefined {
	if (!DIALING_CONFIG.some((key) => options[key] !== undefined)) return undefined;
	return readAllFields((read) => {
		const required = (key: 'maxRingTime' | 'abandonmentTimeout', label: string) =>
			read(() => {
				if (options[key] === undefined) {
					throw new InputError(
						label,
						'is missing',
						'Talkdesk requires Max Ring Time and Abandonment Timeout whenever a dialing setting is given; add both options',
					);
				}
				return checkRange(options[key], label, RANGES[key]);
			});
		const config: IDataObject = {
			max_ring_time_in_secs: required('maxRingTime', 'Max Ring Time (Seconds)'),
			abandonment_timeout: {
				amount: required('abandonmentTimeout', 'Abandonment Timeout (Seconds)'),
			},
		};
		if (options.answeringMachineDetection !== undefined) {
			config.answering_machine_detection = options.answeringMachineDetection === true;
		}
		if (options.maxAbandonmentRate !== undefined) {
			config.max_abandonment_rate = read(() =>
				checkRange(options.maxAbandonmentRate, 'Max Abandonment Rate (%)', RANGES.maxAbandonmentRate),
			);
		}
		if (options.maxDialingRatio !== undefined) {
			config.max_dialing_ratio = read(() =>
				checkRange(options.maxDialingRatio, 'Max Dialing Ratio', RANGES.maxDialingRatio),
			);
		}
		return config;
	});
}

/** Builds the `POST /campaigns` body for one item; every documented range is checked here. */
function campaignBody(ctx: IExecuteFunctions, i: number): IDataObject {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	return readAllFields((read) => {
		const strategy: IDataObject = {
			max_attempts: read(() =>
				checkRange(ctx.getNodeParameter('maxAttempts', i), 'Max Attempts', RANGES.maxAttempts),
			),
			retry_period: read(() =>
				checkRange(ctx.getNodeParameter('retryPeriod', i), 'Retry Period', RANGES.retryPeriod),
			),
			retry_time_unit: ctx.getNodeParameter('retryTimeUnit', i),
			calling_hours: read(() => callingHours(ctx.getNodeParameter('callingHours', i, {}))),
			dispositions: read(() =>
				dispositions(
					ctx.getNodeParameter('busy', i, 'RETRY'),
					ctx.getNodeParameter('noAnswer', i, 'RETRY'),
					options,
				),
			),
		};
		if (options.maxSkipAttempts !== undefined) {
			strategy.max_skip_attempts = read(() =>
				checkRange(options.maxSkipAttempts, 'Max Skip Attempts', RANGES.maxSkipAttempts),
			);
		}
		if (options.strategyType !== undefined) strategy.strategy_type = options.strategyType;
		if (options.previewTimeout !== undefined) {
			strategy.preview_timeout = read(() =>
				checkRange(options.previewTimeout, 'Preview Timeout (Seconds)', RANGES.previewTimeout),
			);
		}
		if (options.listsSorting !== undefined) strategy.lists_sorting_criteria = options.listsSorting;

		const body: IDataObject = {
			name: read(() =>
				checkLength(
					String(ctx.getNodeParameter('name', i, '') ?? '').trim(),
					'Name',
					LENGTHS.campaignName.min,
					LENGTHS.campaignName.max,
				),
			),
			dialing_mode: ctx.getNodeParameter('dialingMode', i),
			priority: read(() => checkRange(ctx.getNodeParameter('priority', i), 'Priority', RANGES.priority)),
			dialing_strategy: strategy,
		};
		const config = read(() => dialingModeConfiguration(options));
		if (config) body.dialing_mode_configuration = config;
		return body;
	});
}

/**
 * Creates a campaign (status Incomplete until a record list is attached). Not resent after an ambiguous
 * failure: a second request would create a second campaign.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => campaignBody(this, i),
		async (body, i, policy) => {
			const response = await talkdesk.request(
				this,
				{ method: 'POST', path: '/campaigns', body, idempotent: false, scope: 'campaigns:write' },
				policy,
				i,
			);
			return response.body;
		},
		(body) => keyValues({ name: body.name }),
	);
}
