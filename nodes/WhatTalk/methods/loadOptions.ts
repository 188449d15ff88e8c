import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { byName } from '../../common/lookups';
import { getRows, listCampaigns } from '../transport/paging';

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
