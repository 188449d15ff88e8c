import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { route } from '../common/router';
import * as call from './actions/call/Call.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as contact from './actions/contact/Contact.resource';
import { searchCampaigns } from './methods/campaigns';

export class Taalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Taalk',
		name: 'taalk',
		icon: { light: 'file:taalk.svg', dark: 'file:taalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Add, update, remove and shuffle the contacts of Taalk.ai AI calling campaigns, and place calls',
		defaults: { name: 'Taalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'taalkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
				],
				default: 'contact',
			},
			...contact.description,
			...campaign.description,
			...call.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, { call, campaign, contact });
	}
}
