/**
 * `compute` remembered by its first argument, for checks a run repeats for every item with the same few keys (a
 * country code, a field name, a pattern). Only results are kept: a key that throws throws again, for each item
 * that has it (the other arguments only shape that error). At most `limit` keys are kept.
 */
export function remembered<T, Rest extends unknown[]>(
	compute: (key: string, ...rest: Rest) => T,
	limit = 1000,
): (key: string, ...rest: Rest) => T {
	const known = new Map<string, T>();
	return (key, ...rest) => {
		const hit = known.get(key);
		if (hit !== undefined) return hit;
		const value = compute(key, ...rest);
		if (known.size < limit) known.set(key, value);
		return value;
	};
}
