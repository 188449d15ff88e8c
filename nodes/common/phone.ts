import { InputError, quote } from './errors';
import { isSupportedCountry, parsePhoneNumberFromString } from './vendor/phoneLib';
import type { CountryCode } from './vendor/phoneLib';

/**
 * How a provider wants phone numbers written.
 * - `e164`: +14155550123
 * - `national`: the national significant number, digits only: 4155550123 (for APIs that document it so)
 */
export type PhoneFormat = 'e164' | 'national';

export interface PhoneRules {
	/** ISO 3166-1 alpha-2 country used for numbers written without a +country prefix. */
	defaultCountry: string;
	format: PhoneFormat;
	/** Display name of the parameter the number came from, for error messages. */
	field: string;
}

/** Checks an ISO country code once per node run, before it is used for every item. */
export function checkCountry(code: string, field = 'Default Country'): CountryCode {
	const upper = (code ?? '').trim().toUpperCase();
	if (!isSupportedCountry(upper)) {
		throw new InputError(
			field,
			`${quote(code)} is not an ISO 3166-1 alpha-2 country code`,
			'Use a two-letter code such as US, GB, DE or TR',
		);
	}
	return upper as CountryCode;
}

/**
 * Parses, validates and formats one phone number.
 * Rejects anything that is not a valid number for its country, quoting the input in the error.
 */
export function normalizePhone(input: unknown, rules: PhoneRules): string {
	const raw = typeof input === 'number' ? String(input) : input;
	if (typeof raw !== 'string' || raw.trim() === '') {
		throw new InputError(rules.field, 'is empty', 'Map a phone number to it, e.g. +14155550123');
	}
	const country = checkCountry(rules.defaultCountry);
	const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: country });
	if (!parsed || !parsed.isValid()) {
		const where = parsed?.country ?? (raw.trim().startsWith('+') ? 'its country code' : country);
		throw new InputError(
			rules.field,
			`${quote(raw)} is not a valid phone number for ${where}`,
			`Use a full number with country code (e.g. +14155550123), or set "Default Country" to the contact's country (now ${country})`,
		);
	}
	return rules.format === 'e164' ? parsed.number : parsed.nationalNumber;
}
