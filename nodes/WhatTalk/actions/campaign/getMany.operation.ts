import { getManyOperation } from '../../../common/getMany';
import { listCampaigns } from '../../transport/paging';

/** Lists the account's campaigns (WhatTalk returns them all at once; Limit cuts the list). */
export const { description, execute } = getManyOperation({
	show: { resource: ['campaign'], operation: ['getMany'] },
	request: () => ({}),
	list: async (ctx, _list, limit, _policy, itemIndex) => {
		const campaigns = await listCampaigns(ctx, undefined, itemIndex);
		return limit === undefined ? campaigns : campaigns.slice(0, limit);
	},
});
