import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { lookupTeamId } from '../actions/shared';
import { listAll, listPage, PAGE_SIZE } from '../list';
import { talkturo } from '../provider';
import { listIn } from '../transport';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

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
	const needle = filter?.trim().toLowerCase();
	const results = page.items
		.filter((c) => !needle || text(c.name).toLowerCase().includes(needle))
		.map((c) => ({
			name: `${text(c.name) || String(c.id)}${c.status ? ` (${String(c.status)})` : ''}`,
			value: String(c.id),
		}));
	const next = offset + page.items.length;
	const more =
		page.items.length > 0 && (page.count !== undefined ? next < page.count : page.items.length >= PAGE_SIZE);
	return { results, paginationToken: more ? String(next) : undefined };
}

/** Outbound assistants, for Campaign → Assistant. */
export async function getAssistants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teamId = await lookupTeamId(this);
	const response = await talkturo.request<IDataObject>(this, {
		method: 'GET',
		path: '/crm/outbound-assistants',
		qs: { teamId },
		idempotent: true,
	});
	return listIn(response.body, 'assistants', 'outboundAssistants')
		.map((a) => ({
			name: text(a.name) || String(a.id),
			value: String(a.id),
			description: text(a.description) || undefined,
		}))
		.sort(byName);
}

/** The team's caller-ID numbers, labelled "number (id)": their ids are what campaigns take. */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teamId = await lookupTeamId(this);
	const response = await talkturo.request<IDataObject>(this, {
		method: 'GET',
		path: '/phone-numbers/purchase',
		qs: { teamId },
		idempotent: true,
	});
	return listIn(response.body, 'numbers', 'phoneNumbers')
		.map((n) => ({
			name: `${text(n.phone_number) || text(n.phoneNumber) || '?'} (${String(n.id)})`,
			value: String(n.id),
			description: n.status ? `Status: ${String(n.status)}` : undefined,
		}))
		.sort(byName);
}

/** The team's companies (a newer Talkturo endpoint; on older deployments, enter the ID instead). */
export async function getCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teamId = await lookupTeamId(this);
	const companies = await listAll(
		this,
		{
			path: '/crm/companies',
			qs: { teamId },
			key: 'companies',
			optional: { operation: 'the company list', endpoint: 'GET /crm/companies' },
		},
		1000,
	);
	return companies.map((c) => ({ name: text(c.name) || String(c.id), value: String(c.id) })).sort(byName);
}
