import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

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

	/**
	 * Bearer header. A function rather than the generic `=Bearer {{$credentials.apiKey}}`: n8n applies it to every
	 * request, and Lead → Add sends one request per lead; this skips an expression evaluation each time.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/user/me',
		},
	};
}
