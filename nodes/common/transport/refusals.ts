import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { apiError } from '../errors';
import type { ProviderErrors, RequestContext } from './types';

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

/** The error of a request not sent because the run's credential was refused earlier; undefined when it was not. */
export function refusedBefore(
	ctx: RequestContext,
	credentialType: string,
	errors: ProviderErrors,
	itemIndex: number | undefined,
): NodeApiError | undefined {
	const refused = refusals.get(ctx)?.get(credentialType);
	if (!refused) return undefined;
	const first = refused.itemIndex === undefined ? '' : ` (at item ${refused.itemIndex})`;
	return apiError(ctx.getNode(), { message: 'credential refused earlier in this run' } as JsonObject, {
		message: refused.message,
		description: `Not sent: ${errors.provider} refused the credential earlier in this run${first}. ${
			refused.description ?? 'Check the credential.'
		}`,
		httpCode: '401',
		itemIndex,
	});
}
