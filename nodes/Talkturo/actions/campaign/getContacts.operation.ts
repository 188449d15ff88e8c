import { titledOptions } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { listAll } from '../../transport/paging';
import { talkturo } from '../../provider';

const show = { resource: ['campaign'], operation: ['getContacts'] };

/** Lists a campaign's contacts with their dialing status, one output item each. */
export const { description, execute } = getManyOperation({
	show,
	before: [talkturo.campaignField()],
	filters: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'pending',
			options: titledOptions(['calling', 'completed', 'failed', 'pending', 'queued', 'skipped']),
			description: "Only contacts with this status in the campaign's dial list",
		},
	],
	after: [optionsCollection(requestOptionFields)],
	request: (ctx, i, filters) => {
		const campaignId = talkturo.readCampaignId(ctx, i);
		return {
			campaignId,
			path: `/crm/campaigns/${encodeURIComponent(campaignId)}/contacts`,
			qs: compact({ status: filters.status }),
			key: 'contacts',
			optional: { operation: 'Campaign → Get Contacts', endpoint: 'GET /crm/campaigns/{id}/contacts' },
		};
	},
	list: listAll,
	subject: (list) => keyValues({ campaign: list.campaignId }),
});
