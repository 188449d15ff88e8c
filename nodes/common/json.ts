import type { IDataObject } from 'n8n-workflow';

import { InputError, quote } from './errors';

/** Accepts a JSON object given as text (a "JSON" parameter) or already parsed (an expression). */
export function parseJsonObject(value: unknown, field: string): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		let syntaxError: string | undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
		if (syntaxError !== undefined) {
			throw new InputError(
				field,
				`${quote(value)} is not valid JSON (${syntaxError})`,
				'Enter a JSON object, e.g. {"key": "value"}',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputError(
			field,
			`${quote(value)} is not a JSON object`,
			'Enter a JSON object, e.g. {"key": "value"}',
		);
	}
	return parsed as IDataObject;
}
