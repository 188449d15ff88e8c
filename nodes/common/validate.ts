import { InputError, quote } from './errors';

/**
 * Small input checks shared by providers. Each returns the normalised value or throws an
 * `InputError` (item runner → "Item N, field "X": problem. hint"), so they run before any request.
 */

const TIME = /^(\d{1,2}):(\d{2})$/;

/** A time of day written HH:MM (24-hour). "9:05" is accepted and returned as "09:05". */
export function checkTime(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value;
	const match = typeof text === 'string' ? TIME.exec(text) : null;
	const hours = match ? Number(match[1]) : NaN;
	const minutes = match ? Number(match[2]) : NaN;
	if (!match || hours > 23 || minutes > 59) {
		throw new InputError(
			field,
			`${quote(value)} is not a time of day`,
			'Use 24-hour HH:MM between 00:00 and 23:59, e.g. 09:00 or 17:30',
		);
	}
	return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/**
 * An IANA time zone name such as America/New_York. Returns the canonical spelling
 * ("america/new_york" → "America/New_York"). UTC offsets like "+01:00" are refused: they are not zone names.
 */
export function checkTimeZone(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let canonical: string | undefined;
	if (text !== '' && !/^[+-]/.test(text)) canonical = canonicalTimeZone(text);
	if (canonical === undefined) {
		throw new InputError(
			field,
			`${quote(value)} is not an IANA time zone`,
			'Use a zone name such as America/New_York, Europe/London or UTC',
		);
	}
	return canonical;
}

/** Zone name as written → canonical name (undefined: not a zone). Bounded: the set of zones is small. */
const ZONES = new Map<string, string | undefined>();
const MAX_CACHED_ZONES = 1000;

/** Asking Intl costs tens of microseconds, too much to repeat for every item of a bulk run: answers are kept. */
function canonicalTimeZone(text: string): string | undefined {
	if (ZONES.has(text)) return ZONES.get(text);
	let canonical: string | undefined;
	try {
		canonical = new Intl.DateTimeFormat(undefined, { timeZone: text }).resolvedOptions().timeZone;
	} catch {
		canonical = undefined;
	}
	if (ZONES.size < MAX_CACHED_ZONES) ZONES.set(text, canonical);
	return canonical;
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time ("2025-03-01", "2025-03-01T09:00:00Z", "2025-03-01T09:00:00+02:00").
 * Strings are returned trimmed and otherwise as written (a time without an offset is left for the
 * provider to interpret); Date objects and Luxon DateTimes (from expressions such as {{$now}}) become ISO strings.
 */
export function checkIsoDate(value: unknown, field: string): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	const luxon = value as { toISO?: () => string | null } | null;
	if (typeof value === 'object' && value !== null && typeof luxon?.toISO === 'function') {
		const iso = luxon.toISO();
		if (iso) return iso;
	}
	const text = typeof value === 'string' ? value.trim() : '';
	const match = ISO_DATE.exec(text);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const calendar = new Date(Date.UTC(year, month - 1, day));
		const realDay =
			calendar.getUTCFullYear() === year &&
			calendar.getUTCMonth() === month - 1 &&
			calendar.getUTCDate() === day;
		const [hours, minutes, seconds] = [match[4], match[5], match[6]].map((part) => Number(part ?? 0));
		if (realDay && hours <= 23 && minutes <= 59 && seconds <= 59) return text;
	}
	throw new InputError(
		field,
		`${quote(value)} is not an ISO 8601 date`,
		'Use a date such as 2025-03-01 or a date-time such as 2025-03-01T09:00:00Z',
	);
}

/**
 * A whole number within [min, max]. Numeric strings ("5") are accepted; the number is returned.
 * Leave `max` out for "no upper bound".
 */
export function checkIntRange(
	value: unknown,
	field: string,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value.trim())
				: NaN;
	if (!Number.isInteger(number) || number < min || number > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
		throw new InputError(field, `${quote(value)} is not allowed`, `Use a whole number ${range}`);
	}
	return number;
}

/**
 * A whole-number range of a parameter, as one entry of a provider's table of documented ranges: the same entry
 * gives the editor's limits (`rangeLimits`) and the check before sending (`checkRange`).
 */
export interface IntRange {
	min: number;
	/** Absent: no upper bound. */
	max?: number;
}

/** `checkIntRange` against one entry of a ranges table. */
export function checkRange(value: unknown, field: string, range: IntRange): number {
	return checkIntRange(value, field, range.min, range.max);
}
