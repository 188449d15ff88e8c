import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { nameValuePairs, readNameValuePairs } from '../../common/descriptions';
import { InputError, quote } from '../../common/errors';
import { remembered } from '../../common/memo';

export const CONTACT_ID_REGEX = /^[0-9a-fA-F]{24}$/;

export const CUSTOM_FIELD_PREFIX = 'Taalk_';

/**
 * Taalk only passes fields named exactly `Taalk_<name>` to the AI agent, and names are case-sensitive.
 * A bare name gets the prefix; a prefix in the wrong case (`taalk_city`, `TAALK_City`) is an error
 * naming the right form, because silently fixing it could hide a mismatch with the agent's fields.
 */
export function taalkFieldName(name: string, field = 'Custom Fields'): string {
	const trimmed = name.trim();
	if (trimmed.startsWith(CUSTOM_FIELD_PREFIX)) {
		if (trimmed.length === CUSTOM_FIELD_PREFIX.length) {
			throw new InputError(
				field,
				`${quote(trimmed)} has no name after the prefix`,
				'Use a name like Taalk_City',
			);
		}
		return trimmed;
	}
	if (trimmed.toLowerCase().startsWith(CUSTOM_FIELD_PREFIX.toLowerCase())) {
		const right = CUSTOM_FIELD_PREFIX + trimmed.slice(CUSTOM_FIELD_PREFIX.length);
		throw new InputError(
			field,
			`${quote(trimmed)} has the Taalk_ prefix in the wrong case; Taalk matches field names exactly`,
			`Write it as "${right}", or just "${trimmed.slice(CUSTOM_FIELD_PREFIX.length)}" and the prefix is added`,
		);
	}
	if (!/^[A-Za-z0-9][\w-]*$/.test(trimmed)) {
		throw new InputError(
			field,
			`${quote(name)} is not a usable field name`,
			'Use letters, digits, - and _ only, e.g. City or vehicle_year',
		);
	}
	return CUSTOM_FIELD_PREFIX + trimmed;
}

/** `taalkFieldName`, remembered: a run reads the same few names for every item. */
const fieldName = remembered(taalkFieldName);

/** Custom fields as name/value pairs, read into `{ Taalk_<name>: value }`. */
export function readCustomFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = readNameValuePairs(ctx, itemIndex, 'customFields', 'Custom Fields');
	const out: IDataObject = {};
	for (const name in pairs) out[fieldName(name)] = pairs[name];
	return out;
}

export const customFieldsParameter = (): INodeProperties =>
	nameValuePairs({
		name: 'customFields',
		displayName: 'Custom Fields',
		description:
			"Fields your Taalk AI agent reads. Names get the Taalk_ prefix and must match the agent's fields exactly, including case.",
		namePlaceholder: 'City',
		valuePlaceholder: 'Charlotte',
		nameHint: 'Becomes Taalk_City. Case matters: it must match the field name your agent expects.',
	});
