import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchHalPage } from '../transport/paging';
import type { HalListRequest } from '../transport/paging';
import type { TalkdeskScope } from '../transport';

const PAGE_SIZE = 50;

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/**
 * A resource-locator search over a HAL collection: the filter goes to Talkdesk as `filterKey`, one page at a
 * time, and the page's `next` link is the pagination token.
 */
function searchMethod(
	path: string,
	key: string,
	scope: TalkdeskScope,
	filterKey: string,
	qs: HalListRequest['qs'] = {},
): SearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const list: HalListRequest = {
			path,
			key,
			scope,
			qs: { ...qs, ...(filter?.trim() ? { [filterKey]: filter.trim() } : {}) },
		};
		const { items, next } = await fetchHalPage(this, list, paginationToken || undefined, PAGE_SIZE);
		return {
			results: items.map((item) => ({ name: String(item.name ?? item.id), value: String(item.id) })),
			paginationToken: next,
		};
	};
}

/** Campaigns by name (Talkdesk's `search`), A to Z. */
export const searchCampaigns = searchMethod('/campaigns', 'campaigns', 'campaigns:read', 'search', {
	order_by: 'name:asc',
});

/** Record lists, filtered by name on Talkdesk's side. */
export const searchRecordLists = searchMethod('/record-lists', 'record_lists', 'record-lists:manage', 'name');

/** Do-not-call lists, filtered by name on Talkdesk's side. */
export const searchDncLists = searchMethod(
	'/do-not-call-lists',
	'do_not_call_lists',
	'do-not-call-lists:manage',
	'name',
);
