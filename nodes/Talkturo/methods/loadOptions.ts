import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { byName } from '../../common/lookups';
import { lookupTeamId, text } from '../actions/shared';
import { talkturo } from '../provider';
import { listIn } from '../transport';
import { listAll } from '../transport/paging';

/** A list of the team that Talkturo answers whole (under one of `keys`), as dropdown options A to Z. */
async function teamOptions(
	ctx: ILoadOptionsFunctions,
	path: string,
	keys: string[],
	option: (row: IDataObject) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	const teamId = await lookupTeamId(ctx);
	const response = await talkturo.request<IDataObject>(ctx, {
		method: 'GET',
		path,
		qs: { teamId },
		idempotent: true,
	});
	return listIn(response.body, ...keys)
		.map(option)
		.sort(byName);
}

/** Outbound assistants, for Campaign → Assistant. */
export async function getAssistants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await teamOptions(this, '/crm/outbound-assistants', ['assistants', 'outboundAssistants'], (a) => ({
		name: text(a.name) || String(a.id),
		value: String(a.id),
		description: text(a.description) || undefined,
	}));
}

/** The team's caller-ID numbers, labelled "number (id)": their ids are what campaigns take. */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await teamOptions(this, '/phone-numbers/purchase', ['numbers', 'phoneNumbers'], (n) => ({
		name: `${text(n.phone_number) || text(n.phoneNumber) || '?'} (${String(n.id)})`,
		value: String(n.id),
		description: n.status ? `Status: ${String(n.status)}` : undefined,
	}));
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
