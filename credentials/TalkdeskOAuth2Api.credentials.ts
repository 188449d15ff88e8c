import { createHash } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	TALKDESK_DEFAULT_SCOPES,
	TALKDESK_REGIONS,
	TalkdeskCredentialError,
	talkdeskUrls,
	TOKEN_FAILURE,
	tokenFailureMessage,
} from './shared/talkdeskConnection';

/** A token is renewed this long before `expires_in` runs out (at most 30 s; a quarter of very short lifetimes). */
const EXPIRY_MARGIN_MS = 30_000;

function scopesOf(value: unknown): string {
	return String(value ?? '')
		.split(/[\s,]+/)
		.filter(Boolean)
		.join(' ');
}

/**
 * Identifies the settings a token was issued for (token URL, API base URL, client, secret, scopes) without
 * keeping the secret in clear. Broken settings give '' (the request then fails with the settings error).
 */
function fingerprintOf(credentials: ICredentialDataDecryptedObject): string {
	let urls: { tokenUrl: string; apiBaseUrl: string };
	try {
		urls = talkdeskUrls(credentials);
	} catch {
		return '';
	}
	return createHash('sha256')
		.update(
			[
				urls.tokenUrl,
				urls.apiBaseUrl,
				String(credentials.clientId ?? '').trim(),
				String(credentials.clientSecret ?? ''),
				scopesOf(credentials.scope),
			].join('\n'),
		)
		.digest('hex')
		.slice(0, 32);
}

function tokenError(status: number, body: unknown): TalkdeskCredentialError {
	const parsed = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const code = typeof parsed.error === 'string' ? parsed.error : undefined;
	const detail = typeof parsed.error_description === 'string' ? parsed.error_description : undefined;
	const what = [code, detail].filter(Boolean).join(': ') || `HTTP ${status}`;
	const hint =
		status >= 500 || status === 429
			? "Talkdesk's token service is failing or busy; try again later."
			: code === 'invalid_scope'
				? 'Check the scopes in the Talkdesk credential: the client must be allowed every one of them.'
				: 'Check the client ID, client secret, account name and region in the Talkdesk credential.';
	return new TalkdeskCredentialError(tokenFailureMessage(status, what, hint));
}

/**
 * Talkdesk's OAuth2 client-credentials grant, done with n8n's expirable-token mechanism: `preAuthentication`
 * fetches a token (Basic client auth, form body) when the stored one is empty, and again when n8n reports a
 * request failure; `authenticate` sends it as a Bearer header.
 */
export class TalkdeskOAuth2Api implements ICredentialType {
	name = 'talkdeskOAuth2Api';

	displayName = 'Talkdesk OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Talkdesk/talkdesk.svg',
		dark: 'file:../nodes/Talkdesk/talkdesk.dark.svg',
	};

	documentationUrl = 'https://docs.talkdesk.com/docs/client-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'us',
			options: [
				{ name: 'US', value: 'us', description: TALKDESK_REGIONS.us.api },
				{ name: 'EU', value: 'eu', description: TALKDESK_REGIONS.eu.api },
				{ name: 'Canada', value: 'ca', description: TALKDESK_REGIONS.ca.api },
				{ name: 'Custom', value: 'custom', description: 'Enter the token URL and API base URL yourself' },
			],
			description: 'Where your Talkdesk account is hosted',
		},
		{
			displayName: 'Account Name',
			name: 'account',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'Your Talkdesk account name: for https://acme.mytalkdesk.com it is "acme". Tokens come from https://<account>.talkdeskid.com/oauth/token (US).',
			displayOptions: { show: { region: ['us', 'eu', 'ca'] } },
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.talkdeskid.com/oauth/token',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.talkdeskapp.com',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Of a Talkdesk OAuth client with the "Client credentials" grant (Admin → API Clients)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: TALKDESK_DEFAULT_SCOPES,
			description:
				'Space-separated scopes to request. The default covers every operation of the Talkdesk node; the API client must be allowed all of them.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Issued For',
			name: 'issuedFor',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this when the token is empty (at first use, and after the node's transport dropped a token that
	 * Talkdesk answered 401 to), after a 401 n8n sees itself, and when the credential is tested. Always fetches a
	 * new token.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const { tokenUrl } = talkdeskUrls(credentials);
		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
		const scope = scopesOf(credentials.scope);

		const form = new URLSearchParams({ grant_type: 'client_credentials' });
		if (scope) form.set('scope', scope);
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: tokenUrl,
			auth: { username: clientId, password: clientSecret },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			timeout: 30_000,
		};
		// One token request: a busy or failing token service is asked again by the node's transport, which decides
		// every resend (see `isPassingTokenFailure`).
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.helpers.httpRequest(request)) as typeof response;
		} catch (error) {
			throw new TalkdeskCredentialError(
				`${TOKEN_FAILURE}: ${(error as Error).message ?? String(error)}. Check the region and account name (or Token URL) in the Talkdesk credential.`,
			);
		}

		let body: unknown = response.body;
		if (typeof response.body === 'string') {
			const text = response.body;
			try {
				body = JSON.parse(text);
			} catch {
				body = { error_description: text.slice(0, 200) };
			}
		}
		const token = body as { access_token?: unknown; expires_in?: unknown };
		if (response.statusCode >= 300 || typeof token.access_token !== 'string' || !token.access_token) {
			throw tokenError(response.statusCode, body);
		}
		const lifetimeMs = Number(token.expires_in) * 1000;
		const validFor = Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? lifetimeMs : 0;
		return {
			accessToken: token.access_token,
			// 0 = lifetime unknown: renew whenever n8n asks.
			expiresAt: validFor ? Date.now() + validFor - Math.min(EXPIRY_MARGIN_MS, validFor / 4) : 0,
			issuedFor: fingerprintOf(credentials),
		};
	}

	/**
	 * Sends the stored token as a Bearer header, unless it has expired or was issued for other settings (another
	 * account, API base URL, client or scopes, e.g. after the credential was edited): then no token is sent, so it
	 * never reaches another host, Talkdesk answers 401 without processing the request, and the request is sent
	 * again with a new token from `preAuthentication`.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.accessToken ?? '');
		const expiresAt = Number(credentials.expiresAt ?? 0);
		const current =
			token !== '' &&
			credentials.issuedFor === fingerprintOf(credentials) &&
			(expiresAt === 0 || Date.now() < expiresAt);
		const headers = { ...requestOptions.headers };
		if (current) headers.Authorization = `Bearer ${token}`;
		return { ...requestOptions, headers };
	}

	/** Fetches a token with the client credentials and scopes (the same request `preAuthentication` sends). */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{ $credentials.region === "custom" ? $credentials.tokenUrl : "https://" + $credentials.account.trim().toLowerCase() + "." + ${JSON.stringify(
				Object.fromEntries(Object.entries(TALKDESK_REGIONS).map(([key, value]) => [key, value.id])),
			)}[$credentials.region] + "/oauth/token" }}`,
			auth: { username: '={{$credentials.clientId}}', password: '={{$credentials.clientSecret}}' },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: { grant_type: 'client_credentials', scope: '={{$credentials.scope}}' },
		},
	};
}
