import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { credentialsOfRun, perRun } from '../common/perRun';
import { DEFAULT_RETRY_POLICY, describeByStatus, messageFromBody, sendRequest } from '../common/transport';
import type { ApiResponse, ProviderErrors, RequestContext, RetryPolicy } from '../common/transport';

export const CREDENTIAL_TYPE = 'whatTalkApi';

export const DEFAULT_BASE_URL = 'https://app.whattalk.ai/api';

const byStatus = describeByStatus('WhatTalk', {
	401: 'WhatTalk did not accept the API key. Check the WhatTalk credential (Settings → API Keys in the dashboard).',
	403: 'WhatTalk refused: your plan may not allow this (e.g. its campaign limit is reached).',
	404: 'WhatTalk could not find it. Check the ID, that it belongs to this account, and (for assistants) that it is an outbound assistant.',
	422: 'WhatTalk rejected the values named above. Fix them and run the item again.',
});

/**
 * WhatTalk answers errors the Laravel way: `{message}`, and for validation (422)
 * `{message, errors: {field: [messages]}}`. The field messages become the error's description.
 */
export const whatTalkErrors: ProviderErrors = {
	provider: 'WhatTalk',
	describe(statusCode, body) {
		const described = byStatus.describe(statusCode, body);
		const fields = fieldErrors(body);
		if (fields.length === 0) return described;
		return {
			message: described.message,
			description: `${fields.join('; ')}. ${described.description ?? ''}`.trim(),
		};
	},
};

/** `errors: {phone_number: ["…"]}` → `["phone_number: …"]`. */
export function fieldErrors(body: unknown): string[] {
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return [];
	return Object.entries(errors as Record<string, unknown>).map(
		([field, messages]) => `${field}: ${([] as unknown[]).concat(messages).map(String).join(' ')}`,
	);
}

/** All the text of an error body (message and field messages), for recognising a kind of error. */
export function errorText(body: unknown): string {
	return [messageFromBody(body) ?? '', ...fieldErrors(body)].join(' ');
}

export interface WhatTalkRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/user/lead`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** See `ApiRequest.idempotent`. */
	idempotent: boolean;
}

export interface WhatTalkCredentials {
	apiKey?: string;
	baseUrl?: string;
}

/** The credential's base URL without a trailing slash, read once per run. */
export const baseUrlOf = perRun(async (ctx): Promise<string> => {
	const credentials = await credentialsOfRun<WhatTalkCredentials>(ctx, CREDENTIAL_TYPE);
	return String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
});

/**
 * The dashboard address of a campaign, on the same host as the API (white-labels keep
 * `…/api` for the API and `…/campaigns/<id>` for the dashboard).
 */
export function campaignPageUrl(baseUrl: string, id: unknown): string {
	return `${baseUrl.replace(/\/api$/, '')}/campaigns/${String(id)}`;
}

/** One request to the WhatTalk API: base URL from the credential, retries, WhatTalk's errors. */
export async function whatTalkRequest<T = IDataObject>(
	ctx: RequestContext,
	request: WhatTalkRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	itemIndex?: number,
): Promise<ApiResponse<T>> {
	const baseUrl = await baseUrlOf(ctx);
	return await sendRequest<T>(
		ctx,
		CREDENTIAL_TYPE,
		{
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			idempotent: request.idempotent,
		},
		whatTalkErrors,
		policy,
		itemIndex,
	);
}
