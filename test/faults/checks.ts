/** The checks every run of the fault matrix makes: outputs per item, effects in the sandbox, attempts per request. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRunResult } from '../harness';
import type { RequestRecord, ScopedRequest } from '../sandbox/server';
import { captureLogs, expectNoSecrets, expectRunHasNoSecrets } from '../support/secrets';
import { type FaultEnv, MAX_RETRIES, REQUEST_OPTIONS, type WriteOp } from './types';
import { type Expected, type Planned, requestOf } from './schedule';
import { n8nLog } from './runSlots';

/** Statuses, and faults without an answer, after which a request may or may not have been applied. */
export const UNCLEAR_STATUSES = new Set([500, 502, 504]);
export const UNCLEAR_FAULTS = new Set(['reset', 'hang', 'malformed', 'applyThenFail']);

export function answeredUnclearly<E extends FaultEnv>(op: WriteOp<E>, env: E, n: number): boolean[] {
	const unclear = new Array<boolean>(n).fill(false);
	for (const record of env.sandbox.requests()) {
		const fault = record.fault ?? '';
		if (!UNCLEAR_FAULTS.has(fault) && !(fault === 'fail' && UNCLEAR_STATUSES.has(record.status ?? 0)))
			continue;
		const request = scoped(record);
		if (op.isWrite(request)) for (const i of op.itemsOf(env, request)) unclear[i] = true;
	}
	return unclear;
}

/** One output item per input item, in order, each paired with its input; returns which ones succeeded. */
export function expectOneOutputPerItem(result: NodeRunResult, n: number): boolean[] {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(n);
	return result.items.map((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		const { error } = item.json;
		if (error !== undefined) expect(typeof error === 'string' && error.length > 0).toBe(true);
		return error === undefined;
	});
}

/** Where `actual` differs from `expected` (entry i is item `labels[i]`), for a short failure message. */
export function differences<T>(actual: T[], expected: T[], labels?: number[]): string {
	const diffs: string[] = [];
	for (let i = 0; i < Math.max(actual.length, expected.length) && diffs.length < 10; i++) {
		if (actual[i] !== expected[i])
			diffs.push(`item ${labels?.[i] ?? i}: ${String(actual[i])}, expected ${String(expected[i])}`);
	}
	return diffs.join('; ');
}

export function expectSame<T>(what: string, actual: T[], expected: T[], labels?: number[]): void {
	const diff = differences(actual, expected, labels);
	if (diff) throw new Error(`${what} differs: ${diff}`);
}

/** Which items succeeded; on a difference, the message shows the first unexpected error. */
export function expectOutcomes(op: WriteOp, result: NodeRunResult, ok: boolean[], expected: boolean[]): void {
	const wrong = ok.findIndex((value, i) => value !== expected[i]);
	if (wrong === -1) return;
	const json = JSON.stringify(result.items[wrong].json).slice(0, 400);
	throw new Error(`${op.name}: succeeded differs: ${differences(ok, expected)}. Item ${wrong}: ${json}`);
}

/** How many times each logical request was sent, from the sandbox's request log. */
export function attemptsByRequest<E extends FaultEnv>(op: WriteOp<E>, env: E): Map<number, RequestRecord[]> {
	const byRequest = new Map<number, RequestRecord[]>();
	for (const record of env.sandbox.requests()) {
		const request = scoped(record);
		if (!op.isWrite(request)) continue;
		const items = op.itemsOf(env, request);
		if (items.length === 0) throw new Error(`${op.name}: a write request names no input item: ${record.url}`);
		const key = requestOf(op, Math.min(...items));
		byRequest.set(key, [...(byRequest.get(key) ?? []), record]);
	}
	return byRequest;
}

export function scoped(record: RequestRecord): ScopedRequest {
	return { method: record.method, path: record.path, query: record.query, body: record.body };
}

export function expectAttempts<E extends FaultEnv>(
	op: WriteOp<E>,
	env: E,
	expected: Map<number, number>,
): void {
	const actual = attemptsByRequest(op, env);
	const keys = [...new Set([...actual.keys(), ...expected.keys()])].sort((a, b) => a - b);
	expectSame(
		`${op.name}: requests per logical request`,
		keys.map((k) => actual.get(k)?.length ?? 0),
		keys.map((k) => expected.get(k) ?? 0),
		keys,
	);
	for (const records of actual.values()) expect(records.length).toBeLessThanOrEqual(1 + MAX_RETRIES);
}

/** Runs the node with Continue On Fail as given, capturing logs; scans everything for secrets. */
export async function runScanned<E extends FaultEnv>(
	op: WriteOp<E>,
	env: E,
	input: IDataObject[],
	continueOnFail: boolean,
): Promise<NodeRunResult> {
	const parameters = op.parameters(env);
	const options = {
		...REQUEST_OPTIONS,
		...(parameters.options as INodeParameters | undefined),
	} as INodeParameters;
	const { result, logs } = await captureLogs(
		async () =>
			await env.run(
				{ ...parameters, resource: op.resource, operation: op.operation, options },
				input,
				continueOnFail,
			),
	);
	const secrets = env.secrets();
	expect(secrets.length).toBeGreaterThan(0);
	expectRunHasNoSecrets(result, secrets);
	expectNoSecrets(logs, secrets, 'logs');
	for (const secret of secrets) n8nLog.secrets.add(secret);
	return result;
}

export function expectedEffects(
	op: WriteOp,
	n: number,
	requestFate: (request: number) => Expected | 'unsent',
) {
	return Array.from({ length: n }, (_, i) => {
		const fate = requestFate(requestOf(op, i));
		const preset = op.preset?.(i);
		if (preset) return preset.effect;
		return fate !== 'unsent' && fate.applied ? 1 : 0;
	});
}

export function expectedOk(op: WriteOp, n: number, requestFate: (request: number) => Expected | 'unsent') {
	return Array.from({ length: n }, (_, i) => {
		const fate = requestFate(requestOf(op, i));
		if (fate === 'unsent' || !fate.ok) return false;
		return op.preset?.(i)?.ok ?? true;
	});
}

/**
 * Retry-After: 0 is honoured (the resend follows at once, not after the 500 ms backoff), and without it the
 * transport backs off. The two resends are compared with each other (request-log times of the same run), not
 * with a clock bound: a busy machine delays both alike.
 */
export function expectRetryAfterHonoured<E extends FaultEnv>(
	op: WriteOp<E>,
	env: E,
	planned: Planned[],
): void {
	const sent = attemptsByRequest(op, env);
	const gap = (kindName: string) => {
		const { request } = planned.find((p) => p.kind.name === kindName)!;
		const [first, second] = sent.get(request) ?? [];
		return second.time - first.time;
	};
	const backedOff = gap('429 without Retry-After');
	expect(backedOff).toBeGreaterThanOrEqual(450);
	expect(gap('429 with Retry-After: 0')).toBeLessThan(backedOff);
}
