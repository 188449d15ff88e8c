import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nameFilter } from '../../common/lookups';
import { fetchCampaignPage } from '../transport/paging';

/** Resource locator "From List": campaigns by name, searchable, one Taalk page at a time. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const { items, next } = await fetchCampaignPage(this, page);
	const matches = nameFilter(filter);
	const results = items
		.filter((c) => matches(String(c.name ?? '')))
		.map((c) => ({
			name: String(c.name ?? c._id),
			value: String(c._id),
			url: `https://lets.taalk.ai/console/campaign2s/${String(c._id)}`,
		}));
	return { results, paginationToken: next ? String(next) : undefined };
}
