import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export type { RequestContext } from '../context';

/** One request as the common transport sends it. A provider declares facts about it; the transport decides. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Absolute URL (the provider transport joins its base URL and the path). */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: Record<string, string>;
	/** Form-encoded body instead of JSON. */
	form?: boolean;
	/**
	 * True when sending the request twice has the same effect as sending it once (reads, PUT, DELETE,
	 * upserts keyed by phone). Only such requests are retried after an answer that may mean
	 * "applied, but the reply was lost" (500, 502, 504, reset connection, timeout, unreadable body).
	 * Non-idempotent writes are retried only when the service said it did not process them (429, 503).
	 */
	idempotent: boolean;
	/**
	 * For an idempotent request resent after an unclear answer (500, 502, 504, dropped connection, timeout,
	 * unreadable body): whether the resend's failure answer means that an earlier attempt was applied, e.g. a
	 * DELETE answered 404 (already gone) or a change refused because the state is already the wanted one. Such
	 * an answer counts as success (`appliedEarlier`). Default: a DELETE answered 404 (after an unclear answer a
	 * wrong ID is then taken as deleted: either way it is gone). Never consulted when no earlier answer was
	 * unclear, so a wrong ID still fails.
	 */
	appliedEarlier?: (response: ApiResponse) => boolean | Promise<boolean>;
	/**
	 * For a credential holding a token that n8n renews (`preAuthentication`, e.g. OAuth2 client credentials): the
	 * name of the token's property (the credential's hidden `expirable` property). On a 401 the run's copy of the
	 * token is emptied and the request sent once more: n8n then fetches a new token before sending it, as for a
	 * credential that has none yet, and the answer comes back whole (body and headers). Without it (API keys) a
	 * 401 is sent again once as it was, which gets over a passing refusal.
	 */
	renewableToken?: string;
	/**
	 * For a credential that fetches its token with a request of its own in n8n's `preAuthentication` (n8n hands
	 * over only the message of what that throws): `passingFailure(message)` says whether the token request failed
	 * for a passing reason (a busy or failing token service: 429, 5xx, no answer), as opposed to a refusal of the
	 * client. The request itself was not sent then, so the transport sends it again (and so asks for a token
	 * again), at most `maxRetries` times, apart from the retry policy's own resends, after the policy's backoff.
	 */
	tokenRequest?: { passingFailure(message: string): boolean; maxRetries: number };
}

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff step; doubles each retry. */
	baseDelayMs: number;
	/** Upper bound for one wait, whether from backoff or from Retry-After. */
	maxDelayMs: number;
	/** Per-attempt timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	timeoutMs: 30_000,
};

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
	/** How many attempts it took (1 = no retry). */
	attempts: number;
	/** True when an earlier attempt's answer was lost and this answer says that attempt was applied. */
	appliedEarlier?: boolean;
	/**
	 * True when an earlier attempt of this request got an unclear answer (500, 502, 504, dropped connection,
	 * timeout, unreadable body) and so may have been applied before this answer: e.g. a bulk delete's resend
	 * that finds some of its records already gone.
	 */
	afterUnclearAnswer?: boolean;
}

/** What a provider says about a failed answer: its own message, and what the user can do. */
export interface ErrorDescription {
	message: string;
	description?: string;
}

export interface ProviderErrors {
	/** Provider name used in messages, e.g. "Acme Calls". */
	provider: string;
	/** Pulls the provider's own error text out of an error body. */
	describe(statusCode: number, body: unknown): ErrorDescription;
}
