import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { runBatched } from '../../../common/batching';
import { optionsCollection, phoneField } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { parseJsonObject } from '../../../common/json';
import { getItemParameter } from '../../../common/parameters';
import type { PhoneSettings } from '../../../common/provider';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { outcomeUnclear } from '../../../common/transport';
import type { ApiResponse, RetryPolicy } from '../../../common/transport';
import { checkIntRange } from '../../../common/validate';
import { whatTalk } from '../../provider';
import { errorText } from '../../transport';
import { readVariables, variablesParameter } from '../shared';
import { findLead } from './find';

export const CONCURRENCY = { default: 5, max: 10 };

export const description = operationParameters('lead', 'add', [
	whatTalk.campaignField(),
	phoneField({
		displayName: 'Phone Number',
		description: 'Checked and sent in E.164 (+905551234567); numbers without +country use Default Country',
	}),
	variablesParameter(),
	{
		displayName: 'Allow Duplicate',
		name: 'allowDuplicate',
		type: 'boolean',
		default: false,
		description:
			'Whether to add the number even if it is already a lead of the campaign. Off: WhatTalk refuses it and the item reports "duplicate".',
		hint: 'Sent as allow_dupplicate, WhatTalk\'s own spelling (double "p")',
	},
	{
		displayName: 'Secondary Contacts',
		name: 'secondaryContacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Secondary Contact',
		default: {},
		description: 'Other numbers of the same lead, called when the main number is not reached',
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Phone Number',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: '+905551234568',
					},
					{
						displayName: 'Variables (JSON)',
						name: 'variables',
						type: 'json',
						default: '{}',
						description: 'Call variables for this number, as a JSON object',
					},
				],
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: CONCURRENCY.max },
			default: 5,
			description: `WhatTalk has no bulk endpoint: each lead is one request. How many are in flight at once (at most ${CONCURRENCY.max}); the output keeps the input order.`,
		},
		...whatTalk.phoneOptions,
		...requestOptionFields,
	]),
]);

interface LeadToAdd {
	itemIndex: number;
	allowDuplicate: boolean;
	body: IDataObject & { campaign_id: number; phone_number: string };
}

/** How WhatTalk words its refusal of a number that is already a lead of the campaign (duplicates blocked). */
const DUPLICATE = /duplicat|already|been taken/i;

/** What WhatTalk answers when the number is already a lead of the campaign (duplicates blocked). */
export function isDuplicateError(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode !== '422' && error.httpCode !== '409') return false;
	return DUPLICATE.test(errorText(error.errorResponse));
}

/** The same refusal as an answer: after a lost answer it means the lead is in the campaign. */
function isDuplicateAnswer(response: ApiResponse): boolean {
	return (
		(response.statusCode === 422 || response.statusCode === 409) && DUPLICATE.test(errorText(response.body))
	);
}

function readSecondaryContacts(ctx: IExecuteFunctions, i: number, phone: PhoneSettings): IDataObject[] {
	const raw = getItemParameter(ctx, 'secondaryContacts', i, {}) as {
		contact?: Array<{ phone?: unknown; variables?: unknown }>;
	};
	return readAllFields((read) =>
		(raw.contact ?? []).map((contact) => {
			const out: IDataObject = {
				phone_number: read(() => whatTalk.phone(contact.phone, phone, 'Secondary Contacts › Phone Number')),
			};
			const variables = read(() =>
				parseJsonObject(contact.variables, 'Secondary Contacts › Variables (JSON)'),
			);
			if (variables && Object.keys(variables).length) out.variables = variables;
			return out;
		}),
	);
}

