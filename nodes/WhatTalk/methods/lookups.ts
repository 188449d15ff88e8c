import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { RequestContext, RetryPolicy } from '../../common/transport';
import { whatTalk } from '../provider';
import { campaignPageUrl } from '../transport';

/** A list endpoint's rows: WhatTalk answers a bare array; a `{data: [...]}` envelope is accepted too. */
export function rowsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const data = (body as { data?: unknown } | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

async function getRows(
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

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** "Name (id)" options from rows with `id` and `name`. */
function namedOptions(rows: IDataObject[]): INodePropertyOptions[] {
	return rows
		.map((row) => ({ name: `${String(row.name ?? 'Unnamed')} (${String(row.id)})`, value: Number(row.id) }))
		.sort(byName);
}

/** Dropdown: outbound assistants (the only kind a campaign accepts). */
export async function getOutboundAssistants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await getRows(this, '/user/assistants/outbound'));
}

/** Dropdown: every assistant (the trigger listens on inbound ones too). */
export async function getAssistants(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await getRows(this, '/user/assistants'));
}

/** Dropdown: phone numbers usable as caller ID by campaigns, labelled "number (id)". */
export async function getCallerIdNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await getRows(this, '/user/assistants/phone-numbers', { type: 'outbound' });
	return rows
		.map((row) => ({
			name: `${String(row.phone_number)} (${String(row.id)})`,
			value: Number(row.id),
			description:
				row.is_available === false ? 'In use elsewhere' : row.type_label ? String(row.type_label) : undefined,
		}))
		.sort(byName);
}

/** Dropdown: campaigns, labelled "name (id)". */
export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await listCampaigns(this));
}

/** Dropdown: IANA time zones known to this n8n's runtime (no request). */
export async function getTimeZones(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf(
		'timeZone',
	);
	return [
		{ name: 'Account Default (Not Sent)', value: '' },
		...zones.map((zone) => ({ name: zone, value: zone })),
	];
}

/** Resource locator "From List": campaigns by name or ID, with their dashboard URL. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const [rows, baseUrl] = await Promise.all([listCampaigns(this), whatTalk.baseUrl(this)]);
	const needle = filter?.trim().toLowerCase();
	const results = rows
		.filter(
			(c) =>
				!needle ||
				String(c.name ?? '')
					.toLowerCase()
					.includes(needle) ||
				String(c.id) === needle,
		)
		.map((c) => ({
			name: `${String(c.name ?? 'Unnamed')}${c.status ? ` (${String(c.status)})` : ''}`,
			value: String(c.id),
			url: campaignPageUrl(baseUrl, c.id),
		}));
	return { results };
}
