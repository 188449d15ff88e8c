import type { ApiRequest, ApiResponse } from './types';

/**
 * What an answer means for a resend. Two questions, asked of every attempt:
 * - was the request processed? 429 and 503 say no, and so do network failures before the request left
 *   (refused connection, unknown host): any request may be sent again;
 * - may it have been processed? 500, 502, 504, a dropped connection, a timeout, an unreadable body leave it open
 *   ("unclear"): only an idempotent request may be sent again.
 */

/** Statuses that mean the service did not process the request: safe to resend any request. */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Statuses after which an idempotent request may be resent. */
export const TRANSIENT_STATUSES = new Set([500, 502, 504]);
/** Network failures where the request never reached the service. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Network failures where the request may or may not have been processed. */
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

/** One attempt's outcome: an HTTP answer, or a network-level failure. */
export interface Attempt {
	response?: ApiResponse;
	/** Network-level failure (no HTTP answer). */
	networkCode?: string;
	networkMessage?: string;
}

/** Whether the attempt's failure allows sending the request again. */
export function isRetryable(attempt: Attempt, idempotent: boolean): boolean {
	const status = attempt.response?.statusCode;
	if (status !== undefined) {
		if (NOT_PROCESSED_STATUSES.has(status)) return true;
		return idempotent && TRANSIENT_STATUSES.has(status);
	}
	const code = attempt.networkCode ?? 'UNKNOWN';
	if (NOT_SENT_CODES.has(code)) return true;
	return idempotent && AMBIGUOUS_CODES.has(code);
}

/** An answer after which the request may or may not have been applied. */
export function isUnclear(attempt: Attempt): boolean {
	const status = attempt.response?.statusCode;
	if (status !== undefined) return TRANSIENT_STATUSES.has(status);
	return !NOT_SENT_CODES.has(attempt.networkCode ?? 'UNKNOWN');
}

/** See `ApiRequest.appliedEarlier`; the provider's failure answer is parsed for the check. */
export async function appliedEarlier(request: ApiRequest, response: ApiResponse): Promise<boolean> {
	const parsed = parseBody(response.body);
	const answer = { ...response, body: parsed.ok ? parsed.value : response.body };
	if (request.appliedEarlier) return await request.appliedEarlier(answer);
	return request.method === 'DELETE' && response.statusCode === 404;
}

/** A JSON body read (an empty one reads as `{}`); `ok: false` when it is not JSON. */
export function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (body === undefined || body === null) return { ok: true, value: {} };
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

/**
 * What is left of a thrown request error. n8n's request errors keep the HTTP status (not the body or
 * headers) or, for network failures, the error code in `httpCode` and the original message in
 * `messages`. The request config (with the credentials in its headers) is dropped here.
 */
export function fromThrown(error: unknown): Attempt {
	const thrown = error as { httpCode?: string | null; code?: string; messages?: string[]; message?: string };
	const httpCode = thrown?.httpCode ?? undefined;
	if (httpCode && /^\d{3}$/.test(httpCode)) {
		return { response: { statusCode: Number(httpCode), headers: {}, body: undefined, attempts: 1 } };
	}
	const message = thrown?.messages?.[0] ?? thrown?.message ?? String(error);
	const code = (httpCode && /^E[A-Z]+$/.test(httpCode) ? httpCode : undefined) ?? thrown?.code;
	return { networkCode: code ?? networkCodeFromMessage(message), networkMessage: message };
}

function networkCodeFromMessage(message: string): string {
	if (/timeout|timed out/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up|ECONNRESET/i.test(message)) return 'ECONNRESET';
	if (/ECONNREFUSED/.test(message)) return 'ECONNREFUSED';
	return 'UNKNOWN';
}
