import { compact } from '../../../common/paging';
import { keyValues } from '../../../common/runner';
import { getManyOperation, phoneFilterFields, readPhoneFilter } from '../getMany';
import { listField, readListId, RECORD_LIST } from '../shared';

const show = { resource: ['record'], operation: ['getMany'] };

/** Lists the records of a record list (HAL paging, Return All / Limit). */
export const { description, execute } = getManyOperation({
	show,
	before: [listField(RECORD_LIST, show)],
	filters: [
		...phoneFilterFields('records'),
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'options',
			default: 'updated_at:desc',
			options: [
				{ name: 'Priority (High First)', value: 'priority:desc' },
				{ name: 'Priority (Low First)', value: 'priority:asc' },
				{ name: 'Updated (Newest First)', value: 'updated_at:desc' },
				{ name: 'Updated (Oldest First)', value: 'updated_at:asc' },
			],
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			description: 'Only records whose name contains this text',
		},
	],
	request: (ctx, i, filters) => ({
		path: `/record-lists/${readListId(ctx, i, RECORD_LIST)}/records`,
		key: 'records',
		qs: compact({
			phone_number: readPhoneFilter(filters),
			search: filters.search,
			order_by: filters.orderBy,
		}),
		scope: 'record-lists:manage',
	}),
	subject: (ctx, i) => keyValues({ 'record list': readListId(ctx, i, RECORD_LIST) }),
});
