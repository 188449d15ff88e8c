import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { listAll } from '../../transport/paging';
import type { HalListRequest } from '../../transport/paging';

/** Lists the account's record lists (HAL paging, Return All / Limit). */
export const { description, execute } = getManyOperation({
	show: { resource: ['recordList'], operation: ['getMany'] },
	filters: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only record lists matching this name',
		},
	],
	request: (_ctx, _i, filters): HalListRequest => ({
		path: '/record-lists',
		key: 'record_lists',
		qs: compact({ name: filters.name }),
		scope: 'record-lists:manage',
	}),
	list: listAll,
});
