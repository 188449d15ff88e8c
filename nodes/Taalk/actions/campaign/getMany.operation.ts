import { getManyOperation } from '../../../common/getMany';
import { listCampaigns } from '../../transport/paging';

/** Lists the account's campaigns. */
export const { description, execute } = getManyOperation({
	show: { resource: ['campaign'], operation: ['getMany'] },
	request: () => ({}),
	list: async (ctx, _list, limit, _policy, itemIndex) => await listCampaigns(ctx, limit, itemIndex),
});
