import { InputError } from '../../nodes/common/errors';
import { checkIntRange, checkIsoDate, checkTime, checkTimeZone } from '../../nodes/common/validate';

const problem = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		const e = error as InputError;
		return `${e.field}: ${e.problem}. ${e.hint}`;
	}
	throw new Error('expected an InputError');
};

describe('checkTime', () => {
	it.each([
		['09:00', '09:00'],
		['9:05', '09:05'],
		[' 23:59 ', '23:59'],
		['00:00', '00:00'],
	])('accepts %p as %p', (input, out) => expect(checkTime(input, 'Start')).toBe(out));

	it.each(['24:00', '12:60', '9', '0900', '9:5', '', undefined, 900, '09:00:00'])('rejects %p', (input) =>
		expect(problem(() => checkTime(input, 'Call Window Start'))).toMatch(
			/^Call Window Start: .* is not a time of day\. Use 24-hour HH:MM/,
		),
	);
});

describe('checkTimeZone', () => {
	it.each([
		['America/New_York', 'America/New_York'],
		['america/new_york', 'America/New_York'],
		['UTC', 'UTC'],
		[' Europe/Istanbul ', 'Europe/Istanbul'],
	])('accepts %p as %p', (input, out) => expect(checkTimeZone(input, 'Zone')).toBe(out));

	it.each(['Mars/Olympus', '+01:00', '-0500', '', undefined, 5])('rejects %p', (input) =>
		expect(problem(() => checkTimeZone(input, 'Time Zone'))).toMatch(
			/^Time Zone: .* is not an IANA time zone\. Use a zone name such as America\/New_York/,
		),
	);
});

describe('checkIsoDate', () => {
	it.each([
		'2025-03-01',
		'2025-03-01T09:00:00Z',
		'2025-03-01T09:00:00.123+02:00',
		'2025-03-01T09:00',
		'2024-02-29T23:59:59-0500',
	])('accepts %p unchanged', (input) => expect(checkIsoDate(input, 'Start')).toBe(input));

	it('turns Date objects and Luxon-like DateTimes into ISO strings', () => {
		expect(checkIsoDate(new Date(Date.UTC(2025, 0, 2, 3, 4, 5)), 'Start')).toBe('2025-01-02T03:04:05.000Z');
		expect(checkIsoDate({ toISO: () => '2025-01-02T03:04:05.000+01:00' }, 'Start')).toBe(
			'2025-01-02T03:04:05.000+01:00',
		);
	});

	it.each(['2025-02-30', '2025-13-01', '2025-03-01T25:00:00Z', 'tomorrow', '01/03/2025', '', null])(
		'rejects %p',
		(input) =>
			expect(problem(() => checkIsoDate(input, 'Scheduled Start'))).toMatch(
				/^Scheduled Start: .* is not an ISO 8601 date\. Use a date such as 2025-03-01/,
			),
	);
});

describe('checkIntRange', () => {
	it('accepts whole numbers in range, numeric strings included', () => {
		expect(checkIntRange(5, 'Max', 1, 10)).toBe(5);
		expect(checkIntRange(' 7 ', 'Max', 1, 10)).toBe(7);
		expect(checkIntRange(1_000_000, 'Max', 0)).toBe(1_000_000);
	});

	it.each([
		[0, 1, 10, /Use a whole number from 1 to 10/],
		[11, 1, 10, /from 1 to 10/],
		[1.5, 1, 10, /from 1 to 10/],
		['abc', 1, 10, /"abc" is not allowed/],
		['', 1, undefined, /Use a whole number 1 or more/],
		[-1, 0, undefined, /0 or more/],
	])('rejects %p (min %p, max %p)', (input, min, max, message) =>
		expect(problem(() => checkIntRange(input, 'Max Calls', min, max))).toMatch(message),
	);
});
