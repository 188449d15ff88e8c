import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { credentialsOfRun, perRun } from '../common/perRun';
import { describeByStatus, sendRequest } from '../common/transport';
import type { ApiResponse, RequestContext, RetryPolicy } from '../common/transport';
import { DEFAULT_RETRY_POLICY } from '../common/transport';

export const CREDENTIAL_TYPE = 'taalkApi';

const errors = describeByStatus('Taalk', {
	400: 'Taalk rejected the request as invalid. Check that every contact has a name and a phone.',
	401: 'Taalk did not accept the API key. Check the Taalk credential.',
	404: 'Taalk could not find the campaign or contact. Check the ID, and that it belongs to this API key.',
	425: 'Taalk is still processing this call. Try again in a minute.',
});

export interface TaalkRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/campaign2s/<id>/contacts`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** See `ApiRequest.idempotent`. */
	idempotent: boolean;
}

interface Endpoint {
	baseUrl: string;
	datasource?: string;
}

/** Base URL and datasource, read from the credential once per run. */
const endpointOf = perRun(async (ctx): Promise<Endpoint> => {
	const credentials = await credentialsOfRun<{ baseUrl?: string; datasource?: string }>(ctx, CREDENTIAL_TYPE);
	return {
		baseUrl: String(credentials.baseUrl || 'https://api.taalk.ai/api').replace(/\/+$/, ''),
		datasource: credentials.datasource || undefined,
	};
});

/** One request to the Taalk API: base URL and optional datasource from the credential, retries, Taalk's errors. */
export async function taalkRequest<T = IDataObject>(
	ctx: RequestContext,
	request: TaalkRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	itemIndex?: number,
): Promise<ApiResponse<T>> {
	const { baseUrl, datasource } = await endpointOf(ctx);
	const qs: IDataObject = { ...request.qs };
	if (datasource) qs.db = datasource;
	return await sendRequest<T>(
		ctx,
		CREDENTIAL_TYPE,
		{
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs,
			body: request.body,
			idempotent: request.idempotent,
		},
		errors,
		policy,
		itemIndex,
	);
}
