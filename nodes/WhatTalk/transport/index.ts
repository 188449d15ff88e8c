import { describeByStatus, messageFromBody } from '../../common/transport';
import type { ProviderErrors } from '../../common/transport';

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

/**
 * The dashboard address of a campaign, on the same host as the API (white-labels keep
 * `…/api` for the API and `…/campaigns/<id>` for the dashboard).
 */
export function campaignPageUrl(baseUrl: string, id: unknown): string {
	return `${baseUrl.replace(/\/api$/, '')}/campaigns/${String(id)}`;
}
