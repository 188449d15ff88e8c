import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { keyValues } from '../../../common/runner';
import { listAll } from '../../transport/paging';
import type { HalListRequest } from '../../transport/paging';
import { listField, phoneFilterFields, readListId, readPhoneFilter, RECORD_LIST } from '../shared';

const show = { resource: ['record'], operation: ['getMany'] };

/** Lists the records of a record list (HAL paging, Return All / Limit). */
export const { description, execute } = getManyOperation({
	show,
	before: [listField(RECORD_LIST)],
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
	request: (ctx, i, filters): HalListRequest & { listId: string } => {
		const listId = readListId(ctx, i, RECORD_LIST);
		return {
			listId,
			path: `/record-lists/${listId}/records`,
			key: 'records',
			qs: compact({
				phone_number: readPhoneFilter(filters),
				search: filters.search,
				order_by: filters.orderBy,
			}),
			scope: 'record-lists:manage',
		};
	},
	list: listAll,
	subject: (list) => keyValues({ 'record list': list.listId }),
});
