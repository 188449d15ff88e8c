import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearerAuthentication } from './shared/bearer';

export class WhatTalkApi implements ICredentialType {
	name = 'whatTalkApi';

	displayName = 'WhatTalk API';

	icon: Icon = {
		light: 'file:../nodes/WhatTalk/whattalk.svg',
		dark: 'file:../nodes/WhatTalk/whattalk.dark.svg',
	};

	documentationUrl = 'https://app.whattalk.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Create one in the WhatTalk dashboard under Settings → API Keys. Sent as a Bearer token.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.whattalk.ai/api',
			description:
				'Where the API lives. The same API serves other white-labels of the platform: use their address (ending in /api) for an account there, or a local test server.',
		},
	];

	/** Bearer header, applied by n8n to every request (see bearerAuthentication for why a function). */
	authenticate = bearerAuthentication('apiKey');

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/user/me',
		},
	};
}
