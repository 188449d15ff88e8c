import type { IDataObject } from 'n8n-workflow';

import { collectPages } from '../../common/paging';
import type { RequestContext } from '../../common/transport';
import { taalk } from '../provider';

const PAGE_SIZE = 100;

interface CampaignPage {
	payload?: IDataObject[];
	total?: number;
}

/** One page of campaigns (`page` counts from 1) and the number of the next, if there is one. */
export async function fetchCampaignPage(ctx: RequestContext, page: number, itemIndex?: number) {
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
