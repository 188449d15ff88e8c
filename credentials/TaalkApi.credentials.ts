import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearerAuthentication } from './shared/bearer';

export class TaalkApi implements ICredentialType {
	name = 'taalkApi';

	displayName = 'Taalk API';

	icon: Icon = { light: 'file:../nodes/Taalk/taalk.svg', dark: 'file:../nodes/Taalk/taalk.dark.svg' };

	documentationUrl = 'https://knowledge.taalk.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Taalk API key, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.taalk.ai/api',
			description:
				'Where the Taalk API lives. Change it only for a dedicated Taalk domain or a local test server.',
		},
		{
			displayName: 'Datasource',
			name: 'datasource',
			type: 'string',
			default: '',
			placeholder: 'my-tenant',
			description:
				'Only for multi-tenant Taalk accounts: the tenant to use, sent with every request. Leave empty otherwise.',
		},
	];

	/** Bearer header, applied by n8n to every request (see bearerAuthentication for why a function). */
	authenticate = bearerAuthentication('apiKey');

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/campaign2s',
			qs: { page: 1, limit: 1 },
		},
	};
}
