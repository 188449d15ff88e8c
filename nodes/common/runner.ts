import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { apiError, InputError, InputErrors, inputErrorToNodeError, operationError, quote } from './errors';

type NodeError = NodeApiError | NodeOperationError;

/**
 * Turns anything thrown while handling an item into an n8n error that names the item.
 *
 * `subject` names the item's key values (e.g. `phone "+14155550123", campaign "6791…"`): an error the API gave
 * back then says which item and which contact it was about, after the provider's own message:
 * `Taalk: Contact not found (item 3, phone "7047058647", campaign "6791…")`. Validation errors already name item
 * and field.
 */
export function toItemError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	subject?: string,
): NodeError {
	if (error instanceof InputError || error instanceof InputErrors) {
		return inputErrorToNodeError(ctx.getNode(), error, itemIndex);
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const named = ` (item ${itemIndex}${subject ? `, ${subject}` : ''})`;
		// A chunk's error carries the index of the chunk's first item: every member gets one naming itself.
		const namedBefore = /^Item \d+,/.test(error.message) || error.message.includes(' (item ');
		if (namedBefore) {
			if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
			return error;
		}
		// A new error per item: one error may be the answer for a whole chunk of items.
		const options = { description: error.description ?? undefined, itemIndex };
		const message = `${error.message}${named}`;
		return error instanceof NodeApiError
			? apiError(ctx.getNode(), (error.errorResponse ?? {}) as JsonObject, {
					...options,
					message,
					httpCode: error.httpCode ?? undefined,
				})
			: operationError(ctx.getNode(), message, options);
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The output item a failed input item becomes when the node goes on after errors.
 *
 * - "Continue (using error output)": n8n moves an item to the error output only when its `json` holds nothing but
 *   `error`, so everything known about the failure goes inside it: `{ error: { message, description, httpCode,
 *   itemIndex } }`. n8n then adds the input item's own fields beside `error`, so the failed contact stays readable.
 * - "Continue (using regular output)" (and the older Continue On Fail): `{ error, errorDescription, httpCode }`
 *   beside the successful items, as released. The item's `error` property stays unset in both: n8n would replace
 *   the json with the bare message, losing the description and status.
 */
export function errorItem(node: INode, nodeError: NodeError, itemIndex: number): INodeExecutionData {
	const description = nodeError.description || undefined;
	const httpCode = nodeError instanceof NodeApiError ? nodeError.httpCode || undefined : undefined;
	if (node.onError === 'continueErrorOutput') {
		const error: IDataObject = { message: nodeError.message };
		if (description) error.description = description;
		if (httpCode) error.httpCode = httpCode;
		error.itemIndex = itemIndex;
		return { json: { error }, pairedItem: { item: itemIndex } };
	}
	const json: IDataObject = { error: nodeError.message };
	if (description) json.errorDescription = description;
	if (httpCode) json.httpCode = httpCode;
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
	/** By input index: the item's output item, or its several (an array). */
	private readonly results: Array<INodeExecutionData | INodeExecutionData[] | undefined> = [];

	private readonly continueOnFail: boolean;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.continueOnFail = ctx.continueOnFail();
	}

	success(itemIndex: number, json: IDataObject | IDataObject[]): void {
		this.results[itemIndex] = Array.isArray(json)
			? json.map((entry) => ({ json: entry, pairedItem: { item: itemIndex } }))
			: { json, pairedItem: { item: itemIndex } };
	}

	/** Throws unless Continue On Fail is on. `subject` names the item's key values (see `toItemError`). */
	failure(itemIndex: number, error: unknown, subject?: string): void {
		const nodeError = toItemError(this.ctx, error, itemIndex, subject);
		if (!this.continueOnFail) throw nodeError;
		this.results[itemIndex] = errorItem(this.ctx.getNode(), nodeError, itemIndex);
	}

	has(itemIndex: number): boolean {
		return this.results[itemIndex] !== undefined;
	}

	/** The output, in input order. Every input item must have been given a result. */
	output(itemCount: number): INodeExecutionData[] {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < itemCount; i++) {
			const result = this.results[i];
			if (!result) {
				throw new NodeOperationError(this.ctx.getNode(), `Internal error: item ${i} got no result`, {
					itemIndex: i,
				});
			}
			if (Array.isArray(result)) out.push(...result);
			else out.push(result);
		}
		return out;
	}
}

/**
 * The key values of an item for an error message, e.g. `phone "7047058647", campaign "6791043299aeedfec27f85d5"`;
 * empty values are left out.
 */
export function keyValues(values: Record<string, unknown>): string {
	return Object.entries(values)
		.filter(([, value]) => value !== undefined && value !== null && value !== '')
		.map(([name, value]) => `${name} ${quote(value)}`)
		.join(', ');
}
