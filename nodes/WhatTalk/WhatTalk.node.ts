import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, resourceField, RESOURCE_OPERATION_SUBTITLE } from '../common/nodeDescription';
import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as lead from './actions/lead/Lead.resource';
import { searchCampaigns } from './methods/listSearch';
import { getCallerIdNumbers, getCampaigns, getOutboundAssistants, getTimeZones } from './methods/loadOptions';

export class WhatTalk implements INodeType {
	description: INodeTypeDescription = {
		...actionNode('WhatTalk', 'whatTalkApi'),
		displayName: 'WhatTalk',
		name: 'whatTalk',
		icon: { light: 'file:whattalk.svg', dark: 'file:whattalk.dark.svg' },
		subtitle: RESOURCE_OPERATION_SUBTITLE,
		description:
			'Create, start and stop WhatTalk.ai AI calling campaigns, and add, list, update and delete their leads',
		usableAsTool: true,
		properties: [
			resourceField('lead', [
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Lead', value: 'lead' },
			]),
			...lead.description,
			...campaign.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns },
		loadOptions: { getCallerIdNumbers, getCampaigns, getOutboundAssistants, getTimeZones },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, { campaign, lead });
	}
}
