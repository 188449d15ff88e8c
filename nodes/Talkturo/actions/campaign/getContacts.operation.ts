import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../../common/descriptions';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { listOperation } from '../../list';
import { campaignField, readCampaignId } from '../shared';

const show = { resource: ['campaign'], operation: ['getContacts'] };

const properties: INodeProperties[] = [
	campaignField(show),
	...returnAllOrLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'pending',
				options: [
					{ name: 'Calling', value: 'calling' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Skipped', value: 'skipped' },
				],
				description: "Only contacts with this status in the campaign's dial list",
			},
		],
	},
	optionsCollection(requestOptionFields),
];

export const description = updateDisplayOptions({ show }, properties);

/** Lists a campaign's contacts with their dialing status, one output item each. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listOperation(
		this,
		(i) => {
			const campaignId = readCampaignId(this, i);
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			return {
				campaignId,
				path: `/crm/campaigns/${encodeURIComponent(campaignId)}/contacts`,
				qs: compact({ status: filters.status }),
				key: 'contacts',
				optional: { operation: 'Campaign → Get Contacts', endpoint: 'GET /crm/campaigns/{id}/contacts' },
			};
		},
		(list) => keyValues({ campaign: list.campaignId }),
	);
}
