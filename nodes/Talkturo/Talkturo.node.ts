import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, resourceField, RESOURCE_OPERATION_SUBTITLE } from '../common/nodeDescription';
import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as contact from './actions/contact/Contact.resource';
import { searchCampaigns } from './methods/listSearch';
import { getAssistants, getCompanies, getPhoneNumbers } from './methods/loadOptions';

export class Talkturo implements INodeType {
	description: INodeTypeDescription = {
		...actionNode('Talkturo', 'talkturoApi'),
		displayName: 'Talkturo',
		name: 'talkturo',
		icon: { light: 'file:talkturo.svg', dark: 'file:talkturo.dark.svg' },
		subtitle: RESOURCE_OPERATION_SUBTITLE,
		description:
			'Create and run Talkturo AI calling campaigns, manage CRM contacts and enrol them in campaigns',
		usableAsTool: true,
		properties: [
			resourceField('contact', [
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Contact', value: 'contact' },
			]),
			...campaign.description,
			...contact.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns },
		loadOptions: { getAssistants, getCompanies, getPhoneNumbers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, { campaign, contact });
	}
}
