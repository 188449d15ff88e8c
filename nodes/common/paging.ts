import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkIntRange } from './validate';

/** One page from a list endpoint; `next` is whatever the following request needs, absent on the last page. */
export interface Page<T> {
	items: T[];
	next?: unknown;
}

/** Hard stop for a paging loop whose cursor never ends (a misbehaving server). */
const MAX_PAGES = 10_000;

/**
 * Return All / Limit over any paging scheme (offset, page number, HAL next link, cursor).
 * `limit` undefined means all. Stops when the page is empty, `next` is absent or repeats, or the limit is met.
 */
export async function collectPages<T>(
	fetchPage: (cursor: unknown, remaining: number | undefined) => Promise<Page<T>>,
	limit: number | undefined,
): Promise<T[]> {
	const all: T[] = [];
	let cursor: unknown = undefined;
	const seen = new Set<string>();
	for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
		const remaining = limit === undefined ? undefined : limit - all.length;
		const page = await fetchPage(cursor, remaining);
		all.push(...page.items);
		if (limit !== undefined && all.length >= limit) return all.slice(0, limit);
		if (page.items.length === 0 || page.next === undefined || page.next === null) return all;
		const key = JSON.stringify(page.next);
		if (seen.has(key)) return all;
		seen.add(key);
		cursor = page.next;
	}
	return all;
}

/** Reads and checks the standard Return All / Limit pair: `undefined` means everything. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	return checkIntRange(ctx.getNodeParameter('limit', itemIndex, 50), 'Limit', 1);
}

/** Drops undefined / empty-string values, so optional fields the user left blank are not sent. */
export function compact(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(obj)) {
		if (value === undefined || value === null || value === '') continue;
		out[key] = value;
	}
	return out;
}
