import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from './transport';
import type { RetryPolicy } from './transport';

/** Options every operation offers for its requests (inside its "Options" collection). */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: DEFAULT_RETRY_POLICY.maxRetries,
		description:
			'How many times to resend a request after a rate limit (429) or a temporary server error. Writes that may already have been applied are never resent.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: DEFAULT_RETRY_POLICY.timeoutMs,
		description: 'How long to wait for each answer before giving up on it',
	},
];

/** The retry policy for an item, from its "Options" collection. */
export function readRetryPolicy(
	ctx: IExecuteFunctions,
	itemIndex: number,
	optionsName = 'options',
): RetryPolicy {
	const options = ctx.getNodeParameter(optionsName, itemIndex, {}) as {
		maxRetries?: number;
		timeout?: number;
	};
	return {
		...DEFAULT_RETRY_POLICY,
		maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
		timeoutMs: options.timeout ?? DEFAULT_RETRY_POLICY.timeoutMs,
	};
}