/**
 * Adds one lead per input item, several requests at a time (WhatTalk has no bulk endpoint), and
 * answers every item in input order.
 *
 * - A number WhatTalk refuses as a duplicate is reported on its item (`duplicate: true`), not as a failure.
 * - The same number twice in one run for one campaign is sent once (unless Allow Duplicate is on).
 * - 429/503 are waited out and resent by the transport (the lead was not created).
 * - After an answer that was lost (reset, timeout, 500/502/504) the lead may exist. With duplicates
 *   blocked the request is declared idempotent and the transport sends it again: WhatTalk either creates
 *   it now, or refuses it as a duplicate, which then means it is in the campaign (`appliedEarlier`,
 *   `outcome: "addedOrExisting"`). With Allow Duplicate on a resend could add it twice, so the item
 *   fails and says so instead.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = runWideOptions(this);
	const concurrency = checkIntRange(
		options.concurrency ?? CONCURRENCY.default,
		'Concurrent Requests',
		1,
		CONCURRENCY.max,
	);
	const phoneSettings = whatTalk.readPhoneSettings(this);
	const policy = runWideRetryPolicy(this);

	return await runBatched<LeadToAdd>(this, {
		chunkSize: 1,
		concurrency,
		prepare: (i) =>
			readAllFields((read) => {
				const campaignId = read(() => Number(whatTalk.readCampaignId(this, i)));
				const phone = read(() => whatTalk.phone(getItemParameter(this, 'phone', i, ''), phoneSettings));
				const allowDuplicate = getItemParameter(this, 'allowDuplicate', i, false) === true;
				const body: LeadToAdd['body'] = { campaign_id: campaignId, phone_number: phone };
				const variables = read(() => readVariables(this, i));
				const secondary = read(() => readSecondaryContacts(this, i, phoneSettings));
				if (Object.keys(variables).length) body.variables = variables;
				body.allow_dupplicate = allowDuplicate;
				if (secondary.length) body.secondary_contacts = secondary;
				return { itemIndex: i, allowDuplicate, body };
			}),
		subject: (lead) => keyValues({ phone: lead.body.phone_number, campaign: lead.body.campaign_id }),
		key: (lead) =>
			lead.allowDuplicate ? `item:${lead.itemIndex}` : `${lead.body.campaign_id}:${lead.body.phone_number}`,
		duplicate: (first, lead) => ({
			campaign_id: lead.body.campaign_id,
			phone_number: lead.body.phone_number,
			outcome: 'duplicate',
			added: false,
			duplicate: true,
			duplicateOfItem: first,
			message: `Same number and campaign as item ${first} in this run; sent once`,
		}),
		send: async ([lead]) => ({ each: [await addLead(this, lead.value, policy)] }),
	});
}

async function addLead(ctx: IExecuteFunctions, lead: LeadToAdd, policy: RetryPolicy): Promise<IDataObject> {
	const { campaign_id, phone_number } = lead.body;
	let response: ApiResponse<{ message?: string; data?: IDataObject }>;
	try {
		response = await whatTalk.request(
			ctx,
			{
				method: 'POST',
				path: '/user/lead',
				body: lead.body,
				// With duplicates blocked, sending the lead again cannot add it twice (WhatTalk refuses the second as a
				// duplicate), so the transport may resend it after a lost answer; with Allow Duplicate it could.
				idempotent: !lead.allowDuplicate,
				appliedEarlier: isDuplicateAnswer,
			},
			policy,
			lead.itemIndex,
		);
	} catch (error) {
		if (!isDuplicateError(error)) throw describeFailure(ctx, error, lead.allowDuplicate);
		const message = (error as NodeApiError).message.replace(/^WhatTalk: /, '');
		return { campaign_id, phone_number, outcome: 'duplicate', added: false, duplicate: true, message };
	}
	if (response.appliedEarlier) {
		// The first request's answer was lost; refused on the resend as a duplicate, so it is in the campaign:
		// added by that request, or there before this run. Not added twice either way.
		const existing = await findLead(ctx, campaign_id, phone_number, lead.itemIndex);
		return {
			...(existing ?? {}),
			campaign_id,
			phone_number,
			outcome: 'addedOrExisting',
			added: false,
			duplicate: false,
			message:
				"WhatTalk's answer to the first request was lost; sent again, WhatTalk said the number is already a lead of the campaign. It was added by the first request or was there before this run; it was not added twice.",
		};
	}
	return {
		...(response.body.data ?? { campaign_id, phone_number }),
		outcome: 'added',
		added: true,
		duplicate: false,
		...(response.afterUnclearAnswer ? { resentAfterLostAnswer: true } : {}),
	};
}

/** The transport's final error, with what it means for this lead. */
function describeFailure(ctx: IExecuteFunctions, error: unknown, allowDuplicate: boolean): unknown {
	if (!(error instanceof NodeApiError)) return error;
	if (outcomeUnclear(error) && allowDuplicate) {
		error.description =
			"WhatTalk may have added the lead before this error. With Allow Duplicate on, sending it again could add it twice, so it was not resent: check the campaign's leads before running this item again.";
	} else if (outcomeUnclear(error)) {
		error.description =
			'WhatTalk may or may not have added the lead (its answers were lost). Duplicates are blocked, so running this item again is safe: it cannot be added twice.';
	}
	// A 429 that held through this lead's own retries (the run's gate says itself when it stopped sending).
	if (error.httpCode === '429' && !/^Not sent/.test(error.description ?? '')) {
		error.description =
			"WhatTalk's rate limit held through the retries; the lead was not added. Lower Concurrent Requests (or raise Max Retries) under Options, or run the workflow again later.";
	}
	// Already a NodeApiError from the transport (the constructor hands it back unchanged).
	return new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
}
