import { InputError, quote } from './errors';
import { remembered } from './memo';
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from './vendor/phoneLib';
import type { CountryCode, PhoneNumber } from './vendor/phoneLib';

/**
 * How a provider wants phone numbers written.
 * - `e164`: +14155550123
 * - `national`: the national significant number, digits only: 4155550123 (for APIs that document it so).
 *   It carries no country code, so it only carries numbers of the Default Country's calling code.
 */
export type PhoneFormat = 'e164' | 'national';

export interface PhoneRules {
	/** ISO 3166-1 alpha-2 country used for numbers written without a +country prefix. */
	defaultCountry: string;
	format: PhoneFormat;
	/** Display name of the parameter the number came from, for error messages. */
	field: string;
}

/** Checks an ISO country code once per node run, before it is used for every item (remembered: see `remembered`). */
export const checkCountry = remembered<CountryCode, [field?: string]>((code, field = 'Default Country') => {
	const upper = (code ?? '').trim().toUpperCase();
	if (!isSupportedCountry(upper)) {
		throw new InputError(
			field,
			`${quote(code)} is not an ISO 3166-1 alpha-2 country code`,
			'Pick a country from the list, or use a two-letter code such as US, GB, DE or TR',
		);
	}
	return upper as CountryCode;
});

let regionNames: Intl.DisplayNames | undefined;

/** "United Kingdom" for GB; the code itself where the runtime has no name for it. */
export function countryName(code: string): string {
	try {
		regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
		return regionNames.of(code) ?? code;
	} catch {
		return code;
	}
}

/** "United Kingdom (+44)", or "+44" for a number libphonenumber-js places in no single country. */
function describeCountry(parsed: PhoneNumber): string {
	const callingCode = `+${parsed.countryCallingCode}`;
	return parsed.country ? `${countryName(parsed.country)} (${callingCode})` : callingCode;
}

/**
 * Parses, validates and formats one phone number. Never turns a number into a different one:
 * - anything that is not a valid number for its country fails, quoting the input;
 * - in the national format (no country code), a number of another calling code than the Default
 *   Country's fails, naming its country: its national digits would be dialled in the Default Country,
 *   where they may well be a valid number of somebody else. Countries that share a calling code (US and
 *   Canada under +1) dial each other's national digits unchanged, so they pass;
 * - an extension (`ext 2`, `x12`, `#12`) fails: no provider's API has a field for it, and dropping it
 *   would call the switchboard instead of the person.
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
	if (parsed.ext) {
		throw new InputError(
			rules.field,
			`${quote(raw)} has an extension (${parsed.ext}), which cannot be dialled through the API`,
			`Map the contact's direct number without the extension (${parsed.number}), or keep the extension in a field of its own`,
		);
	}
	if (rules.format === 'e164') return parsed.number;
	const home = getCountryCallingCode(country);
	if (parsed.countryCallingCode !== home) {
		throw new InputError(
			rules.field,
			`${quote(raw)} is a number of ${describeCountry(parsed)}, but the National Digits format carries only numbers of ${countryName(country)} (+${home}), the Default Country: sent as ${parsed.nationalNumber} it would reach a different number`,
			`Set Phone Format to E.164 to send it with its country code (${parsed.number}), or set Default Country to ${parsed.country ?? 'its country'} if all of this run's numbers belong there`,
		);
	}
	return parsed.nationalNumber;
}

/**
 * The ways a provider may have stored one number, the rules' format first: the same number in E.164 and, when it
 * belongs to the Default Country's calling code, in national digits. For finding a contact that the provider's
 * console or another client stored in the other style. Fails as `normalizePhone` does.
 */
export function phoneSpellings(input: unknown, rules: PhoneRules): string[] {
	const e164 = normalizePhone(input, { ...rules, format: 'e164' });
	let national: string | undefined;
	try {
		national = normalizePhone(input, { ...rules, format: 'national' });
	} catch {
		// A number of another calling code has no national spelling here.
	}
	if (rules.format === 'national') {
		if (national === undefined) normalizePhone(input, rules); // throws the national format's own error
		return [national!, e164];
	}
	return national === undefined ? [e164] : [e164, national];
}
