import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * `authenticate` for a credential whose `field` is sent as `Authorization: Bearer <value>`.
 *
 * A function rather than the generic `{ headers: { Authorization: '=Bearer {{$credentials.<field>}}' } }`: n8n
 * applies `authenticate` to every request, and for the generic form it evaluates that expression each time, about
 * a millisecond in n8n (a data proxy is built for it). Bulk and per-lead operations send thousands of requests.
 */
export function bearerAuthentication(
	field: string,
): (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions> {
	return async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials[field] ?? '')}` },
	});
}
