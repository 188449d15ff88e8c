import type { INodeProperties } from 'n8n-workflow';

export const leadIdField: INodeProperties = {
	displayName: 'Lead ID',
	name: 'leadId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '52311',
	description: "The lead's WhatTalk ID, as Add and Get Many return it",
};
