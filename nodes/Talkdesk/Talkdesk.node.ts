import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as dncEntry from './actions/dncEntry/DncEntry.resource';
import * as record from './actions/record/Record.resource';
import * as recordList from './actions/recordList/RecordList.resource';
import { searchCampaigns, searchDncLists, searchRecordLists } from './methods/listSearch';

export class Talkdesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Talkdesk Campaigns',
		name: 'talkdesk',
		icon: { light: 'file:talkdesk.svg', dark: 'file:talkdesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Feed, start and pause Talkdesk outbound campaigns: records, record lists and do-not-call lists. Uses Talkdesk's Campaign Management API, which is in Early Access (ask your Talkdesk Customer Success Manager to enrol).",
		defaults: { name: 'Talkdesk Campaigns' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talkdeskOAuth2Api', required: true }],
		properties: [
			{
				displayName:
					"Talkdesk's Campaign Management API is in Early Access: your Talkdesk account must be enrolled (through its Customer Success Manager) before these operations work.",
				name: 'earlyAccessNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Do-Not-Call Entry', value: 'dncEntry' },
					{ name: 'Record', value: 'record', description: 'A contact in a record list' },
					{ name: 'Record List', value: 'recordList' },
				],
				default: 'record',
			},
			...record.description,
			...campaign.description,
			...recordList.description,
			...dncEntry.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns, searchDncLists, searchRecordLists },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, { campaign, dncEntry, record, recordList });
	}
}
