import type { INode } from 'n8n-workflow';

/** A node as n8n passes it to errors and helpers, for tests that need one outside a workflow run. */
export function testNode(name: string, type = name.toLowerCase()): INode {
	return { id: `${type}-node`, name, type, typeVersion: 1, position: [0, 0], parameters: {} };
}
