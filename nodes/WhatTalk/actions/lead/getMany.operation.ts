import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../common/errors';
import { getManyOperation } from '../../../common/getMany';
import type { ListAll } from '../../../common/getMany';
import { collectPages, compact } from '../../../common/paging';
import { checkIsoDate } from '../../../common/validate';
import { whatTalk } from '../../provider';
import { campaignOption, LEAD_STATUSES, readCampaignOption, statusLabel } from '../shared';

/** WhatTalk's largest page. */
const MAX_PER_PAGE = 100;

interface LeadPage {
	data?: IDataObject[];
	current_page?: number;
	last_page?: number;
}

/** WhatTalk compares days: "2025-03-01T10:00:00" → "2025-03-01". */
function day(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return checkIsoDate(value, field).slice(0, 10);
}

function readFilters(filters: IDataObject): IDataObject {
	const qs = compact({
		status: filters.status,
		campaign_id: readCampaignOption(filters.campaignId),
		phone_number: typeof filters.phone === 'string' ? filters.phone.trim() : undefined,
		date_from: day(filters.dateFrom, 'Created After'),
		date_to: day(filters.dateTo, 'Created Before'),
	});
	if (qs.status !== undefined && !(LEAD_STATUSES as readonly string[]).includes(String(qs.status))) {
		throw new InputError(
			'Status',
			`"${String(qs.status)}" is not a lead status`,
			`Use ${LEAD_STATUSES.join(', ')}`,
		);
	}
	if (qs.date_from && qs.date_to && String(qs.date_from) > String(qs.date_to)) {
		throw new InputError(
			'Created Before',
			`${String(qs.date_to)} is before Created After (${String(qs.date_from)})`,
			'Swap the two dates',
		);
	}
	return qs;
}

/** Leads of a filter, following WhatTalk's page numbers (Laravel paginator). */
const listLeads: ListAll<IDataObject> = async (ctx, qs, limit, _policy, itemIndex) => {
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

/** Lists leads, filtered. */
export const { description, execute } = getManyOperation({
	show: { resource: ['lead'], operation: ['getMany'] },
	filters: [
		campaignOption('Only leads of this campaign'),
		{
			displayName: 'Created After',
			name: 'dateFrom',
			type: 'dateTime',
			default: '',
			description: 'Only leads created on or after this day (WhatTalk compares whole days)',
		},
		{
			displayName: 'Created Before',
			name: 'dateTo',
			type: 'dateTime',
			default: '',
			description: 'Only leads created on or before this day (WhatTalk compares whole days)',
		},
		{
			displayName: 'Phone Number Contains',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: '+90555',
			description: 'Only leads whose number contains this text',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'created',
			options: LEAD_STATUSES.map((status) => ({ name: statusLabel(status), value: status })),
		},
	],
	request: (_ctx, _i, filters) => readFilters(filters),
	list: listLeads,
});
