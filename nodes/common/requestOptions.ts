import { deepCopy } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/**
 * Reading parameters: run-wide or per item. One rule for every operation:
 *
 * - **Run-wide**: item 0's value, read once per run with `runWideOptions` (an expression there is evaluated for
 *   item 0 only):
 *   - the phone rules, Default Country and Phone Format, in every operation (`Provider.readPhoneSettings`): one run
 *     has one set of phone rules;
 *   - the whole Options collection of an operation whose requests carry or pace many items at once whatever their
 *     values (bulk writes chunked by Batch Size, requests kept in flight by Concurrent Requests: `runBatched`), with
 *     its retry policy (`runWideRetryPolicy`).
 * - **Per item**: everything else, read for each item, including Max Retries and Timeout of an operation that sends
 *   a request per item (`forEachPrepared` reads `readRetryPolicy(ctx, itemIndex)` itself). A request sent for a
 *   group of items that share every value it carries (Talkturo Campaign Run: one run per campaign and settings) is
 *   sent with the policy of the group's first item, the item its answer is reported for.
 * - **Fast path**: item parameters read in `runBatched`'s `prepare` (up to 10,000 items a run) go through
 *   `getItemParameter` (parameters.ts), never `getNodeParameter`, whose expression evaluation would dominate the run;
 *   elsewhere either is fine (one request per item costs far more than the read).
 */

/** The retry policy in an options object (an operation's "Options" collection); values outside the editor's ranges are refused. */
function retryPolicyOf(options: { maxRetries?: unknown; timeout?: unknown }): RetryPolicy {
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

/** The retry policy for one item, from its "Options" collection (per item, see above). */
export function readRetryPolicy(
	ctx: IExecuteFunctions,
	itemIndex: number,
	optionsName = 'options',
): RetryPolicy {
	return retryPolicyOf(ctx.getNodeParameter(optionsName, itemIndex, {}) as IDataObject);
}

/** Per run (execution context): the run-wide options collections read so far, by parameter name. */
const RUN_WIDE = new WeakMap<IExecuteFunctions, Map<string, IDataObject>>();

/**
 * The run-wide options (see above): the collection `optionsName` of item 0, read once per run and handed to each
 * caller as its own copy.
 */
export function runWideOptions(ctx: IExecuteFunctions, optionsName = 'options'): IDataObject {
	let byName = RUN_WIDE.get(ctx);
	if (byName === undefined) RUN_WIDE.set(ctx, (byName = new Map()));
	let options = byName.get(optionsName);
	if (options === undefined) {
		options = ctx.getNodeParameter(optionsName, 0, {}) as IDataObject;
		byName.set(optionsName, options);
	}
	return deepCopy(options);
}

/** The run-wide retry policy (see above), from `runWideOptions`. */
export function runWideRetryPolicy(ctx: IExecuteFunctions, optionsName = 'options'): RetryPolicy {
	return retryPolicyOf(runWideOptions(ctx, optionsName));
}
