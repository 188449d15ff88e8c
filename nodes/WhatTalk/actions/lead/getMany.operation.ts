import type { IDataObject } from 'n8n-workflow';

import { titledOptions } from '../../../common/nodeDescription';
import { InputError } from '../../../common/errors';
import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { checkIsoDate } from '../../../common/validate';
import { listLeads } from '../../transport/paging';
import { campaignOption, LEAD_STATUSES, readCampaignOption } from '../shared';

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
			options: titledOptions(LEAD_STATUSES),
		},
	],
	request: (_ctx, _i, filters) => readFilters(filters),
	list: listLeads,
});
