import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { keyValues } from '../../../common/runner';
import { listAll } from '../../transport/paging';
import type { HalListRequest } from '../../transport/paging';
import { DNC_LIST, listField, phoneFilterFields, readListId, readPhoneFilter } from '../shared';

const show = { resource: ['dncEntry'], operation: ['getMany'] };

/** Lists the entries of a do-not-call list (HAL paging, Return All / Limit). */
export const { description, execute } = getManyOperation({
	show,
	before: [listField(DNC_LIST)],
	filters: phoneFilterFields('entries'),
	request: (ctx, i, filters): HalListRequest & { listId: string } => {
		const listId = readListId(ctx, i, DNC_LIST);
		return {
			listId,
			path: `/do-not-call-lists/${listId}/entries`,
			key: 'entries',
			qs: compact({ phone_number: readPhoneFilter(filters) }),
			scope: 'do-not-call-lists:manage',
		};
	},
	list: listAll,
	subject: (list) => keyValues({ 'do-not-call list': list.listId }),
});
