import { defineProvider } from '../common/provider';
import { apiBaseUrl, errorsFor, goneIfTalkturoSaysSo } from './transport';
import type { TalkturoRequest } from './transport';

/** Talkturo ids are opaque strings such as camp_01j…, cont_01j…, pn_01j…. */
export const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}';

/** Talkturo: the API below the credential's base URL, errors per operation, numbers in E.164. */
export const talkturo = defineProvider<TalkturoRequest>({
	name: 'Talkturo',
	credentialType: 'talkturoApi',
	baseUrl: (credentials) => apiBaseUrl(credentials.baseUrl as string | undefined),
	errors: errorsFor,
	adapt: (api, request) => ({
		...api,
		appliedEarlier: request.appliedEarlier ?? goneIfTalkturoSaysSo(request),
	}),
	campaign: {
		searchListMethod: 'searchCampaigns',
		// Talkturo documents no campaign page URL: no By URL mode (a URL given By ID is refused as an ID).
		urlMode: false,
		urlRegex: 'https?://[^/]+/(?:[^?#]*/)?campaigns/([A-Za-z0-9_-]+)',
		urlPlaceholder: 'https://app.talkturo.com/crm/campaigns/camp_01j9z3k7m2x4p8q6r5s0t1v2w3',
		idRegex: ID_PATTERN,
		idPlaceholder: 'camp_01j9z3k7m2x4p8q6r5s0t1v2w3',
	},
	phone: { format: 'e164', note: 'Talkturo stores every number in E.164.' },
});
