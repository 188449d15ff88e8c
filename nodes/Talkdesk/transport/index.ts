import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { credentialsOfRun } from '../../common/perRun';
import type { ProviderRequest } from '../../common/provider';
import { rememberRefusal } from '../../common/transport';
import type { ProviderErrors, RequestContext } from '../../common/transport';
import { credentialProblemIn, isTokenRefusal } from '../../../credentials/shared/talkdeskConnection';

export const CREDENTIAL_TYPE = 'talkdeskOAuth2Api';

/** The credential's access token: its hidden `expirable` property, which n8n renews through `preAuthentication`. */
export const TOKEN_PROPERTY = 'accessToken';

/** Talkdesk OAuth2 scopes, as the API reference names them. */
export type TalkdeskScope =
	'campaigns:read' | 'campaigns:write' | 'record-lists:manage' | 'do-not-call-lists:manage';

const HINTS: Record<number, string> = {
	400: 'Talkdesk rejected the request as invalid. Check the fields named in the message.',
	401: 'Talkdesk did not accept the access token. n8n fetches a new one when it has expired (Talkdesk tokens last about 10 minutes) or when the credential changes; check the client ID, secret, region and account in the Talkdesk credential.',
	403: 'The token is not allowed to do this.',
	404: 'Talkdesk could not find it. Check the ID, and that it belongs to this Talkdesk account.',
	409: 'This conflicts with the current state in Talkdesk (for example it already exists).',
	413: 'Too much in one request. Where the operation has a Batch Size option, lower it; otherwise shorten the values sent (for example Extra Data).',
	422: 'Talkdesk could not apply this in the current state. Check the fields named in the message.',
	429: 'Talkdesk rate limit reached and the retries were used up. Run the workflow again later.',
	500: 'Talkdesk failed to process the request. A write may still have been applied: check in Talkdesk before running the item again.',
	502: 'Talkdesk is unreachable behind its gateway. A write may still have been applied: check in Talkdesk before running the item again.',
	503: 'Talkdesk is unavailable and retries were used up. Try again later.',
	504: 'Talkdesk timed out. A write may still have been applied: check in Talkdesk before running the item again.',
};

interface TalkdeskErrorBody {
	code?: unknown;
	message?: unknown;
	description?: unknown;
	fields?: Array<{ name?: unknown; description?: unknown }>;
	error?: unknown;
	error_description?: unknown;
}

function sentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Renders Talkdesk's `{code, message, description?, fields?: [{name, description}]}` as the message
 * (with one sentence per field) and its `description` plus what to check as the description.
 */
export const talkdeskErrors: ProviderErrors = {
	provider: 'Talkdesk',
	describe(statusCode, body) {
		const parsed = (body && typeof body === 'object' ? body : {}) as TalkdeskErrorBody;
		const text =
			[parsed.message, parsed.error_description, parsed.error].find(
				(value): value is string => typeof value === 'string' && value.trim() !== '',
			) ??
			(typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined) ??
			`Talkdesk answered ${statusCode}`;
		const code = typeof parsed.code === 'string' || typeof parsed.code === 'number' ? parsed.code : undefined;
		const fields = (Array.isArray(parsed.fields) ? parsed.fields : [])
			.filter((field) => field && typeof field === 'object')
			.map((field) => {
				const name = String(field.name ?? '').trim();
				const problem = String(field.description ?? 'is not valid').trim();
				return sentence(name ? `Field "${name}": ${problem}` : problem);
			});
		const message = [
			sentence(`Talkdesk: ${text}${code !== undefined ? ` (${String(code)})` : ''}`),
			...fields,
		]
			.join(' ')
			.replace(/\.$/, '');
		const description = [
			typeof parsed.description === 'string' ? sentence(parsed.description) : undefined,
			HINTS[statusCode],
		]
			.filter(Boolean)
			.join(' ');
		return { message, description: description || undefined };
	},
};

export interface TalkdeskRequest extends ProviderRequest {
	/** Absolute URL instead of `path` (a HAL `next` link). */
	url?: string;
	/** The scope the endpoint needs, named in the error when Talkdesk answers 403. */
	scope: TalkdeskScope;
}

interface TalkdeskCredentials {
	region?: string;
	account?: string;
	tokenUrl?: string;
	apiBaseUrl?: string;
	scope?: string;
}

/**
 * A HAL link may be absolute or relative. It is resolved against the API base, and never followed to another
 * host (the token would go with it): a foreign origin is replaced by the API base's.
 */
export function resolveLink(href: string, base: string): string {
	const baseUrl = new URL(base);
	const url = new URL(href, `${baseUrl.origin}/`);
	if (url.origin === baseUrl.origin) return url.toString();
	return `${baseUrl.origin}${url.pathname}${url.search}`;
}

/** The error as n8n expects it from a node: a `NodeApiError` / `NodeOperationError` as is, anything else wrapped. */
export function asNodeError(
	ctx: RequestContext,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Adds what only the Talkdesk node knows: the scope a 403 is about, and token failures in plain words. A token
 * request the token service refused (not one that failed for being busy) ends the run's sending, as a 401 does.
 */
export async function explain(
	ctx: RequestContext,
	error: unknown,
	scope: TalkdeskScope,
	itemIndex: number | undefined,
): Promise<unknown> {
	if (!(error instanceof NodeApiError)) return error;
	if (error.httpCode === '403') {
		const credentials = await credentialsOfRun<TalkdeskCredentials>(ctx, CREDENTIAL_TYPE);
		const asked = String(credentials.scope ?? '').trim() || '(none)';
		error.description = [
			`This needs the scope "${scope}"; the credential asks for: ${asked}.`,
			`Add it to the credential's Scope (and allow it for the API client in Talkdesk), or check that the account is enrolled in the Campaign Management API Early Access.`,
		].join(' ');
		return error;
	}
	// A token request that failed inside n8n's pre-authentication reaches us as a network-level error.
	const problem = credentialProblemIn(error.message);
	if (problem && !/^\d{3}$/.test(error.httpCode ?? '')) {
		error.message = problem;
		error.description = 'n8n could not get an access token from Talkdesk with this credential.';
		if (isTokenRefusal(error.message)) rememberRefusal(ctx, CREDENTIAL_TYPE, error, itemIndex);
	}
	return error;
}
