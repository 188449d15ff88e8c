import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * A problem with one input item, found before any request is sent.
 * Validators throw it without knowing the node; the item runner turns it into a
 * `NodeOperationError` that names the item.
 */
export class InputError extends Error {
	constructor(
		/** The parameter's display name, e.g. "Phone". */
		readonly field: string,
		/** What is wrong, e.g. `"12" is too short`. */
		readonly problem: string,
		/** What is accepted / what to do, e.g. "Use a full number such as +14155550123". */
		readonly hint: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InputError';
	}
}

/** The message every item-level validation error uses: item, field, problem, what is accepted. */
export function inputErrorToNodeError(node: INode, error: InputError, itemIndex: number) {
	return new NodeOperationError(
		node,
		`Item ${itemIndex}, field "${error.field}": ${error.problem}. ${error.hint}`,
		{ itemIndex, description: error.hint },
	);
}

/** Quotes a user-supplied value for an error message, shortened so a message stays readable. */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return `"${short}"`;
}
