import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from './transport';
import type { RetryPolicy } from './transport';
import { checkIntRange } from './validate';

/** The range the editor offers for Max Retries; an expression must stay inside it too (retries stay bounded). */
const MAX_RETRIES = { min: 0, max: 10 };
/** The editor's minimum Timeout; 0 or no number would mean waiting for ever. */
const MIN_TIMEOUT_MS = 1000;

/**
 * Options every operation offers for its requests (inside its "Options" collection). Their literal defaults are
 * those of `DEFAULT_RETRY_POLICY` (checked by test/unit/options.test.ts).
 */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: MAX_RETRIES.min, maxValue: MAX_RETRIES.max },
		default: 3,
		description:
			'How many times to resend a request after a rate limit (429) or a temporary server error. Writes that may already have been applied are never resent.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: MIN_TIMEOUT_MS },
		default: 30000,
		description: 'How long to wait for each answer before giving up on it',
	},
];

/** The retry policy for an item, from its "Options" collection; values outside the editor's ranges are refused. */
export function readRetryPolicy(
	ctx: IExecuteFunctions,
	itemIndex: number,
	optionsName = 'options',
): RetryPolicy {
	const options = ctx.getNodeParameter(optionsName, itemIndex, {}) as {
		maxRetries?: unknown;
		timeout?: unknown;
	};
	return {
		...DEFAULT_RETRY_POLICY,
		maxRetries: checkIntRange(
			options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
			'Max Retries',
			MAX_RETRIES.min,
			MAX_RETRIES.max,
		),
		timeoutMs: checkIntRange(
			options.timeout ?? DEFAULT_RETRY_POLICY.timeoutMs,
			'Timeout (Ms)',
			MIN_TIMEOUT_MS,
		),
	};
}
