import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { ProviderRequest } from '../../common/provider';
import { describeByStatus, messageFromBody } from '../../common/transport';
import type { ApiRequest, ProviderErrors } from '../../common/transport';

export const DEFAULT_BASE_URL = 'https://app.talkturo.com';

export interface TalkturoCredentials {
	baseUrl?: string;
	apiToken?: string;
	teamId?: string;
}

/** What Talkturo's errors mean for the user, by status (operations add their own). */
const HINTS: Partial<Record<number, string>> = {
	401: 'Talkturo did not accept the API token. Check the Talkturo credential (Settings → API Keys).',
	402: 'The Talkturo account has run out of calling credits, so nothing was started. Top up credits in Talkturo, then run this again.',
	403: 'The API token may not do this. Check its scopes in Talkturo (e.g. campaigns:write, campaigns:run, contacts:write).',
	404: 'Talkturo could not find it. Check the ID, and that it belongs to this team.',
	409: "Talkturo refused the change because of the current state (see the message). Check the campaign's status and settings.",
};

/**
 * An endpoint that only later Talkturo versions have (tagged [branch] in the API notes). When the
 * deployment answers 405, or 404 without a Talkturo error text, the error says which operation it lacks.
 */
export interface OptionalEndpoint {
	/** The node operation, e.g. "Campaign → Pause". */
	operation: string;
	/** The endpoint, e.g. "PUT /crm/campaigns/{id}". */
	endpoint: string;
}

export interface TalkturoRequest extends ProviderRequest {
	/** Path below `<base URL>/api`, e.g. `/crm/campaigns`. */
	path: string;
	body?: IDataObject;
	/** Set for endpoints a given deployment may not have. */
	optional?: OptionalEndpoint;
	/** Hints for this operation, by status, replacing the general ones. */
	hints?: Partial<Record<number, string>>;
}

/**
 * A request to one CRM record, `<method> /crm/<collection>/{id}`: endpoints only newer Talkturo versions have, so
 * the error names the node operation (e.g. "Contact → Get") when a deployment lacks it. Each may be resent.
 */
export function recordRequest(
	method: IHttpRequestMethods,
	collection: 'campaigns' | 'contacts',
	id: string,
	operation: string,
	more: Partial<TalkturoRequest> = {},
): TalkturoRequest {
	return {
		method,
		path: `/crm/${collection}/${encodeURIComponent(id)}`,
		idempotent: true,
		optional: { operation, endpoint: `${method} /crm/${collection}/{id}` },
		...more,
	};
}

/** `https://x.example/` and `https://x.example/api` both mean the API at `https://x.example/api`. */
export function apiBaseUrl(baseUrl: string | undefined): string {
	const root = String(baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/, '');
	return `${root}/api`;
}

/** Reason phrases and HTML pages: what a server without the route says, as opposed to Talkturo's own `error`. */
function isTalkturoMessage(text: string | undefined): text is string {
	if (!text) return false;
	return (
		!/^\s*</.test(text) && !/^(not found|method not allowed|cannot (get|post|put|delete) )/i.test(text.trim())
	);
}

/** Talkturo's own error text: `error` first (its documented field), then the usual places. */
function talkturoMessage(body: unknown): string | undefined {
	const error = (body as IDataObject | undefined)?.error;
	if (typeof error === 'string' && error.trim()) return error;
	return messageFromBody(body);
}

export function errorsFor(request: TalkturoRequest): ProviderErrors {
	const general = describeByStatus('Talkturo', { ...HINTS, ...request.hints });
	return {
		provider: 'Talkturo',
		describe(statusCode, body) {
			const own = talkturoMessage(body);
			const { optional } = request;
			if (optional && (statusCode === 405 || (statusCode === 404 && !isTalkturoMessage(own)))) {
				return {
					message: `Talkturo: this deployment does not support ${optional.operation} (${optional.endpoint} answered ${statusCode})`,
					description:
						'This endpoint only exists in newer Talkturo versions, and the Talkturo server behind the credential does not have it. Ask your Talkturo provider to enable it, or do this step in the Talkturo dashboard.',
				};
			}
			if (statusCode === 402 && !isTalkturoMessage(own)) {
				return { message: 'Talkturo: insufficient credits', description: HINTS[402] };
			}
			const described = general.describe(statusCode, isTalkturoMessage(own) ? { error: own } : undefined);
			if (optional && statusCode === 404) {
				described.description =
					`${described.description ?? ''} If the ID is right, the deployment may not support ${optional.operation}.`.trim();
			}
			return described;
		},
	};
}

/**
 * A DELETE answered 404 after an unclear answer means "already deleted" only when Talkturo itself says so: on
 * an endpoint a deployment may lack, a bare 404 is the missing route.
 */
export function goneIfTalkturoSaysSo(request: TalkturoRequest): ApiRequest['appliedEarlier'] {
	if (request.method !== 'DELETE' || !request.optional) return undefined;
	return (answer) => answer.statusCode === 404 && isTalkturoMessage(talkturoMessage(answer.body));
}

/** Drops Talkturo's `success` flag from an answer that is itself the object (e.g. a contact). */
export function withoutEnvelope(body: IDataObject): IDataObject {
	const { success, ...rest } = body;
	void success;
	return rest;
}

/** The object under `key` (`{success, campaign}`), or the answer itself when it is not wrapped. */
export function unwrap(body: IDataObject, key: string): IDataObject {
	const inner = body[key];
	if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as IDataObject;
	return withoutEnvelope(body);
}

/** The list under one of `keys` (Talkturo's docs name lists after the resource), or [] if none. */
export function listIn(body: unknown, ...keys: string[]): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const obj = (body ?? {}) as IDataObject;
	for (const key of [...keys, 'data', 'items', 'results']) {
		if (Array.isArray(obj[key])) return obj[key] as IDataObject[];
	}
	return [];
}
