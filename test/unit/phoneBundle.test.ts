/**
 * The phone library as published: `npm run build` bundles libphonenumber-js into dist from its untranspiled
 * `source/` modules, with its pattern check memoised (gulpfile.js). This checks that bundle against the package's
 * own CommonJS build, number by number: for every country, its example numbers in the spellings CRMs hold them
 * (E.164, national, formatted, with a trunk or international prefix, an extension, a digit too few or too many, a
 * digit changed), each read with the country itself, the US and Great Britain as the default country. Every result
 * (validity, type, number, country, extension) must be the same.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as reference from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'nodes', 'common', 'vendor', 'phoneLib.js');

type PhoneLib = Pick<typeof reference, 'parsePhoneNumberFromString' | 'getCountries'>;

function loadBundle(): PhoneLib {
	if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(BUNDLE) as PhoneLib;
}

/** What a node reads from a parsed number, as plain data. */
function reading(lib: PhoneLib, text: string, defaultCountry: CountryCode): unknown {
	let parsed: PhoneNumber | undefined;
	try {
		parsed = lib.parsePhoneNumberFromString(text, { defaultCountry });
	} catch (error) {
		return { threw: (error as Error).message };
	}
	if (!parsed) return undefined;
	return {
		valid: parsed.isValid(),
		possible: parsed.isPossible(),
		type: parsed.getType(),
		number: parsed.number,
		nationalNumber: parsed.nationalNumber,
		countryCallingCode: parsed.countryCallingCode,
		country: parsed.country,
		ext: parsed.ext,
		international: parsed.formatInternational(),
	};
}

/** The spellings of one example number that a contact list may hold. */
function spellings(e164: string, country: CountryCode): string[] {
	const parsed = reference.parsePhoneNumberFromString(e164)!;
	const national = parsed.formatNational();
	const digits = parsed.nationalNumber;
	const changed = digits.slice(0, -3) + String((Number(digits.at(-3)) + 5) % 10) + digits.slice(-2);
	const code = reference.getCountryCallingCode(country);
	return [
		e164,
		parsed.formatInternational(),
		national,
		digits,
		`00${code}${digits}`,
		`011 ${code} ${digits}`,
		`${national} ext. 12`,
		`${e164} x7`,
		`+${code} (0) ${digits}`,
		`+${code}${digits.slice(0, -1)}`,
		`+${code}${digits}9`,
		`+${code}${changed}`,
		`tel:${e164};ext=3`,
		` ${national.replace(/\s/g, '.')} `,
	];
}

describe('the bundled phone library', () => {
	it('reads every spelling of every country example as the package itself does', () => {
		const bundle = loadBundle();
		expect(bundle.getCountries()).toEqual(reference.getCountries());
		let compared = 0;
		const differences: string[] = [];
		for (const country of reference.getCountries()) {
			const example = (examples as Record<string, string>)[country];
			if (!example) continue;
			const e164 = reference.parsePhoneNumberFromString(example, country)?.number;
			if (!e164) continue;
			for (const text of spellings(e164, country)) {
				for (const defaultCountry of [country, 'US', 'GB'] as CountryCode[]) {
					const expected = reading(reference, text, defaultCountry);
					const actual = reading(bundle, text, defaultCountry);
					compared++;
					if (JSON.stringify(actual) !== JSON.stringify(expected))
						differences.push(`${JSON.stringify(text)} in ${defaultCountry}`);
				}
			}
		}
		expect(differences).toEqual([]);
		expect(compared).toBeGreaterThan(8000);
	});
});
