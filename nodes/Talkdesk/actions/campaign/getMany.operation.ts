import { titledOptions } from '../../../common/nodeDescription';
import { rangeLimits, rangeText } from '../../../common/descriptions';
import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { checkRange } from '../../../common/validate';
import { listAll } from '../../transport/paging';
import type { HalListRequest } from '../../transport/paging';
import { RANGES } from '../shared';
import { DIALING_MODES } from './fields';

/** Lists the account's campaigns, following Talkdesk's HAL `next` links for Return All / Limit. */
export const { description, execute } = getManyOperation({
	show: { resource: ['campaign'], operation: ['getMany'] },
	filters: [
		{
			displayName: 'Dialing Mode',
			name: 'dialingMode',
			type: 'options',
			default: 'PREVIEW',
			options: DIALING_MODES,
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only the campaign with exactly this name',
		},
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'options',
			default: 'created_at:desc',
			options: [
				{ name: 'Created (Newest First)', value: 'created_at:desc' },
				{ name: 'Created (Oldest First)', value: 'created_at:asc' },
				{ name: 'Dialing Mode', value: 'dialing_mode:asc' },
				{ name: 'Name (A-Z)', value: 'name:asc' },
				{ name: 'Name (Z-A)', value: 'name:desc' },
				{ name: 'Priority (High First)', value: 'priority:desc' },
				{ name: 'Priority (Low First)', value: 'priority:asc' },
			],
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'number',
			typeOptions: rangeLimits(RANGES.priority),
			default: 1,
			description: `Only campaigns with this priority (${rangeText(RANGES.priority)})`,
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			description: 'Only campaigns whose name contains this text',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'running',
			options: titledOptions(['incomplete', 'paused', 'ready', 'running']),
		},
	],
	request: (_ctx, _i, filters): HalListRequest => ({
		path: '/campaigns',
		key: 'campaigns',
		qs: compact({
			name: filters.name,
			search: filters.search,
			status: filters.status,
			dialing_mode: filters.dialingMode,
			priority:
				filters.priority === undefined
					? undefined
					: checkRange(filters.priority, 'Priority', RANGES.priority),
			order_by: filters.orderBy,
		}),
		scope: 'campaigns:read',
	}),
	list: listAll,
});
