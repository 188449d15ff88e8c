import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InputError, inputErrorToNodeError } from './errors';

type NodeError = NodeApiError | NodeOperationError;

/** Turns anything thrown while handling an item into an n8n error that names the item. */
export function toItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof InputError) return inputErrorToNodeError(ctx.getNode(), error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The output item Continue On Fail gives a failed input item. `json.error` is what n8n routes to the
 * error output; the item's `error` property is left unset because n8n would replace the json with the
 * bare message, losing the description and status.
 */
export function errorItem(nodeError: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: nodeError.message };
	if (nodeError.description) json.errorDescription = nodeError.description;
	if (nodeError instanceof NodeApiError && nodeError.httpCode) json.httpCode = nodeError.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Collects exactly one result per input item, in input order, each with `pairedItem`.
 *
 * - `success(i, json)`: the item's output (an array gives several output items, e.g. "Get Many").
 * - `failure(i, error)`: with Continue On Fail the item becomes an error item and the run goes on;
 *   without it the error is thrown at once, naming the item.
 */
export class ItemResults {
	private readonly results = new Map<number, INodeExecutionData[]>();

	private readonly continueOnFail: boolean;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.continueOnFail = ctx.continueOnFail();
	}

	success(itemIndex: number, json: IDataObject | IDataObject[]): void {
		const list = Array.isArray(json) ? json : [json];
		this.results.set(
			itemIndex,
			list.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } })),
		);
	}

	/** Throws unless Continue On Fail is on. */
	failure(itemIndex: number, error: unknown): void {
		const nodeError = toItemError(this.ctx, error, itemIndex);
		if (!this.continueOnFail) throw nodeError;
		this.results.set(itemIndex, [errorItem(nodeError, itemIndex)]);
	}

	has(itemIndex: number): boolean {
		return this.results.has(itemIndex);
	}

	/** The output, in input order. Every input item must have been given a result. */
	output(itemCount: number): INodeExecutionData[] {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < itemCount; i++) {
			const result = this.results.get(i);
			if (!result) {
				throw new NodeOperationError(this.ctx.getNode(), `Internal error: item ${i} got no result`, {
					itemIndex: i,
				});
			}
			out.push(...result);
		}
		return out;
	}
}
