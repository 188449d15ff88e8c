import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { collectPages } from '../../common/paging';
import type { RequestContext } from '../../common/transport';
import { taalk } from '../provider';

const PAGE_SIZE = 100;

interface CampaignPage {
	payload?: IDataObject[];
	total?: number;
}

async function fetchCampaignPage(ctx: RequestContext, page: number, itemIndex?: number) {
	const response = await taalk.request<CampaignPage>(
		ctx,
		{ method: 'GET', path: '/campaign2s', qs: { page, limit: PAGE_SIZE }, idempotent: true },
		undefined,
		itemIndex,
	);
	const items = Array.isArray(response.body.payload) ? response.body.payload : [];
	const total = typeof response.body.total === 'number' ? response.body.total : undefined;
	const seenSoFar = (page - 1) * PAGE_SIZE + items.length;
	const more = items.length === PAGE_SIZE && (total === undefined || seenSoFar < total);
	return { items, next: more ? page + 1 : undefined };
}

/** All campaigns (or the first `limit`), following Taalk's page numbers (1-based). */
export async function listCampaigns(
	ctx: RequestContext,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(
		async (cursor) => await fetchCampaignPage(ctx, (cursor as number | undefined) ?? 1, itemIndex),
		limit,
	);
}

/** Resource locator "From List": campaigns by name, searchable, one Taalk page at a time. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const { items, next } = await fetchCampaignPage(this, page);
	const needle = filter?.trim().toLowerCase();
	const results = items
		.filter(
			(c) =>
				!needle ||
				String(c.name ?? '')
					.toLowerCase()
					.includes(needle),
		)
		.map((c) => ({
			name: String(c.name ?? c._id),
			value: String(c._id),
			url: `https://lets.taalk.ai/console/campaign2s/${String(c._id)}`,
		}));
	return { results, paginationToken: next ? String(next) : undefined };
}
