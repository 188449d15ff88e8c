import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nameValuePairs, readNameValuePairs } from '../../common/descriptions';
import { loadedOptionsField } from '../../common/nodeDescription';
import { InputError, quote } from '../../common/errors';
import { checkIntRange } from '../../common/validate';
import { whatTalk } from '../provider';

/** A campaign dropdown inside a collection (filters, update fields); a campaign ID also works through an expression. */
export function campaignOption(purpose: string): INodeProperties {
	return loadedOptionsField('Campaign', 'campaignId', 'getCampaigns', purpose);
}

/** The value of a `campaignOption`, or undefined when it was left empty. */
export function readCampaignOption(value: unknown): number | undefined {
	return value === undefined || value === ''
		? undefined
		: readId(value, 'Campaign', whatTalk.campaign.idPlaceholder);
}

/** A positive integer ID typed or mapped into a plain field (lead ID, assistant ID). */
export function readId(value: unknown, field: string, example: string): number {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^[1-9][0-9]*$/.test(text)) {
		throw new InputError(
			field,
			text ? `${quote(value)} is not a WhatTalk ID` : 'is empty',
			`WhatTalk IDs are whole numbers, e.g. ${example}`,
		);
	}
	return checkIntRange(text, field, 1);
}

export const variablesParameter = (description?: string): INodeProperties =>
	nameValuePairs({
		name: 'variables',
		displayName: 'Variables',
		description:
			description ??
			"Values your assistant reads during the call. Names must match the assistant's call-variable names exactly.",
		namePlaceholder: 'customer_name',
		valuePlaceholder: 'John',
		nameHint: "Must match a variable name of the campaign's assistant, e.g. customer_name",
	});

export function readVariables(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return readNameValuePairs(ctx, itemIndex, 'variables', 'Variables');
}

export const LEAD_STATUSES = [
	'created',
	'scheduled',
	'processing',
	'completed',
	'rescheduled',
	'reached-max-retries',
	'blacklisted',
] as const;
