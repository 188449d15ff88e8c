import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../../common/descriptions';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { listOperation } from '../../list';
import { checkId, readTeamId, teamIdOption } from '../shared';
import { CAMPAIGN_STATUSES } from './status';

const show = { resource: ['campaign'], operation: ['getMany'] };

const properties: INodeProperties[] = [
	...returnAllOrLimit({ show }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assistant Name or ID',
				name: 'assistantId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAssistants' },
				default: '',
				description:
					'Only campaigns of this assistant. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Deleted Campaigns',
				name: 'deleted',
				type: 'options',
				default: 'exclude',
				options: [
					{ name: 'Exclude', value: 'exclude' },
					{ name: 'Include', value: 'include' },
					{ name: 'Only Deleted', value: 'only' },
				],
				description: 'Whether soft-deleted campaigns are listed',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'running',
				options: CAMPAIGN_STATUSES,
				description: 'Only campaigns in this status',
			},
		],
	},
	optionsCollection([teamIdOption, ...requestOptionFields]),
];

export const description = updateDisplayOptions({ show }, properties);

/** Lists the team's campaigns (Return All follows Talkturo's limit/offset paging). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listOperation(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs = compact({
			teamId: await readTeamId(this, i),
			status: filters.status,
			assistantId: filters.assistantId ? checkId(filters.assistantId, 'Assistant') : undefined,
			deleted: filters.deleted,
		});
		return { path: '/crm/campaigns', qs, key: 'campaigns' };
	});
}
