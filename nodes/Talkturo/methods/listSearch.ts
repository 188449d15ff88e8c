import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nameFilter } from '../../common/lookups';
import { lookupTeamId, text } from '../actions/shared';
import { listPage, PAGE_SIZE } from '../transport/paging';

/** Resource locator "From List": the team's campaigns by name, searchable, a Talkturo page at a time. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const teamId = await lookupTeamId(this);
	const offset = paginationToken ? Number(paginationToken) : 0;
	const page = await listPage(
		this,
		{ path: '/crm/campaigns', qs: { teamId }, key: 'campaigns' },
		offset,
		PAGE_SIZE,
	);
	const matches = nameFilter(filter);
	const results = page.items
		.filter((c) => matches(text(c.name)))
		.map((c) => ({
			name: `${text(c.name) || String(c.id)}${c.status ? ` (${String(c.status)})` : ''}`,
			value: String(c.id),
		}));
	const next = offset + page.items.length;
	const more =
		page.items.length > 0 && (page.count !== undefined ? next < page.count : page.items.length >= PAGE_SIZE);
	return { results, paginationToken: more ? String(next) : undefined };
}
