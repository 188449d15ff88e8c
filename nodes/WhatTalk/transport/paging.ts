import type { IDataObject } from 'n8n-workflow';

import type { ListAll } from '../../common/getMany';
import { collectPages } from '../../common/paging';
import type { RequestContext, RetryPolicy } from '../../common/transport';
import { whatTalk } from '../provider';

/** A list endpoint's rows: WhatTalk answers a bare array; a `{data: [...]}` envelope is accepted too. */
function rowsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const data = (body as { data?: unknown } | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/** The rows of one GET of a list endpoint. */
export async function getRows(
	ctx: RequestContext,
	path: string,
	qs?: IDataObject,
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await whatTalk.request<unknown>(
		ctx,
		{ method: 'GET', path, qs, idempotent: true },
		policy,
		itemIndex,
	);
	return rowsOf(response.body);
}

/** Every campaign of the account (WhatTalk's list has no paging). */
export async function listCampaigns(
	ctx: RequestContext,
	policy?: RetryPolicy,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await getRows(ctx, '/user/campaigns', undefined, policy, itemIndex);
}

/** WhatTalk's largest page. */
const MAX_PER_PAGE = 100;

interface LeadPage {
	data?: IDataObject[];
	current_page?: number;
	last_page?: number;
}

/** Leads of a filter, following WhatTalk's page numbers (Laravel paginator). */
export const listLeads: ListAll<IDataObject> = async (ctx, qs, limit, _policy, itemIndex) => {
	// One page size for the whole walk: page N means the same rows only if per_page stays the same.
	const perPage = Math.min(MAX_PER_PAGE, limit ?? MAX_PER_PAGE);
	return await collectPages(async (cursor) => {
		const page = (cursor as number | undefined) ?? 1;
		const response = await whatTalk.request<LeadPage>(
			ctx,
			{ method: 'GET', path: '/user/leads', qs: { ...qs, per_page: perPage, page }, idempotent: true },
			undefined,
			itemIndex,
		);
		const rows = Array.isArray(response.body.data) ? response.body.data : [];
		const current = Number(response.body.current_page ?? page);
		const last = Number(response.body.last_page ?? current);
		return { items: rows, next: current < last ? current + 1 : undefined };
	}, limit);
};
