import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** One operation of a node: its parameters live in its own file next to `execute`. */
export interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** Resource name → its module, which exports one `Operation` per operation name (and its description). */
export type ResourceMap = Record<string, object>;

/**
 * Dispatches to the operation the user picked. Resource and operation are read once (from the first
 * item), as in n8n's own nodes; the operation then handles every input item.
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
	return [await handler.execute.call(this)];
}
