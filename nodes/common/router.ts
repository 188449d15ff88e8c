import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, toItemError } from './runner';

/** One operation of a node: its parameters live in its own file next to `execute`. */
export interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** Resource name → its module, which exports one `Operation` per operation name (and its description). */
export type ResourceMap = Record<string, object>;

/**
 * Dispatches to the operation the user picked. Resource and operation are read once (from the first
 * item), as in n8n's own nodes; the operation then handles every input item.
 *
 * Item problems are handled by the item runners. What still escapes an operation concerns the whole run:
 * a node-wide option (read once, from the first item, like Default Country) that is not valid. It fails
 * before any request, naming item 0 and the field; with Continue On Fail every item becomes an error item
 * (n8n would otherwise pass the input through as if it had succeeded).
 */
export async function route(
	this: IExecuteFunctions,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as Record<string, Partial<Operation>> | undefined)?.[operation];
	if (typeof handler?.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	try {
		return [await handler.execute.call(this)];
	} catch (error) {
		// An error that escaped the item runners names its own item (without Continue On Fail); else item 0.
		const own = (error as { context?: { itemIndex?: unknown } })?.context?.itemIndex;
		const nodeError = toItemError(this, error, typeof own === 'number' ? own : 0);
		if (!this.continueOnFail()) throw nodeError;
		const node = this.getNode();
		return [this.getInputData().map((_, itemIndex) => errorItem(node, nodeError, itemIndex))];
	}
}
