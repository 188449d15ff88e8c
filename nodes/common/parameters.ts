import { deepCopy } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * `ctx.getNodeParameter(name, itemIndex, fallback)` for operations that read the same parameters for thousands of
 * items, with the same result, for a fraction of the cost.
 *
 * n8n evaluates each expression by building a complete data proxy (`$now`, `$today`, `$workflow`, …): tens of
 * microseconds every time, most of a bulk operation's CPU. Here, per node run and parameter:
 * - a parameter with no expression anywhere is resolved by n8n once and reused (objects are copied for each caller);
 * - an expression that only reads a field of the current item, exactly `={{ $json.field }}` (also `$json.a.b` and
 *   `$json["a b"]`), alone or as a value inside a collection, is read straight from the item's JSON when that gives a
 *   string, number or boolean: what n8n's expression gives for it (`$json` is the current input item's JSON);
 * - everything else (any other expression, a missing field, an object or null value, a read that fails) is left to
 *   `getNodeParameter`, so n8n's own results and errors are unchanged.
 * Not for parameters that declare `validateType` (n8n checks those after resolving them; none of this package's do).
 */
export function getItemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const value = readItemParameter(ctx, name, itemIndex, fallback);
	return typeof value === 'object' && value !== null && PLANS.get(ctx)?.get(name)?.kind === 'constant'
		? deepCopy(value)
		: value;
}

/**
 * `getItemParameter` for readers that only look at the value: a parameter without expressions gives every item the
 * same object, not a copy each (a resource locator or a list of fields read for 10,000 items). The caller must not
 * modify it.
 */
export function readItemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	let plans = PLANS.get(ctx);
	if (!plans) PLANS.set(ctx, (plans = new Map()));
	let plan = plans.get(name);
	if (!plan) plans.set(name, (plan = planFor(ctx, name)));

	if (plan.kind === 'constant') {
		// Resolved at the first item that asks; an n8n error is not kept, so each item still gets its own.
		plan.value ??= { resolved: ctx.getNodeParameter(name, itemIndex, fallback) };
		return plan.value.resolved;
	}
	if (plan.kind === 'item') {
		const json = ctx.getInputData()[itemIndex]?.json as unknown;
		const value = resolveTree(plan.tree, json);
		if (value !== UNRESOLVED) return value;
	}
	return ctx.getNodeParameter(name, itemIndex, fallback);
}

// ───────────────────────────────────────── plans ─────────────────────────────────────────

/** A parameter value with every `$json` read compiled: the value itself where there is no expression. */
type Tree =
	| { kind: 'value'; value: unknown }
	| { kind: 'json'; path: string[] }
	| { kind: 'array'; entries: Tree[] }
	| { kind: 'object'; entries: Array<[string, Tree]> };

type Plan =
	{ kind: 'constant'; value?: { resolved: unknown } } | { kind: 'item'; tree: Tree } | { kind: 'n8n' };

const PLANS = new WeakMap<IExecuteFunctions, Map<string, Plan>>();

const MISSING = Symbol('missing');
const UNRESOLVED = Symbol('unresolved');

/** `={{ $json.a.b }}`, `={{ $json["a b"] }}`, `={{ $json['a'] }}`, with spaces inside the braces only. */
const JSON_READ = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*')\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)')\]/g;
/** Names n8n's expression sandbox treats specially: always left to n8n. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function planFor(ctx: IExecuteFunctions, name: string): Plan {
	const raw = ctx.getNodeParameter(name, 0, MISSING, { rawExpressions: true }) as unknown;
	if (raw === MISSING) return { kind: 'n8n' };
	const tree = compile(raw);
	if (tree === undefined) return { kind: 'n8n' };
	return hasRead(tree) ? { kind: 'item', tree } : { kind: 'constant' };
}

/** The compiled form of a raw value, or undefined when it holds an expression this reader does not handle. */
function compile(raw: unknown): Tree | undefined {
	if (typeof raw === 'string' && raw.startsWith('=')) {
		const match = JSON_READ.exec(raw);
		if (!match) return undefined;
		const path = [...match[1].matchAll(SEGMENT)].map((m) => m[1] ?? m[2] ?? m[3]);
		return path.some((segment) => UNSAFE_NAMES.has(segment)) ? undefined : { kind: 'json', path };
	}
	if (Array.isArray(raw)) {
		const entries = raw.map(compile);
		return entries.every((entry) => entry !== undefined)
			? { kind: 'array', entries: entries as Tree[] }
			: undefined;
	}
	if (typeof raw === 'object' && raw !== null) {
		const entries: Array<[string, Tree]> = [];
		for (const [key, value] of Object.entries(raw)) {
			const entry = compile(value);
			if (entry === undefined) return undefined;
			entries.push([key, entry]);
		}
		return { kind: 'object', entries };
	}
	return { kind: 'value', value: raw };
}

function hasRead(tree: Tree): boolean {
	if (tree.kind === 'json') return true;
	if (tree.kind === 'array') return tree.entries.some(hasRead);
	if (tree.kind === 'object') return tree.entries.some(([, entry]) => hasRead(entry));
	return false;
}

function resolveTree(tree: Tree, json: unknown): unknown {
	switch (tree.kind) {
		case 'value':
			return tree.value;
		case 'json':
			return readJson(json, tree.path);
		case 'array': {
			const out: unknown[] = [];
			for (const entry of tree.entries) {
				const value = resolveTree(entry, json);
				if (value === UNRESOLVED) return UNRESOLVED;
				out.push(value);
			}
			return out;
		}
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const [key, entry] of tree.entries) {
				const value = resolveTree(entry, json);
				if (value === UNRESOLVED) return UNRESOLVED;
				out[key] = value;
			}
			return out;
		}
	}
}

function readJson(json: unknown, path: string[]): unknown {
	let current = json;
	for (const segment of path) {
		if (
			typeof current !== 'object' ||
			current === null ||
			!Object.prototype.hasOwnProperty.call(current, segment)
		) {
			return UNRESOLVED;
		}
		current = (current as Record<string, unknown>)[segment];
	}
	const type = typeof current;
	return type === 'string' || type === 'number' || type === 'boolean' ? current : UNRESOLVED;
}
