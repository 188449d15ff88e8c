import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

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

/** Several problems with one input item, each with its field, reported together. */
export class InputErrors extends Error {
	constructor(readonly errors: InputError[]) {
		super(errors.map((error) => error.message).join('; '));
		this.name = 'InputErrors';
	}
}

/**
 * Reads an item's fields so that every bad field is reported at once, not only the first: `read(() => …)` runs one
 * field's reader and, if it throws an `InputError`, notes it and goes on (the field's value is then `undefined`).
 * After `build`, the noted errors are thrown together. A later error that only follows from a missing value (a
 * `TypeError` on `undefined`) is not reported over them.
 */
export function readAllFields<T>(build: (read: <V>(reader: () => V) => V) => T): T {
	const found: InputError[] = [];
	/** Notes an input error; false for anything else. */
	const noted = (error: unknown): boolean => {
		if (error instanceof InputError) found.push(error);
		else if (error instanceof InputErrors) found.push(...error.errors);
		else return false;
		return true;
	};
	const read = <V>(reader: () => V): V => {
		let failed: { error: unknown };
		try {
			return reader();
		} catch (error) {
			if (noted(error)) return undefined as V;
			failed = { error };
		}
		throw failed.error;
	};
	const outcome = attempt(() => build(read));
	if (!found.length) {
		if ('value' in outcome) return outcome.value;
		throw outcome.error;
	}
	if ('error' in outcome) noted(outcome.error);
	throw found.length === 1 ? found[0] : new InputErrors(found);
}

function attempt<V>(run: () => V): { value: V } | { error: unknown } {
	try {
		return { value: run() };
	} catch (error) {
		return { error };
	}
}

/**
 * The error every item-level validation problem becomes. The message names the item, the field, what was wrong
 * and what to do, so the fix travels with it wherever the message goes (an error item's `error`, a log line). It
 * has no separate description: n8n shows both, and the hint would be read twice. Several problems of one item are
 * listed together, each with its field.
 */
export function inputErrorToNodeError(node: INode, error: InputError | InputErrors, itemIndex: number) {
	const list = error instanceof InputErrors ? error.errors : [error];
	const part = (each: InputError) => `field "${each.field}": ${each.problem}. ${each.hint}`;
	const message =
		list.length === 1
			? `Item ${itemIndex}, ${part(list[0])}`
			: `Item ${itemIndex}, ${list.length} fields are wrong: ${list.map(part).join('; ')}`;
	return operationError(node, message, { itemIndex });
}

/**
 * n8n's `NodeApiError` and `NodeOperationError` replace a message that merely contains one of Node's system error
 * codes (ENOENT, EPERM, EACCES, EEXIST, ECONNRESET, …: in any case, anywhere in the text) with a generic sentence of
 * their own. Our messages quote contacts' data, IDs and the provider's words, where those letters turn up by chance
 * (a name like "Keeperman", a generated campaign ID): the user would read "Operation not permitted, make sure you
 * have the right permissions" instead of what went wrong. This puts the message given back, for every error whose
 * text is ours (a network failure keeps n8n's sentence for its code).
 */
export function keepMessage<E extends NodeApiError | NodeOperationError>(error: E, message: string): E {
	if (error.message === message) return error;
	error.message = message;
	// n8n moved the message to the error's details: it is the message again.
	error.messages = error.messages.filter((detail) => detail !== message);
	return error;
}

/** `new NodeOperationError(node, message, options)` whose message stays as written (see `keepMessage`). */
export function operationError(
	node: INode,
	message: string,
	options: ConstructorParameters<typeof NodeOperationError>[2] = {},
): NodeOperationError {
	return keepMessage(new NodeOperationError(node, message, options), message);
}

/** `new NodeApiError(node, response, options)` whose `options.message` stays as written (see `keepMessage`). */
export function apiError(
	node: INode,
	response: JsonObject,
	options: NonNullable<ConstructorParameters<typeof NodeApiError>[2]> & { message: string },
): NodeApiError {
	return keepMessage(new NodeApiError(node, response, options), options.message);
}

/** Quotes a user-supplied value for an error message, shortened so a message stays readable. */
export function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return `"${short}"`;
}
