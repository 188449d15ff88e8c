/** Helpers for the matrix's rows: input items recognisable by their phones, and counting requests and effects. */

/** Counts of `key(i)` for i < n among `values`, e.g. how many stored contacts have item i's phone. */
export function countBy<T>(values: Iterable<T>, keyOf: (value: T) => string, keys: string[]): number[] {
	const counts = new Map<string, number>();
	for (const value of values) {
		const key = keyOf(value);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return keys.map((key) => counts.get(key) ?? 0);
}

/** Last path segment, decoded. */
export function lastSegment(path: string): string {
	return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** Path segment `n` (0-based, after the leading slash), decoded. */
export function segment(path: string, n: number): string {
	return decodeURIComponent(path.split('/')[n + 1] ?? '');
}

/** The input item whose phone (`phoneOf`) this is, in any of its forms; undefined for other numbers. */
export function itemOfPhone(phone: unknown): number | undefined {
	const digits = String(phone ?? '').replace(/\D/g, '');
	const match = /^1?704(\d{3})(\d{4})$/.exec(digits);
	if (!match) return undefined;
	const exchange = Number(match[1]);
	return exchange >= 200 ? (exchange - 200) * 10_000 + Number(match[2]) : undefined;
}

/** Input items whose phones are among `phones`. */
export function itemsOfPhones(phones: unknown[]): number[] {
	return phones.map(itemOfPhone).filter((i): i is number => i !== undefined);
}

/** The phones of items 0 … n-1 in one form. */
export function phonesOf(n: number, form: 'national' | 'e164'): string[] {
	return Array.from({ length: n }, (_, i) => phoneOf(i)[form]);
}

/** A phone for input item `i`, unique for up to 90 000 items, valid in the US: (704) 2xx-xxxx. */
export function phoneOf(i: number): { national: string; e164: string; input: string } {
	const exchange = 200 + Math.floor(i / 10_000);
	const line = String(i % 10_000).padStart(4, '0');
	return {
		national: `704${exchange}${line}`,
		e164: `+1704${exchange}${line}`,
		input: `(704) ${exchange}-${line}`,
	};
}
