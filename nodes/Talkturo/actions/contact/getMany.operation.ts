import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../../common/descriptions';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { listOperation } from '../../list';
import { checkId, readTeamId, teamIdOption } from '../shared';
import { LEAD_STATUSES } from './fields';

const show = { resource: ['contact'], operation: ['getMany'] };

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
				displayName: 'Company Name or ID',
				name: 'companyId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCompanies' },
				default: '',
				description:
					'Only contacts of this company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Do Not Call',
				name: 'doNotCall',
				type: 'options',
				default: 'false',
				options: [
					{ name: 'Only Do-Not-Call Contacts', value: 'true' },
					{ name: 'Only Callable Contacts', value: 'false' },
				],
				description: 'Filter on the do-not-call flag',
			},
			{
				displayName: 'Has Phone',
				name: 'hasPhone',
				type: 'options',
				default: 'true',
				options: [
					{ name: 'With a Phone Number', value: 'true' },
					{ name: 'Without a Phone Number', value: 'false' },
				],
				description: 'Filter on whether a phone number is on file',
			},
			{
				displayName: 'Lead Status',
				name: 'leadStatus',
				type: 'options',
				default: 'new',
				options: LEAD_STATUSES,
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'ada@example.com',
				description: 'Full-text search over name, email and phone',
			},
		],
	},
	optionsCollection([teamIdOption, ...requestOptionFields]),
];

export const description = updateDisplayOptions({ show }, properties);

/** Lists the team's contacts (Return All follows Talkturo's limit/offset paging). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await listOperation(this, async (i) => {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs = compact({
			teamId: await readTeamId(this, i),
			companyId: filters.companyId ? checkId(filters.companyId, 'Company') : undefined,
			search: String(filters.search ?? '').trim(),
			leadStatus: filters.leadStatus,
			doNotCall: filters.doNotCall,
			hasPhone: filters.hasPhone,
		});
		return { path: '/crm/contacts', qs, key: 'contacts' };
	});
}
