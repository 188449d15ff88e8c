/** Reading the requests the sandbox saw: which method and path, what the body carries. */
import type { ScopedRequest } from '../../sandbox/server';
import { countBy } from '../engine';

export const is = (request: ScopedRequest, method: string, path: RegExp) =>
	request.method === method && path.test(request.path);

/** The request's JSON body as an object ({} when there is none). */
export const body = (request: ScopedRequest) => (request.body ?? {}) as Record<string, unknown>;

export const listIn = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Item i of rows that name things "<prefix> <i>": "Campaign 17" → [17]. */
export function numbered(prefix: string, value: unknown): number[] {
	const match = new RegExp(`^${prefix} (\\d+)$`).exec(String(value ?? ''));
	return match ? [Number(match[1])] : [];
}

/**
 * Rows whose items create things named "<prefix> <i>" (campaigns, lists): the input, the item a request is
 * for, and how many of the things exist per item.
 */
export function named(prefix: string) {
	const names = (n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
	return {
		input: (_env: unknown, n: number) => names(n).map((name) => ({ name })),
		itemsOf: (_env: unknown, request: ScopedRequest) => numbered(prefix, body(request).name),
		count: (things: Iterable<{ name: string }>, n: number) =>
			countBy(things, (thing) => thing.name, names(n)),
	};
}
