import { loadedOptionsField } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { getManyOperation } from '../../../common/getMany';
import { compact } from '../../../common/paging';
import { requestOptionFields } from '../../../common/requestOptions';
import { listAll } from '../../transport/paging';
import { checkId, readTeamId, teamIdOption } from '../shared';
import { LEAD_STATUSES } from './fields';

const show = { resource: ['contact'], operation: ['getMany'] };

/** Lists the team's contacts (Return All follows Talkturo's limit/offset paging). */
export const { description, execute } = getManyOperation({
	show,
	filters: [
		loadedOptionsField('Company', 'companyId', 'getCompanies', 'Only contacts of this company'),
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
	after: [optionsCollection([teamIdOption, ...requestOptionFields])],
	request: async (ctx, i, filters) => ({
		path: '/crm/contacts',
		qs: compact({
			teamId: await readTeamId(ctx, i),
			companyId: filters.companyId ? checkId(filters.companyId, 'Company') : undefined,
			search: String(filters.search ?? '').trim(),
			leadStatus: filters.leadStatus,
			doNotCall: filters.doNotCall,
			hasPhone: filters.hasPhone,
		}),
		key: 'contacts',
	}),
	list: listAll,
});
