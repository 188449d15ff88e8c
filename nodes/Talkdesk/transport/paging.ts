import type { IDataObject } from 'n8n-workflow';

import type { ListAll } from '../../common/getMany';
import { collectPages } from '../../common/paging';
import { DEFAULT_RETRY_POLICY } from '../../common/transport';
import type { RequestContext, RetryPolicy } from '../../common/transport';
import { talkdesk } from '../provider';
import type { TalkdeskScope } from './index';

/** Reads `_embedded.<key>` (or the first array in `_embedded`) of a HAL page. */
export function embedded(body: unknown, key: string): IDataObject[] {
	const holder = (body as { _embedded?: Record<string, unknown> } | undefined)?._embedded;
	if (!holder || typeof holder !== 'object') return [];
	const list = holder[key] ?? Object.values(holder).find(Array.isArray);
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

function nextLink(body: unknown): string | undefined {
	const next = (body as { _links?: { next?: { href?: unknown } } } | undefined)?._links?.next?.href;
	return typeof next === 'string' && next !== '' ? next : undefined;
}

const MAX_PER_PAGE = 100;

export interface HalListRequest {
	path: string;
	/** `_embedded` key holding the items, e.g. `campaigns`. */
	key: string;
	qs?: IDataObject;
	scope: TalkdeskScope;
}

/** One HAL page: the first from `path` + `qs`, the following ones from the `next` link as given. */
export async function fetchHalPage(
	ctx: RequestContext,
	list: HalListRequest,
	cursor: string | undefined,
	perPage: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	itemIndex?: number,
): Promise<{ items: IDataObject[]; next?: string }> {
	const response = await talkdesk.request<IDataObject>(
		ctx,
		cursor
			? { method: 'GET', url: cursor, idempotent: true, scope: list.scope }
			: {
					method: 'GET',
					path: list.path,
					qs: { ...list.qs, page: 1, per_page: perPage },
					idempotent: true,
					scope: list.scope,
				},
		policy,
		itemIndex,
	);
	return { items: embedded(response.body, list.key), next: nextLink(response.body) };
}

/** Return All / Limit over a HAL collection, following `_links.next.href` until it is absent. */
export const listAll: ListAll<HalListRequest> = async (ctx, list, limit, policy, itemIndex) => {
	const perPage = limit === undefined ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, limit));
	return await collectPages(
		async (cursor) => await fetchHalPage(ctx, list, cursor as string | undefined, perPage, policy, itemIndex),
		limit,
	);
};
