/** Rows whose items each name an entity seeded in the sandbox (a campaign, a contact, a lead…). */
import type { IDataObject } from 'n8n-workflow';

import type { FaultEnv } from './engine';

/** An environment with one seeded entity per input item: `ids[i]` is item i's, `index` finds i from an id. */
export type Keyed<E extends FaultEnv> = E & { ids: string[]; index: Map<string, number> };

/** Seeds one entity per item with `seed(i)` (returning its id) on a fresh environment. */
export async function keyed<E extends FaultEnv>(
	start: () => Promise<E>,
	n: number,
	seed: (env: E, i: number) => string | number,
): Promise<Keyed<E>> {
	const env = await start();
	const ids = Array.from({ length: n }, (_, i) => String(seed(env, i)));
	return Object.assign(env, { ids, index: new Map(ids.map((id, i) => [id, i])) });
}

/** The input items of a keyed row: `{ id }` plus whatever `extra(i)` adds. */
export function keyedInput(env: { ids: string[] }, extra: (i: number) => IDataObject = () => ({})) {
	return env.ids.map((id, i) => ({ id, ...extra(i) }));
}

/** A resource locator "By ID" read from the input item's `id`. */
export const idFromItem = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

/** The item a path segment names (`undefined` → no item). */
export function itemAt(env: { index: Map<string, number> }, key: string): number[] {
	const item = env.index.get(key);
	return item === undefined ? [] : [item];
}
