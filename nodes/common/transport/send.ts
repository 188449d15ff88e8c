import type { IHttpRequestOptions } from 'n8n-workflow';

import { credentialsOfRun } from '../perRun';
import { fromThrown } from './classify';
import type { Attempt } from './classify';
import type { ApiRequest, ApiResponse, RequestContext, RetryPolicy } from './types';

/**
 * One attempt of a request through n8n's `httpRequestWithAuthentication`, with the run's credential: every status
 * comes back as an answer, a thrown error as what is left of it. A 401 is sent once more within the attempt (see
 * `ApiRequest.renewableToken`).
 */
export async function attemptOnce(
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
