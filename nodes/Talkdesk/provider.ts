import { defineProvider } from '../common/provider';
import { CREDENTIAL_TYPE, explain, resolveLink, talkdeskErrors, TOKEN_PROPERTY } from './transport';
import type { TalkdeskRequest } from './transport';
import {
	isPassingTokenFailure,
	talkdeskUrls,
	TOKEN_RETRIES,
} from '../../credentials/shared/talkdeskConnection';

/** Talkdesk ids are up to 36 characters (UUIDs in practice). */
export const ID = '[0-9A-Za-z][0-9A-Za-z_-]{0,35}';

/**
 * Talkdesk: the API of the credential's region and account, an OAuth2 token n8n renews, HAL links followed on the
 * API's own host only, numbers in E.164.
 */
export const talkdesk = defineProvider<TalkdeskRequest>({
	name: 'Talkdesk',
	credentialType: CREDENTIAL_TYPE,
	// A broken credential (unknown region, bad account name) is one clear error on the item.
	baseUrl: (credentials) => talkdeskUrls(credentials).apiBaseUrl,
	errors: talkdeskErrors,
	adapt: (api, request, { baseUrl }) => ({
		...api,
		url: request.url ? resolveLink(request.url, baseUrl) : api.url,
		headers: { Accept: 'application/json, application/hal+json' },
		renewableToken: TOKEN_PROPERTY,
		// A busy or failing token service: the request was not sent, the transport sends it again.
		tokenRequest: { passingFailure: isPassingTokenFailure, maxRetries: TOKEN_RETRIES },
	}),
	explain: async (ctx, error, request, itemIndex) => await explain(ctx, error, request.scope, itemIndex),
	campaign: {
		searchListMethod: 'searchCampaigns',
		// Talkdesk's own hosts only (acme.mytalkdesk.com, …): another provider's campaign URL is refused.
		urlRegex: `https?://[^/]*talkdesk[^/]*/(?:.*/)?campaigns/(${ID})(?:[/?#].*)?$`,
		urlPlaceholder:
			'https://acme.mytalkdesk.com/campaign-manager/campaigns/3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
		idRegex: ID,
		idPlaceholder: '3f2c1e9a-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
	},
	phone: { format: 'e164', note: 'Talkdesk receives every number in E.164 (+14155550123).' },
});
