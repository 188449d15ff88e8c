import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { apiError } from '../errors';
import { NOT_SENT_CODES, parseBody, TRANSIENT_STATUSES } from './classify';
import type { Attempt } from './classify';
import type { ApiRequest, ProviderErrors, RequestContext } from './types';

/**
 * A request's final failure as the node error the user sees: the provider's own message (`ProviderErrors`), how
 * many attempts it took, and, for a write that may have been applied, a warning not to rerun it blindly. Request
 * options (and so credentials) never reach an error.
 */
export function toApiError(
	ctx: RequestContext,
	attempt: Attempt,
	errors: ProviderErrors,
	request: ApiRequest,
	attempts: number,
	itemIndex: number | undefined,
): NodeApiError {
	const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
	if (!attempt.response) {
		const ambiguous = !NOT_SENT_CODES.has(attempt.networkCode ?? '');
		const mayHaveApplied = ambiguous && !request.idempotent && request.method !== 'GET';
		return new NodeApiError(
			ctx.getNode(),
			{
				message: attempt.networkMessage ?? 'network error',
				code: attempt.networkCode ?? 'UNKNOWN',
			} as JsonObject,
			{
				message: `Could not reach ${errors.provider}${tried}: ${attempt.networkMessage ?? attempt.networkCode}`,
				description: mayHaveApplied
					? 'The connection broke after the request was sent, so the change may have been applied. Check before running this item again.'
					: `Check the Base URL in the ${errors.provider} credential and that the service is reachable.`,
				itemIndex,
			},
		);
	}
	const { statusCode } = attempt.response;
	const body = parseBody(attempt.response.body);
	const bodyValue = body.ok ? body.value : attempt.response.body;
	const described = errors.describe(statusCode, bodyValue);
	const data = (
		bodyValue && typeof bodyValue === 'object' ? bodyValue : { body: String(bodyValue ?? '') }
	) as JsonObject;
	// A write that was not resent because this answer may mean "applied": say so, so it is not blindly rerun.
	const mayHaveApplied =
		!request.idempotent &&
		request.method !== 'GET' &&
		TRANSIENT_STATUSES.has(statusCode) &&
		!/applied/i.test(described.description ?? '');
	return apiError(ctx.getNode(), data, {
		message: `${described.message}${tried}`,
		description: mayHaveApplied
			? `${described.description ?? ''} The change may have been applied: check before running this item again.`.trim()
			: described.description,
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** Final failures whose last answer left open whether the request was applied. */
const UNCLEAR = new WeakSet<NodeApiError>();

/** Marks a request's final failure with whether its last answer left its outcome open; gives the error back. */
export function markOutcome(error: NodeApiError, unclear: boolean): NodeApiError {
	if (unclear) UNCLEAR.add(error);
	return error;
}

/**
 * Whether `error` is a request's final failure whose last answer left open whether the request was applied: a
 * 500, 502 or 504, a connection dropped after sending, a timeout, or a success status with an unreadable body.
 * For an operation that words its own error for that case (the transport has already resent what was safe to).
 */
export function outcomeUnclear(error: unknown): boolean {
	return error instanceof NodeApiError && UNCLEAR.has(error);
}

/** A success status whose body is not JSON: for a write, it probably happened. */
export function unreadableAnswer(
	ctx: RequestContext,
	status: number,
	errors: ProviderErrors,
	request: ApiRequest,
	attempts: number,
	itemIndex: number | undefined,
): NodeApiError {
	return apiError(ctx.getNode(), { message: 'unreadable response' } as JsonObject, {
		message: `${errors.provider} answered ${status} with a body that is not valid JSON`,
		description: request.idempotent
			? `Tried ${attempts} times. The service may be degraded; try again later.`
			: 'The change may have been applied. Check the campaign before running this item again.',
		httpCode: String(status),
		itemIndex,
	});
}

/** Finds a human-readable message in common error body shapes. */
export function messageFromBody(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const obj = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'error_description', 'detail', 'msg']) {
		const value = obj[key];
		if (typeof value === 'string' && value.trim()) return value;
		if (value && typeof value === 'object') {
			const nested = messageFromBody(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** A `ProviderErrors.describe` for APIs whose error bodies carry a plain message. */
export function describeByStatus(
	provider: string,
	hints: Partial<Record<number, string>> = {},
): ProviderErrors {
	return {
		provider,
		describe(statusCode, body) {
			const own = messageFromBody(body);
			const fallback = DEFAULT_HINTS[statusCode] ?? `${provider} answered ${statusCode}`;
			return {
				message: `${provider}: ${own ?? fallback}`,
				description: hints[statusCode] ?? DEFAULT_HINTS[statusCode],
			};
		},
	};
}

const DEFAULT_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid. Check the fields named in the message.',
	401: 'The API key was not accepted. Check the credential.',
	403: 'The credential is not allowed to do this. Check its permissions or plan.',
	404: 'Not found. Check the ID, or that it belongs to this account.',
	409: 'Conflict with the current state. Check the resource and try again.',
	422: 'The request was rejected as invalid. Check the fields named in the message.',
	429: 'Rate limit reached and the retries were used up. Run the workflow again later.',
	500: 'The service failed to process the request.',
	502: 'The service is unreachable behind its gateway. Try again later.',
	503: 'The service is unavailable. Try again later.',
	504: 'The service timed out. The change may have been applied; check before retrying.',
};
