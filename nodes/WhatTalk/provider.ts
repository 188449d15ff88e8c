import { defineProvider } from '../common/provider';
import { DEFAULT_BASE_URL, whatTalkErrors } from './transport';

/** WhatTalk: base URL from the credential, numeric campaign IDs, numbers in E.164. */
export const whatTalk = defineProvider({
	name: 'WhatTalk',
	credentialType: 'whatTalkApi',
	baseUrl: (credentials) => String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, ''),
	errors: whatTalkErrors,
	campaign: {
		searchListMethod: 'searchCampaigns',
		// Any host: white-labels of the platform use their own domain with the same paths.
		urlRegex: 'https?://[^/]+/campaigns/([0-9]+)',
		urlPlaceholder: 'https://app.whattalk.ai/campaigns/1050',
		idRegex: '[0-9]+',
		idPlaceholder: '1050',
	},
	phone: {
		format: 'e164',
		note: 'WhatTalk receives every number in E.164 (+905551234567).',
		field: 'Phone Number',
	},
});
