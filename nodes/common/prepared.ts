import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRetryPolicy } from './requestOptions';
import { ItemResults } from './runner';
import type { RetryPolicy } from './transport';

/**
 * The shape of a one-request-per-item operation that checks every item before sending anything:
 * `prepare` reads and validates each item (throwing fails that item, e.g. with an `InputError`), and
 * the item's request options (Max Retries, Timeout) are checked with it; then `send` runs for each
 * prepared item in input order, with the item's retry policy. Without Continue On Fail a bad item
 * stops the node before the first request; with it, bad items become error items and the rest are sent.
 * One output entry per input item, with `pairedItem` (an array from `send` gives several, e.g. Get Many).
 * `subject` names an item's key values in an error the API gives back (see `toItemError`).
 */
export async function forEachPrepared<T>(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => T | Promise<T>,
	send: (value: T, itemIndex: number, policy: RetryPolicy) => Promise<IDataObject | IDataObject[]>,
	subject?: (value: T) => string,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results = new ItemResults(ctx);
	const prepared: Array<{ itemIndex: number; value: T; policy: RetryPolicy }> = [];
	for (let i = 0; i < count; i++) {
		try {
			const value = await prepare(i);
			prepared.push({ itemIndex: i, value, policy: readRetryPolicy(ctx, i) });
		} catch (error) {
			results.failure(i, error);
		}
	}
	for (const { itemIndex, value, policy } of prepared) {
		try {
			results.success(itemIndex, await send(value, itemIndex, policy));
		} catch (error) {
			results.failure(itemIndex, error, subject?.(value));
		}
	}
	return results.output(count);
}
