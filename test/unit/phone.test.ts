import { InputError } from '../../nodes/common/errors';
import { checkCountry, normalizePhone } from '../../nodes/common/phone';

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
