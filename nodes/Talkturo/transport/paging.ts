import type { IDataObject } from 'n8n-workflow';

import type { ListAll } from '../../common/getMany';
import { collectPages } from '../../common/paging';
import type { RequestContext, RetryPolicy } from '../../common/transport';
import { talkturo } from '../provider';
import { listIn } from './index';
import type { OptionalEndpoint } from './index';

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
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<ListPage> {
	const response = await talkturo.request<IDataObject>(
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
export const listAll: ListAll<ListRequest> = async (ctx, request, limit, policy, itemIndex) =>
	await collectPages(async (cursor, remaining) => {
		const offset = (cursor as number | undefined) ?? 0;
		const asked = Math.min(PAGE_SIZE, remaining ?? PAGE_SIZE);
		const page = await listPage(ctx, request, offset, asked, policy, itemIndex);
		const next = offset + page.items.length;
		const more = page.count !== undefined ? next < page.count : page.items.length >= asked;
		return { items: page.items, next: more ? next : undefined };
	}, limit);
