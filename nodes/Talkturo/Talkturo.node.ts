import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as contact from './actions/contact/Contact.resource';
import { getAssistants, getCompanies, getPhoneNumbers, searchCampaigns } from './methods/lookups';

export class Talkturo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkturo',
		name: 'talkturo',
		icon: { light: 'file:talkturo.svg', dark: 'file:talkturo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and run Talkturo AI calling campaigns, manage CRM contacts and enrol them in campaigns',
		defaults: { name: 'Talkturo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkturoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
				],
				default: 'contact',
			},
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
