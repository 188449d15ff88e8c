import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { credentialsOfRun } from './perRun';
import { rateLimited } from './rateLimit';

/** Every n8n context that may send an authenticated request. */
export type RequestContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

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

/** Statuses that mean the service did not process the request: safe to resend any request. */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/** Statuses after which an idempotent request may be resent. */
const TRANSIENT_STATUSES = new Set([500, 502, 504]);
/** Network failures where the request never reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Network failures where the request may or may not have been processed. */
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

interface Attempt {
	response?: ApiResponse;
	/** Network-level failure (no HTTP answer). */
	networkCode?: string;
	networkMessage?: string;
}

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
	const refused = refusals.get(ctx)?.get(credentialType);
	if (refused) throw refusedBefore(ctx, refused, errors, itemIndex);
	// Whether an earlier attempt may have been applied although its answer said otherwise or was lost.
	let unclear = false;
	// Every attempt goes through the run's rate-limit gate: a 429 pauses and slows the whole run (rateLimit.ts).
	const limit = rateLimited(ctx, credentialType, policy.maxRetries);
	let previous: Attempt | undefined;
	for (let attemptNo = 1; ; attemptNo++) {
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
				? toApiError(ctx, previous, errors, request, attemptNo - 1, itemIndex)
				: limit.notSent(ctx.getNode(), errors.provider, itemIndex);
		}
		previous = attempt;
		const status = attempt.response?.statusCode;

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
			throw new NodeApiError(ctx.getNode(), { message: 'unreadable response' } as JsonObject, {
				message: `${errors.provider} answered ${status} with a body that is not valid JSON`,
				description: request.idempotent
					? `Tried ${attemptNo} times. The service may be degraded; try again later.`
					: 'The change may have been applied. Check the campaign before running this item again.',
				httpCode: String(status),
				itemIndex,
			});
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
		const error = toApiError(ctx, attempt, errors, request, attemptNo, itemIndex);
		if (status === 401) rememberRefusal(ctx, credentialType, error, itemIndex);
		if (status === 429) limit.failed(error, itemIndex);
		throw error;
	}
}

/** A refusal of the run's credential that holds (a 401 after the resend, a refused token request): what it said. */
interface Refusal {
	message: string;
	description?: string;
	itemIndex?: number;
}

/** Per run (execution context) and credential type: the credential's refusal, once it is certain. */
const refusals = new WeakMap<RequestContext, Map<string, Refusal>>();

/**
 * Once the service has refused the run's credential for good, the rest of the run's requests would be refused
 * too (the credential is read once per run): they are not sent. Each of their items fails at once with the same
 * message, instead of thousands of requests, each sent twice, against a revoked key. Requests already in flight
 * finish as they are. The refusal's error is described once, here, not again for every item.
 *
 * `sendRequest` calls it for a 401 that held after the resend. A provider transport calls it for a refusal only it
 * can recognise, e.g. a token request that the provider's token service refused inside n8n's `preAuthentication`.
 */
export function rememberRefusal(
	ctx: RequestContext,
	credentialType: string,
	error: NodeApiError,
	itemIndex?: number,
) {
	let byType = refusals.get(ctx);
	if (byType === undefined) refusals.set(ctx, (byType = new Map()));
	if (!byType.has(credentialType)) {
		byType.set(credentialType, {
			message: error.message,
			description: error.description ?? undefined,
			itemIndex,
		});
	}
}

function refusedBefore(
	ctx: RequestContext,
	refused: Refusal,
	errors: ProviderErrors,
	itemIndex: number | undefined,
): NodeApiError {
	const first = refused.itemIndex === undefined ? '' : ` (at item ${refused.itemIndex})`;
	return new NodeApiError(
		ctx.getNode(),
		{ message: 'credential refused earlier in this run' } as JsonObject,
		{
			message: refused.message,
			description: `Not sent: ${errors.provider} refused the credential earlier in this run${first}. ${
				refused.description ?? 'Check the credential.'
			}`,
			httpCode: '401',
			itemIndex,
		},
	);
}

/** An answer after which the request may or may not have been applied. */
function isUnclear(attempt: Attempt): boolean {
	const status = attempt.response?.statusCode;
	if (status !== undefined) return TRANSIENT_STATUSES.has(status);
	return !NOT_SENT_CODES.has(attempt.networkCode ?? 'UNKNOWN');
}

