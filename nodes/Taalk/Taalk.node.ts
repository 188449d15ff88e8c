import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, resourceField, RESOURCE_OPERATION_SUBTITLE } from '../common/nodeDescription';
import { route } from '../common/router';
import * as call from './actions/call/Call.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as contact from './actions/contact/Contact.resource';
import { searchCampaigns } from './methods/listSearch';

export class Taalk implements INodeType {
	description: INodeTypeDescription = {
		...actionNode('Taalk', 'taalkApi'),
		displayName: 'Taalk',
		name: 'taalk',
		icon: { light: 'file:taalk.svg', dark: 'file:taalk.dark.svg' },
		subtitle: RESOURCE_OPERATION_SUBTITLE,
		description:
			'Add, update, remove and shuffle the contacts of Taalk.ai AI calling campaigns, and place calls',
		usableAsTool: true,
		properties: [
			resourceField('contact', [
				{ name: 'Call', value: 'call' },
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Contact', value: 'contact' },
			]),
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
