import { defineProvider } from '../common/provider';
import { describeByStatus } from '../common/transport';

/** Taalk: base URL and optional datasource from the credential, its ID shapes, and numbers as the user picks. */
export const taalk = defineProvider({
	name: 'Taalk',
	credentialType: 'taalkApi',
	baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.taalk.ai/api').replace(/\/+$/, ''),
	// The credential's datasource (a Taalk database other than the account's default) goes with every request.
	adapt: (api, _request, { credentials }) => ({
		...api,
		qs: { ...api.qs, ...(credentials.datasource ? { db: credentials.datasource } : {}) },
	}),
	errors: describeByStatus('Taalk', {
		400: 'Taalk rejected the request as invalid. Check that every contact has a name and a phone.',
		401: 'Taalk did not accept the API key. Check the Taalk credential.',
		404: 'Taalk could not find the campaign or contact. Check the ID, and that it belongs to this API key.',
		425: 'Taalk is still processing this call. Try again in a minute.',
	}),
	campaign: {
		searchListMethod: 'searchCampaigns',
		urlRegex: 'https?://[^/]+/console/campaign2s/([0-9a-fA-F]{24})',
		urlPlaceholder: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5',
		idRegex: '[0-9a-fA-F]{24}',
		idPlaceholder: '6791043299aeedfec27f85d5',
	},
	phone: {
		format: 'national',
		formatOption: {
			displayName: 'Phone Format',
			name: 'phoneFormat',
			type: 'options',
			default: 'national',
			description:
				'How phone numbers are written when sent to Taalk. National Digits carry no country code, so a number of another country than the Default Country (another calling code) fails its item instead of reaching a different number; choose E.164 to send such numbers with their country code.',
			options: [
				{
					name: 'National Digits',
					value: 'national',
					description:
						"Digits without country code, as in Taalk's docs (US: 7047058647). Only numbers of the Default Country's calling code.",
				},
				{
					name: 'E.164',
					value: 'e164',
					description: 'With + and country code (+17047058647)',
				},
			],
		},
	},
});
