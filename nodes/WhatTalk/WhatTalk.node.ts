import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as lead from './actions/lead/Lead.resource';
import {
	getCallerIdNumbers,
	getCampaigns,
	getOutboundAssistants,
	getTimeZones,
	searchCampaigns,
} from './methods/lookups';

export class WhatTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatTalk',
		name: 'whatTalk',
		icon: { light: 'file:whattalk.svg', dark: 'file:whattalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, start and stop WhatTalk.ai AI calling campaigns, and add, list, update and delete their leads',
		defaults: { name: 'WhatTalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatTalkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Lead', value: 'lead' },
				],
				default: 'lead',
			},
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
