import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { InputError } from '../../../common/errors';
import { collectPages, compact, readLimit } from '../../../common/paging';
import { forEachPrepared } from '../../../common/prepared';
import { checkIsoDate } from '../../../common/validate';
import { whatTalkRequest } from '../../transport';
import { campaignOption, LEAD_STATUSES, readCampaignOption, statusLabel } from '../shared';

const show = { resource: ['lead'], operation: ['getMany'] };

/** WhatTalk's largest page. */
const MAX_PER_PAGE = 100;

const properties: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
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
	},
];

export const description = updateDisplayOptions({ show }, properties);

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

function readFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
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

/** Lists leads, filtered, following WhatTalk's page numbers (Laravel paginator). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => ({ qs: readFilters(this, i), limit: readLimit(this, i) }),
		async ({ qs, limit }, i) => {
			// One page size for the whole walk: page N means the same rows only if per_page stays the same.
			const perPage = Math.min(MAX_PER_PAGE, limit ?? MAX_PER_PAGE);
			return await collectPages(async (cursor) => {
				const page = (cursor as number | undefined) ?? 1;
				const response = await whatTalkRequest<LeadPage>(
					this,
					{ method: 'GET', path: '/user/leads', qs: { ...qs, per_page: perPage, page }, idempotent: true },
					undefined,
					i,
				);
				const rows = Array.isArray(response.body.data) ? response.body.data : [];
				const current = Number(response.body.current_page ?? page);
				const last = Number(response.body.last_page ?? current);
				return { items: rows, next: current < last ? current + 1 : undefined };
			}, limit);
		},
	);
}
