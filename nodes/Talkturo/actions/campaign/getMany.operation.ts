import { loadedOptionsField } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { listAll } from '../../transport/paging';
import { checkId, readTeamId, teamIdOption } from '../shared';
import { CAMPAIGN_STATUSES } from './status';

const show = { resource: ['campaign'], operation: ['getMany'] };

/** Lists the team's campaigns (Return All follows Talkturo's limit/offset paging). */
export const { description, execute } = getManyOperation({
	show,
	filters: [
		loadedOptionsField('Assistant', 'assistantId', 'getAssistants', 'Only campaigns of this assistant'),
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
	after: [optionsCollection([teamIdOption, ...requestOptionFields])],
	request: async (ctx, i, filters) => ({
		path: '/crm/campaigns',
		qs: compact({
			teamId: await readTeamId(ctx, i),
			status: filters.status,
			assistantId: filters.assistantId ? checkId(filters.assistantId, 'Assistant') : undefined,
			deleted: filters.deleted,
		}),
		key: 'campaigns',
	}),
	list: listAll,
});
