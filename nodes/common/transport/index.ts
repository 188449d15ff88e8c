/**
 * The common transport: every request of every provider goes through `sendRequest`. Read in this order:
 * - `types.ts`: the facts a provider declares about a request (`ApiRequest`: idempotent, appliedEarlier,
 *   renewableToken, tokenRequest) and the retry policy;
 * - `retry.ts`: the one retry loop, which decides every resend;
 * - `classify.ts`: what an answer means for a resend (not processed, unclear, final);
 * - `send.ts`: one attempt over n8n's `httpRequestWithAuthentication`;
 * - `refusals.ts`: a credential refused for good stops the rest of the run;
 * - `render.ts`: a final failure as the error the user sees (`outcomeUnclear` tells an operation whether it may
 *   have been applied).
 * Providers only declare facts; no operation or credential runs a retry loop of its own.
 * The run-wide rate-limit gate every attempt goes through is `../rateLimit.ts`.
 */
export { sendRequest, retryAfterMs } from './retry';
export { rememberRefusal } from './refusals';
export { describeByStatus, messageFromBody, outcomeUnclear } from './render';
export { DEFAULT_RETRY_POLICY } from './types';
export type {
	ApiRequest,
	ApiResponse,
	ErrorDescription,
	ProviderErrors,
	RequestContext,
	RetryPolicy,
} from './types';