/** See `ApiRequest.appliedEarlier`; the provider's failure answer is parsed for the check. */
async function appliedEarlier(request: ApiRequest, response: ApiResponse): Promise<boolean> {
	const parsed = parseBody(response.body);
	const answer = { ...response, body: parsed.ok ? parsed.value : response.body };
	if (request.appliedEarlier) return await request.appliedEarlier(answer);
	return request.method === 'DELETE' && response.statusCode === 404;
}

async function attemptOnce(
	ctx: RequestContext,
	credentialType: string,
	request: ApiRequest,
	policy: RetryPolicy,
): Promise<Attempt> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: { Accept: 'application/json', ...request.headers },
		returnFullResponse: true,
		// Every status comes back as a response, so the provider's body and Retry-After stay readable.
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
		// Parse JSON ourselves, so a malformed body is reported rather than silently turned into a string.
		json: false,
		encoding: 'text',
	};
	if (request.body !== undefined) {
		if (request.form) {
			options.body = request.body;
			options.headers!['Content-Type'] = 'application/x-www-form-urlencoded';
		} else {
			// An object is handed over as is and serialised once by axios (a JSON string it would parse again to
			// check it); n8n drops an empty object, so that one is sent as text.
			const body = request.body;
			const empty = typeof body === 'object' && Object.keys(body).length === 0;
			options.body = typeof body === 'string' ? body : empty ? JSON.stringify(body) : body;
			options.headers!['Content-Type'] = 'application/json';
		}
	}
	// The token this attempt goes out with (for a renewable token): a 401 for it is then told apart from a 401
	// for a token another request of the run has renewed in the meantime.
	const tokenProperty = request.renewableToken;
	const credentials = tokenProperty ? await credentialsOfRun(ctx, credentialType) : undefined;
	const tokenSent = tokenProperty && credentials?.[tokenProperty];
	const first = await send(ctx, credentialType, options);
	if (first.response?.statusCode !== 401) return first;
	// A 401 was not processed, so it is safe to send once more: as it was for an API key (n8n would resend a 401 it
	// sees once more itself, to no avail), and for a renewable token without the token, so that n8n fetches a new
	// one first. (n8n's own renewal, after a 401 it sees, throws away the answer's body: a refused request would
	// lose the provider's message.)
	if (tokenProperty && credentials && credentials[tokenProperty] === tokenSent) {
		credentials[tokenProperty] = '';
	}
	return await send(ctx, credentialType, options);
}

async function send(
	ctx: RequestContext,
	credentialType: string,
	options: IHttpRequestOptions,
): Promise<Attempt> {
	try {
		// n8n still applies the credential; it is handed the run's copy so that it is not read from the
		// database and decrypted again for every request (bulk runs send hundreds).
		const data = await credentialsOfRun(ctx, credentialType);
		const credentialsDecrypted = { id: '', name: credentialType, type: credentialType, data };
		const full = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			credentialType,
			{ ...options, headers: { ...options.headers } },
			{ credentialsDecrypted },
		)) as { statusCode: number; headers: ApiResponse['headers']; body: unknown };
		return {
			response: { statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body, attempts: 1 },
		};
	} catch (error) {
		return fromThrown(error);
	}
}

/**
 * What is left of a thrown request error. n8n's request errors keep the HTTP status (not the body or
 * headers) or, for network failures, the error code in `httpCode` and the original message in
 * `messages`. The request config (with the credentials in its headers) is dropped here.
 */
function fromThrown(error: unknown): Attempt {
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

function isRetryable(attempt: Attempt, idempotent: boolean): boolean {
	const status = attempt.response?.statusCode;
	if (status !== undefined) {
		if (NOT_PROCESSED_STATUSES.has(status)) return true;
		return idempotent && TRANSIENT_STATUSES.has(status);
	}
	const code = attempt.networkCode ?? 'UNKNOWN';
	if (NOT_SENT_CODES.has(code)) return true;
	return idempotent && AMBIGUOUS_CODES.has(code);
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

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (body === undefined || body === null) return { ok: true, value: {} };
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

function toApiError(
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
	return new NodeApiError(ctx.getNode(), data, {
		message: `${described.message}${tried}`,
		description: mayHaveApplied
			? `${described.description ?? ''} The change may have been applied: check before running this item again.`.trim()
			: described.description,
		httpCode: String(statusCode),
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
