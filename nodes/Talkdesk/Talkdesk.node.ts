import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, notice, resourceField, RESOURCE_OPERATION_SUBTITLE } from '../common/nodeDescription';
import { route } from '../common/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as dncEntry from './actions/dncEntry/DncEntry.resource';
import * as record from './actions/record/Record.resource';
import * as recordList from './actions/recordList/RecordList.resource';
import { searchCampaigns, searchDncLists, searchRecordLists } from './methods/listSearch';

export class Talkdesk implements INodeType {
	description: INodeTypeDescription = {
		...actionNode('Talkdesk Campaigns', 'talkdeskOAuth2Api'),
		displayName: 'Talkdesk Campaigns',
		name: 'talkdesk',
		icon: { light: 'file:talkdesk.svg', dark: 'file:talkdesk.dark.svg' },
		subtitle: RESOURCE_OPERATION_SUBTITLE,
		description:
			"Feed, start and pause Talkdesk outbound campaigns: records, record lists and do-not-call lists. Uses Talkdesk's Campaign Management API, which is in Early Access (ask your Talkdesk Customer Success Manager to enrol).",
		usableAsTool: true,
		properties: [
			notice(
				"Talkdesk's Campaign Management API is in Early Access: your Talkdesk account must be enrolled (through its Customer Success Manager) before these operations work.",
				'earlyAccessNotice',
			),
			resourceField('record', [
				{ name: 'Campaign', value: 'campaign' },
				{ name: 'Do-Not-Call Entry', value: 'dncEntry' },
				{ name: 'Record', value: 'record', description: 'A contact in a record list' },
				{ name: 'Record List', value: 'recordList' },
			]),
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
