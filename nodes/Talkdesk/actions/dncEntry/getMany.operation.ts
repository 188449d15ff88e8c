import { compact } from '../../../common/paging';
import { keyValues } from '../../../common/runner';
import { getManyOperation, phoneFilterFields, readPhoneFilter } from '../getMany';
import { DNC_LIST, listField, readListId } from '../shared';

const show = { resource: ['dncEntry'], operation: ['getMany'] };

/** Lists the entries of a do-not-call list (HAL paging, Return All / Limit). */
export const { description, execute } = getManyOperation({
	show,
	before: [listField(DNC_LIST, show)],
	filters: phoneFilterFields('entries'),
	request: (ctx, i, filters) => ({
		path: `/do-not-call-lists/${readListId(ctx, i, DNC_LIST)}/entries`,
		key: 'entries',
		qs: compact({ phone_number: readPhoneFilter(filters) }),
		scope: 'do-not-call-lists:manage',
	}),
	subject: (ctx, i) => keyValues({ 'do-not-call list': readListId(ctx, i, DNC_LIST) }),
});
