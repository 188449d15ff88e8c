import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nameFilter } from '../../common/lookups';
import { whatTalk } from '../provider';
import { campaignPageUrl } from '../transport';
import { listCampaigns } from '../transport/paging';

/** Resource locator "From List": campaigns by name or ID, with their dashboard URL. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const [rows, baseUrl] = await Promise.all([listCampaigns(this), whatTalk.baseUrl(this)]);
	const matches = nameFilter(filter);
	const results = rows
		.filter((c) => matches(String(c.name ?? '')) || String(c.id) === filter?.trim().toLowerCase())
		.map((c) => ({
			name: `${String(c.name ?? 'Unnamed')}${c.status ? ` (${String(c.status)})` : ''}`,
			value: String(c.id),
			url: campaignPageUrl(baseUrl, c.id),
		}));
	return { results };
}
