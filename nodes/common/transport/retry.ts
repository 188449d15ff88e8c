import { sleep } from 'n8n-workflow';

import { rateLimited } from '../rateLimit';
import { appliedEarlier, isRetryable, isUnclear, parseBody } from './classify';
import type { Attempt } from './classify';
import { rememberRefusal, refusedBefore } from './refusals';
import { markOutcome, toApiError, unreadableAnswer } from './render';
import { attemptOnce } from './send';
import { DEFAULT_RETRY_POLICY } from './types';
import type { ApiRequest, ApiResponse, ProviderErrors, RequestContext, RetryPolicy } from './types';

/**
 * Sends one authenticated request through n8n's `httpRequestWithAuthentication`, retrying within
 * `policy` where that is safe, and turns a final failure into a `NodeApiError` with the provider's
 * own message. Request options (and so credentials) never reach an error.
 */
export async function sendRequest<T = unknown>(
	ctx: RequestContext,
	credentialType: string,
	request: ApiRequest,
	errors: ProviderErrors,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	itemIndex?: number,
): Promise<ApiResponse<T>> {
	const refused = refusedBefore(ctx, credentialType, errors, itemIndex);
	if (refused) throw refused;
	// Whether an earlier attempt may have been applied although its answer said otherwise or was lost.
	let unclear = false;
	// Every attempt goes through the run's rate-limit gate: a 429 pauses and slows the whole run (rateLimit.ts).
	const limit = rateLimited(ctx, credentialType, policy.maxRetries);
	// The final failure of an attempt, as the node error (marked when its outcome is unclear, see `outcomeUnclear`).
	const failure = (attempt: Attempt, attempts: number) =>
		markOutcome(
			toApiError(ctx, attempt, errors, request, attempts, itemIndex),
			!tokenRequestFailed(request, attempt) && isUnclear(attempt),
		);
	let previous: { attempt: Attempt; attempts: number } | undefined;
	// Attempts whose token request failed for a passing reason: the request itself did not go out.
	let tokenRetries = 0;
	for (let round = 1; ; round++) {
		const attemptNo = round - tokenRetries;
		const attempt = await limit.send(
			async () => await attemptOnce(ctx, credentialType, request, policy),
			(sent) => ({
				status: sent.response?.statusCode,
				waitMs: waitBeforeRetry(sent, policy, attemptNo),
			}),
		);
		if (attempt === undefined) {
			// The run's rate limit holds: not sent (again).
			throw previous
				? failure(previous.attempt, previous.attempts)
				: limit.notSent(ctx.getNode(), errors.provider, itemIndex);
		}
		previous = { attempt, attempts: attemptNo };
		const status = attempt.response?.statusCode;

		if (tokenRequestFailed(request, attempt)) {
			if (tokenRetries < request.tokenRequest!.maxRetries) {
				tokenRetries++;
				await sleep(backoff(policy, tokenRetries));
				continue;
			}
			throw failure(attempt, attemptNo);
		}

		if (attempt.response && status !== undefined && status < 400) {
			const parsed = parseBody(attempt.response.body);
			if (parsed.ok) {
				return {
					...attempt.response,
					body: parsed.value as T,
					attempts: attemptNo,
					...(unclear && { afterUnclearAnswer: true }),
				};
			}
			// 2xx with an unreadable body: the write probably happened.
			if (request.idempotent && limit.mayRetry(attemptNo)) {
				unclear = true;
				await sleep(backoff(policy, attemptNo));
				continue;
			}
			throw markOutcome(unreadableAnswer(ctx, status, errors, request, attemptNo, itemIndex), true);
		}

		if (
			unclear &&
			request.idempotent &&
			attempt.response &&
			(await appliedEarlier(request, attempt.response))
		) {
			return { ...attempt.response, body: {} as T, attempts: attemptNo, appliedEarlier: true };
		}
		const retryable = isRetryable(attempt, request.idempotent);
		if (retryable && limit.mayRetry(attemptNo)) {
			unclear ||= isUnclear(attempt);
			// A 429's wait is the run's shared pause, which the next send waits out in the gate.
			if (status !== 429) await sleep(waitBeforeRetry(attempt, policy, attemptNo));
			continue;
		}
		const error = failure(attempt, attemptNo);
		if (status === 401) rememberRefusal(ctx, credentialType, error, itemIndex);
		if (status === 429) limit.failed(error, itemIndex);
		throw error;
	}
}

/** See `ApiRequest.tokenRequest`: the attempt's token request failed for a passing reason. */
function tokenRequestFailed(request: ApiRequest, attempt: Attempt): boolean {
	if (attempt.response || request.tokenRequest === undefined) return false;
	return request.tokenRequest.passingFailure(attempt.networkMessage ?? '');
}

function backoff(policy: RetryPolicy, attemptNo: number): number {
	return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNo - 1));
}

/** Retry-After (seconds or HTTP date), capped; otherwise exponential backoff. */
function waitBeforeRetry(attempt: Attempt, policy: RetryPolicy, attemptNo: number): number {
	const retryAfter = retryAfterMs(attempt.response?.headers?.['retry-after']);
	if (retryAfter !== undefined) return Math.min(policy.maxDelayMs, retryAfter);
	return backoff(policy, attemptNo);
}

export function retryAfterMs(header: string | string[] | undefined): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - Date.now());
}
