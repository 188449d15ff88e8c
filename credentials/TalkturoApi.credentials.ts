import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearerAuthentication } from './shared/bearer';

export class TalkturoApi implements ICredentialType {
	name = 'talkturoApi';

	displayName = 'Talkturo API';

	icon: Icon = {
		light: 'file:../nodes/Talkturo/talkturo.svg',
		dark: 'file:../nodes/Talkturo/talkturo.dark.svg',
	};

	documentationUrl = 'https://docs.talkturo.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.talkturo.com',
			placeholder: 'https://app.talkturo.com',
			description:
				'The address of your Talkturo dashboard. Talkturo is white-labelled: if you log in on your own domain, enter that domain. /api is added automatically.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'tk_live_…',
			description: 'Created in Talkturo under Settings → API Keys (shown once). Sent as a Bearer token.',
		},
		{
			displayName: 'Default Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			placeholder: 'team_01j…',
			description:
				'The team used wherever the Talkturo API needs a teamId (listing and creating campaigns and contacts, dropdowns). A node can override it under Options → Team ID.',
		},
	];

	/** Bearer header, applied by n8n to every request (see bearerAuthentication for why a function). */
	authenticate = bearerAuthentication('apiToken');

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api$/, "")}}/api',
			url: '/test-api-key',
		},
	};
}
