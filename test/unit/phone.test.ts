import { InputError } from '../../nodes/common/errors';
import { checkCountry, normalizePhone, phoneSpellings } from '../../nodes/common/phone';

const us = { defaultCountry: 'US', field: 'Phone' } as const;

describe('normalizePhone', () => {
	it.each([
		['7047058647', 'national', '7047058647'],
		['(704) 705-8647', 'national', '7047058647'],
		['+1 704 705 8647', 'national', '7047058647'],
		['7047058647', 'e164', '+17047058647'],
		['704.705.8647', 'e164', '+17047058647'],
		[7047058647, 'e164', '+17047058647'],
	] as const)('formats %p as %s → %s', (input, format, expected) => {
		expect(normalizePhone(input, { ...us, format })).toBe(expected);
	});

	it('uses the default country for numbers without a prefix', () => {
		expect(normalizePhone('020 7946 0958', { defaultCountry: 'GB', format: 'e164', field: 'Phone' })).toBe(
			'+442079460958',
		);
		expect(normalizePhone('0555 123 45 67', { defaultCountry: 'TR', format: 'e164', field: 'Phone' })).toBe(
			'+905551234567',
		);
	});

	it.each([
		['', 'is empty'],
		['   ', 'is empty'],
		[undefined, 'is empty'],
		['123', '"123" is not a valid phone number for US'],
		['abc', '"abc" is not a valid phone number for US'],
		['555-0000', '"555-0000" is not a valid phone number for US'],
		['+999 123456', 'is not a valid phone number'],
		['+1 555 0100 000', 'is not a valid phone number'],
	])('rejects %p with a message quoting it', (input, message) => {
		let error: unknown;
		try {
			normalizePhone(input, { ...us, format: 'e164' });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).field).toBe('Phone');
		expect((error as InputError).message).toContain(message);
		expect((error as InputError).hint).toMatch(/\+14155550123|phone number/);
	});

	it('rejects a number that is valid elsewhere but not in the default country', () => {
		// A UK mobile written nationally is not a valid US number.
		expect(() => normalizePhone('07911 123456', { ...us, format: 'e164' })).toThrow(
			/not a valid phone number for US/,
		);
	});
});

describe('checkCountry', () => {
	it('accepts ISO codes in any case', () => {
		expect(checkCountry('us')).toBe('US');
		expect(checkCountry(' de ')).toBe('DE');
	});
	it.each(['USA', 'XX', '', 'United States'])('rejects %p', (code) => {
		expect(() => checkCountry(code)).toThrow(/ISO 3166-1 alpha-2/);
	});
});

describe('normalizePhone: a number is never turned into a different number', () => {
	const national = { defaultCountry: 'US', format: 'national', field: 'Phone' } as const;

	// National digits of these foreign numbers are themselves valid US numbers (other area codes): sent without
	// their country code they would ring a stranger in the US.
	it.each([
		['+44 20 7946 0958', 'United Kingdom (+44)', '2079460958', 'GB'],
		['+90 212 555 1234', 'Türkiye (+90)', '2125551234', 'TR'],
		['011 44 20 7946 0958', 'United Kingdom (+44)', '2079460958', 'GB'],
		['+33 6 12 34 56 78', 'France (+33)', '612345678', 'FR'],
	])('national digits refuse %p, naming its country and the fix', (input, country, digits, code) => {
		let error: unknown;
		try {
			normalizePhone(input, national);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		const { message, hint } = error as InputError;
		expect(message).toContain(`"${input}" is a number of ${country}`);
		expect(message).toContain('United States (+1), the Default Country');
		expect(message).toContain(`sent as ${digits}`);
		expect(hint).toMatch(/Phone Format to E\.164/);
		expect(hint).toContain(`Default Country to ${code}`);
	});

	it('the same numbers keep their country in E.164', () => {
		expect(normalizePhone('+44 20 7946 0958', { ...national, format: 'e164' })).toBe('+442079460958');
		expect(normalizePhone('+90 212 555 1234', { ...national, format: 'e164' })).toBe('+902125551234');
	});

	it('national digits carry numbers of the Default Country, and of countries sharing its calling code', () => {
		expect(normalizePhone('+1 416 555 0199', national)).toBe('4165550199'); // Canada: +1, dialled the same
		expect(normalizePhone('+44 20 7946 0958', { ...national, defaultCountry: 'GB' })).toBe('2079460958');
	});

	it.each(['415 555 0123 ext 2', '415-555-0123 x12', '4155550123#12', '+1 (415) 555-0123;ext=5'])(
		'an extension is not dropped: %p fails its item',
		(input) => {
			for (const format of ['national', 'e164'] as const) {
				expect(() => normalizePhone(input, { ...national, format })).toThrow(
					/has an extension \(\d+\), which cannot be dialled/,
				);
			}
		},
	);
});

describe('phoneSpellings', () => {
	const rules = { defaultCountry: 'US', field: 'Phone' } as const;
	it('gives both spellings of a Default Country number, the chosen format first', () => {
		expect(phoneSpellings('(704) 705-8647', { ...rules, format: 'national' })).toEqual([
			'7047058647',
			'+17047058647',
		]);
		expect(phoneSpellings('7047058647', { ...rules, format: 'e164' })).toEqual([
			'+17047058647',
			'7047058647',
		]);
	});
	it('gives only E.164 for a number of another calling code, and refuses it in national digits', () => {
		expect(phoneSpellings('+44 20 7946 0958', { ...rules, format: 'e164' })).toEqual(['+442079460958']);
		expect(() => phoneSpellings('+44 20 7946 0958', { ...rules, format: 'national' })).toThrow(
			/is a number of United Kingdom/,
		);
	});
});
