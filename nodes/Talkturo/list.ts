import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { collectPages, readLimit } from '../common/paging';
import { forEachPrepared } from '../common/prepared';
import type { RequestContext, RetryPolicy } from '../common/transport';
import { listIn, talkturoRequest } from './transport';
import type { OptionalEndpoint } from './transport';

/** Talkturo pages with limit/offset; 100 a page keeps Return All to few requests. */
export const PAGE_SIZE = 100;

export interface ListRequest {
	path: string;
	qs: IDataObject;
	/** Where the list sits in the answer, e.g. `campaigns`. */
	key: string;
	optional?: OptionalEndpoint;
}

export interface ListPage {
	items: IDataObject[];
	/** Total matching before paging (`count`), when Talkturo says. */
	count?: number;
	/** The whole answer (e.g. `statusCounts` next to the list). */
	body: IDataObject;
}

/** One page at `offset`. */
export async function listPage(
	ctx: RequestContext,
	request: ListRequest,
	offset: number,
	limit: number,
	itemIndex?: number,
	policy?: RetryPolicy,
): Promise<ListPage> {
	const response = await talkturoRequest<IDataObject>(
		ctx,
		{
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, limit, offset },
			idempotent: true,
			optional: request.optional,
		},
		policy,
		itemIndex,
	);
	const body = response.body ?? {};
	const total = body.count ?? body.total;
	return {
		items: listIn(body, request.key),
		count: typeof total === 'number' ? total : undefined,
		body,
	};
}

/** Return All (`limit` undefined) or up to `limit`, following limit/offset until `count` is reached. */
export async function listAll(
	ctx: RequestContext,
	request: ListRequest,
	limit: number | undefined,
	itemIndex?: number,
	policy?: RetryPolicy,
): Promise<IDataObject[]> {
	return await collectPages(async (cursor, remaining) => {
		const offset = (cursor as number | undefined) ?? 0;
		const asked = Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE);
		const page = await listPage(ctx, request, offset, asked, itemIndex, policy);
		const next = offset + page.items.length;
		const more = page.count !== undefined ? next < page.count : page.items.length >= asked;
		return { items: page.items, next: more ? next : undefined };
	}, limit);
}

/**
 * A Get Many operation: `request` reads and checks an item's list request, and Limit is checked with
 * it (all items before any request); then Return All / Limit is applied, one output item per listed record.
 * `subject` names the item's key values (e.g. the campaign whose contacts are listed) in an API error.
 */
export async function listOperation<R extends ListRequest>(
	ctx: IExecuteFunctions,
	request: (itemIndex: number) => R | Promise<R>,
	subject?: (list: R) => string,
): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		ctx,
		async (i) => ({ list: await request(i), limit: readLimit(ctx, i) }),
		async ({ list, limit }, i, policy) => await listAll(ctx, list, limit, i, policy),
		subject && (({ list }) => subject(list)),
	);
}
