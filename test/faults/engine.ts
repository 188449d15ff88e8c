/**
 * The fault matrix: one table row per write operation (how to build N items, its parameters, how to read the
 * sandbox's state, whether a write whose answer was lost is sent again), × the faults a real service produces.
 *
 * Each row runs three times, each against a fresh loopback sandbox:
 *
 *   1. schedule: one big run with Continue On Fail, and a schedule of faults injected across it, each aimed at
 *      the request that carries a given input item (429 with and without Retry-After, a 503 burst that outlasts
 *      the retries, 500, a 502 burst, a reset connection, a request that hangs past the Timeout option, a 200
 *      with a broken body, and a write that is applied but answered 500);
 *   2. 401: the credential stops working in the middle of the run (after one 401 that passes);
 *   3. stop: Continue On Fail off and a hard error in the middle: the node stops, naming the item.
 *
 * What every run must show: each input item ends as exactly one output item (success or error) with the right
 * `pairedItem`; the sandbox holds each item's write exactly once (or not at all when it failed before being
 * applied); every logical request was sent exactly as often as the retry rules allow (counted in the sandbox's
 * request log, bounded by 1 + Max Retries); no credential value or access token appears in any output, error
 * or log line.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { NodeRunResult } from '../harness';
import type { RequestRecord, SandboxServer, ScopedRequest } from '../sandbox/server';
import { captureLogs, expectNoSecrets, expectRunHasNoSecrets } from '../support/secrets';

/** Options → Max Retries in every run: a logical request is sent at most 1 + MAX_RETRIES times. */
export const MAX_RETRIES = 2;
/** Options → Timeout in every run (the smallest the node accepts), so a hung request costs a second. */
const TIMEOUT_MS = 1000;
/** The options every row's run gets (merged into the operation's own Options). */
const REQUEST_OPTIONS: INodeParameters = { maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS };

/** What the error of a write that may have been applied says (so that it is not blindly run again). */
const MAY_HAVE_APPLIED = /may (still )?have been applied|may have added/i;

/** A provider's sandbox and node, as the fault matrix needs them. */
export interface FaultEnv {
	sandbox: SandboxServer;
	run(parameters: INodeParameters, items: IDataObject[], continueOnFail: boolean): Promise<NodeRunResult>;
	/** Every credential value and access token that must never show. */
	secrets(): string[];
	close(): Promise<void>;
}

/** One write operation: one row of the matrix. */
export interface WriteOp<E extends FaultEnv = FaultEnv> {
	/** "Contact Append" */
	name: string;
	/** The node's Resource and Operation. */
	resource: string;
	operation: string;
	/** Input items of each of the three runs. */
	items: number;
	/** Items per request (the node's Batch Size) for bulk operations; 1 for one request per item. */
	chunk?: number;
	/**
	 * Requests in flight at once (WhatTalk Lead Add): the stop run allows what the others sent meanwhile, and once
	 * the credential is refused for good, only requests already on their way still reach the service.
	 */
	concurrency?: number;
	/**
	 * Whether a write whose answer was lost (500, 502, reset, timeout, broken body) is sent again: true for
	 * idempotent writes (and writes the node makes safe to resend), false for the others, which must then end
	 * as error items without a duplicate in the sandbox.
	 */
	resends: boolean;
	/**
	 * The operation ends with one more request for all items after their own writes (Upsert and Enrol's bulk
	 * enrol): a credential refused in the middle of the run refuses that one too.
	 */
	finalBulkStep?: boolean;
	/** A fresh sandbox and node, seeded for `n` input items. */
	start(n: number): Promise<E>;
	/** The input items; item `i` is recognisable in the requests and in the sandbox's state. */
	input(env: E, n: number): IDataObject[];
	/** Node parameters besides Resource and Operation (Options are merged with REQUEST_OPTIONS). */
	parameters(env: E): INodeParameters;
	/** The requests that write (faults of the schedule hit only these). */
	isWrite(request: ScopedRequest): boolean;
	/** The input items a request (read or write) is for. */
	itemsOf(env: E, request: ScopedRequest): number[];
	/** For each of the `n` input items, how many times its write is in effect in the sandbox now. */
	effects(env: E, n: number): number[];
	/**
	 * Items whose fate the data decides when their request goes through: `ok: false` for a record the provider
	 * refuses on its own (a chunk that half-fails), and the effect they have whether or not their request went
	 * through (e.g. 1: the phone was already in the list).
	 */
	preset?(i: number): { ok: boolean; effect: number } | undefined;
	/** More checks after a run (e.g. the contacts of Upsert and Enrol are enrolled once). */
	verify?(env: E, outcome: Outcome): void;
}

/**
 * A row, typed for its own environment (plain or keyed), as an entry of a provider's table: the engine only
 * ever hands each row the environment its own `start` made.
 */
export function writeOp<E extends FaultEnv>(op: WriteOp<E>): WriteOp {
	return op as unknown as WriteOp;
}

// ───────────────────────────────────── faults ─────────────────────────────────────

type Scope = { where: (request: ScopedRequest) => boolean };

interface FaultKind {
	name: string;
	/** How many faults in a row. */
	count: number;
	/** Sent again after it by every write (the service said it did not process the request). */
	notProcessed: boolean;
	/** The sandbox applied the write before answering with the fault. */
	applied?: boolean;
	/** The HTTP status the item's error shows when the fault ends it. */
	status?: string;
	queue(sandbox: SandboxServer, scope: Scope): void;
}

/** The schedule, in the order the faults appear along a run. */
const SCHEDULE: FaultKind[] = [
	{
		name: '429 with Retry-After: 0',
		count: 2,
		notProcessed: true,
		queue: (s, scope) => s.failNext(1, { status: 429, retryAfter: 0, ...scope }),
	},
	{
		name: '429 without Retry-After',
		count: 1,
		notProcessed: true,
		queue: (s, scope) => s.failNext(1, { status: 429, ...scope }),
	},
	{
		name: '503 burst outlasting the retries',
		count: MAX_RETRIES + 1,
		notProcessed: true,
		status: '503',
		queue: (s, scope) => s.failNext(1, { status: 503, retryAfter: 0, ...scope }),
	},
	{
		name: '500',
		count: 1,
		notProcessed: false,
		status: '500',
		queue: (s, scope) => s.failNext(1, { status: 500, retryAfter: 0, ...scope }),
	},
	{
		name: '502 burst',
		count: 2,
		notProcessed: false,
		status: '502',
		queue: (s, scope) => s.failNext(1, { status: 502, retryAfter: 0, ...scope }),
	},
	{
		name: 'connection reset',
		count: 1,
		notProcessed: false,
		queue: (s, scope) => s.resetConnectionNext(1, scope),
	},
	{
		name: 'timeout',
		count: 1,
		notProcessed: false,
		queue: (s, scope) => s.hangNext(1, scope),
	},
	{
		name: 'malformed JSON body',
		count: 1,
		notProcessed: false,
		queue: (s, scope) => s.malformedNext(1, scope),
	},
	{
		name: 'applied, then 500',
		count: 1,
		notProcessed: false,
		applied: true,
		status: '500',
		queue: (s, scope) => s.applyThenFailNext(1, 500, scope),
	},
];

/** The faults one logical request meets, in order. */
interface Planned {
	kind: FaultKind;
	/** The logical request (index of its first input item). */
	request: number;
}

/** What a logical request should end as, from the faults it meets. */
interface Expected {
	attempts: number;
	ok: boolean;
	applied: boolean;
	/** The fault that ended it, if it failed. */
	fatal?: FaultKind;
}

function simulate(faults: FaultKind[], resends: boolean): Expected {
	let applied = false;
	let attempts = 0;
	for (const fault of faults) {
		attempts++;
		if (fault.applied) applied = true;
		if (!(fault.notProcessed || resends) || attempts > MAX_RETRIES) {
			return { attempts, ok: false, applied, fatal: fault };
		}
	}
	return { attempts: attempts + 1, ok: true, applied: true };
}

/** Logical requests of a run: the first input item of each (one per item, or one per chunk). */
function logicalRequests(op: WriteOp, n: number): number[] {
	const size = op.chunk ?? 1;
	return Array.from({ length: Math.ceil(n / size) }, (_, r) => r * size);
}

function requestOf(op: WriteOp, item: number): number {
	const size = op.chunk ?? 1;
	return Math.floor(item / size) * size;
}

/**
 * Places the schedule along the run: fault kind `j` hits the request at (j + 1) / (kinds + 1) of the way.
 * A burst stays on one request when that request is sent again after it; otherwise it hits the next requests.
 */
function plan(op: WriteOp, n: number): Planned[] {
	const requests = logicalRequests(op, n);
	const planned: Planned[] = [];
	SCHEDULE.forEach((kind, j) => {
		const at = Math.floor((requests.length * (j + 1)) / (SCHEDULE.length + 1));
		for (let k = 0; k < kind.count; k++) {
			const sameRequest = kind.notProcessed || op.resends;
			planned.push({ kind, request: requests[sameRequest ? at : at + k] });
		}
	});
	const kindsPerRequest = new Map<number, Set<string>>();
	for (const { kind, request } of planned) {
		kindsPerRequest.set(request, (kindsPerRequest.get(request) ?? new Set()).add(kind.name));
	}
	if ([...kindsPerRequest.values()].some((kinds) => kinds.size > 1)) {
		throw new Error(`${op.name}: ${requests.length} requests are too few for the fault schedule`);
	}
	return planned;
}

/** A fault scope that hits only the write request carrying input item `item`. */
function writeOf<E extends FaultEnv>(op: WriteOp<E>, env: E, item: number): Scope {
	return { where: (request) => op.isWrite(request) && op.itemsOf(env, request).includes(item) };
}

// ───────────────────────────────────── checks ─────────────────────────────────────

export interface Outcome {
	n: number;
	items: INodeExecutionData[];
	/** Per input item: ok or not. */
	ok: boolean[];
	/** Per input item: whether its request went through (in the end), so the provider answered for it. */
	delivered: boolean[];
	/**
	 * Per input item: whether a write request carrying it got an unclear answer (500, 502, 504, reset, hang,
	 * broken body, applied-then-500), after which an earlier attempt may have done the work of its resend.
	 */
	answeredUnclearly: boolean[];
}

/** Statuses, and faults without an answer, after which a request may or may not have been applied. */
const UNCLEAR_STATUSES = new Set([500, 502, 504]);
const UNCLEAR_FAULTS = new Set(['reset', 'hang', 'malformed', 'applyThenFail']);

function answeredUnclearly<E extends FaultEnv>(op: WriteOp<E>, env: E, n: number): boolean[] {
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
function expectOneOutputPerItem(result: NodeRunResult, n: number): boolean[] {
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
function differences<T>(actual: T[], expected: T[], labels?: number[]): string {
	const diffs: string[] = [];
	for (let i = 0; i < Math.max(actual.length, expected.length) && diffs.length < 10; i++) {
		if (actual[i] !== expected[i])
			diffs.push(`item ${labels?.[i] ?? i}: ${String(actual[i])}, expected ${String(expected[i])}`);
	}
	return diffs.join('; ');
}

function expectSame<T>(what: string, actual: T[], expected: T[], labels?: number[]): void {
	const diff = differences(actual, expected, labels);
	if (diff) throw new Error(`${what} differs: ${diff}`);
}

/** Which items succeeded; on a difference, the message shows the first unexpected error. */
function expectOutcomes(op: WriteOp, result: NodeRunResult, ok: boolean[], expected: boolean[]): void {
	const wrong = ok.findIndex((value, i) => value !== expected[i]);
	if (wrong === -1) return;
	const json = JSON.stringify(result.items[wrong].json).slice(0, 400);
	throw new Error(`${op.name}: succeeded differs: ${differences(ok, expected)}. Item ${wrong}: ${json}`);
}

/** How many times each logical request was sent, from the sandbox's request log. */
function attemptsByRequest<E extends FaultEnv>(op: WriteOp<E>, env: E): Map<number, RequestRecord[]> {
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

function scoped(record: RequestRecord): ScopedRequest {
	return { method: record.method, path: record.path, query: record.query, body: record.body };
}

function expectAttempts<E extends FaultEnv>(op: WriteOp<E>, env: E, expected: Map<number, number>): void {
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
async function runScanned<E extends FaultEnv>(
	op: WriteOp<E>,
	env: E,
	input: IDataObject[],
	continueOnFail: boolean,
): Promise<NodeRunResult> {
	const parameters = op.parameters(env);
	const options = {
		...(parameters.options as INodeParameters | undefined),
		...REQUEST_OPTIONS,
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

function expectedEffects(op: WriteOp, n: number, requestFate: (request: number) => Expected | 'unsent') {
	return Array.from({ length: n }, (_, i) => {
		const fate = requestFate(requestOf(op, i));
		const preset = op.preset?.(i);
		if (preset) return preset.effect;
		return fate !== 'unsent' && fate.applied ? 1 : 0;
	});
}

function expectedOk(op: WriteOp, n: number, requestFate: (request: number) => Expected | 'unsent') {
	return Array.from({ length: n }, (_, i) => {
		const fate = requestFate(requestOf(op, i));
		if (fate === 'unsent' || !fate.ok) return false;
		return op.preset?.(i)?.ok ?? true;
	});
}

// ───────────────────────────────────── the three runs ─────────────────────────────────────

/** Run 1: the whole fault schedule across one big run with Continue On Fail. */
async function scheduleRun<E extends FaultEnv>(op: WriteOp<E>): Promise<void> {
	const n = op.items;
	const env = await op.start(n);
	try {
		const planned = plan(op, n);
		for (const { kind, request } of planned) kind.queue(env.sandbox, writeOf(op, env, request));

		const result = await runScanned(op, env, op.input(env, n), true);
		const faultsOf = (request: number) => planned.filter((p) => p.request === request).map((p) => p.kind);
		const fate = (request: number) => simulate(faultsOf(request), op.resends);

		const ok = expectOneOutputPerItem(result, n);
		expectOutcomes(op, result, ok, expectedOk(op, n, fate));
		expect(env.sandbox.pendingFaults()).toBe(0);
		expectSame(`${op.name}: writes in effect`, op.effects(env, n), expectedEffects(op, n, fate));
		expectAttempts(op, env, new Map(logicalRequests(op, n).map((r) => [r, fate(r).attempts])));

		// Each failed item says why: the status of the fault that ended it; and after an answer that may mean
		// "applied" (so it was not resent), that the change may have been applied.
		for (const request of logicalRequests(op, n)) {
			const { fatal } = fate(request);
			if (!fatal) continue;
			const { json } = result.items[request];
			if (fatal.status) expect([request, json.httpCode]).toEqual([request, fatal.status]);
			if (!fatal.notProcessed) {
				expect([request, json.errorDescription]).toEqual([request, expect.stringMatching(MAY_HAVE_APPLIED)]);
			}
		}
		expectRetryAfterHonoured(op, env, planned);
		const delivered = Array.from({ length: n }, (_, i) => fate(requestOf(op, i)).ok);
		op.verify?.(env, {
			n,
			items: result.items,
			ok,
			delivered,
			answeredUnclearly: answeredUnclearly(op, env, n),
		});
	} finally {
		await env.close();
	}
}

/**
 * Retry-After: 0 is honoured (the resend follows at once, not after the 500 ms backoff), and without it the
 * transport backs off. The two resends are compared with each other (request-log times of the same run), not
 * with a clock bound: a busy machine delays both alike.
 */
function expectRetryAfterHonoured<E extends FaultEnv>(op: WriteOp<E>, env: E, planned: Planned[]): void {
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

/** How a provider's credential fails in the middle of a run (see providers.ts). */
export interface CredentialLoss<E extends FaultEnv> {
	/** A 401 the run gets over at request `at` (e.g. an expired token that is renewed). */
	passOne(env: E, at: (request: ScopedRequest) => boolean): void;
	/** Write requests that request then takes. */
	passOneAttempts: number;
	/** Most sends of one request refused for good. */
	refusedSends: number;
	/** From the first request `from` matches on, the credential no longer works. */
	revoke(env: E, from: (request: ScopedRequest) => boolean, remaining: number): void;
	/** The error of the items after that. */
	message: RegExp;
}

/**
 * Run 2: the credential stops working in the middle. One 401 early on passes; from the middle on every request
 * is refused: those items fail with the provider's 401 message, the ones before succeed, nothing leaks.
 */
async function unauthorizedRun<E extends FaultEnv>(op: WriteOp<E>, loss: CredentialLoss<E>): Promise<void> {
	const n = op.items;
	const env = await op.start(n);
	try {
		const requests = logicalRequests(op, n);
		const early = requests[Math.floor(requests.length / 4)];
		const middle = requests[Math.floor(requests.length / 2)];
		loss.passOne(env, (request) => op.isWrite(request) && op.itemsOf(env, request).includes(early));
		loss.revoke(
			env,
			(request) => op.itemsOf(env, request).some((item) => item >= middle),
			requests.length - requests.indexOf(middle),
		);

		const result = await runScanned(op, env, op.input(env, n), true);
		// An operation that ends with one more request for all items (a bulk enrol) sends it after the refusal:
		// then no item succeeds, and the writes before the middle stay.
		const fate = (request: number): Expected =>
			request < middle
				? { attempts: 1, ok: !op.finalBulkStep, applied: true }
				: { attempts: 0, ok: false, applied: false };
		const ok = expectOneOutputPerItem(result, n);
		expectOutcomes(op, result, ok, expectedOk(op, n, fate));
		expectSame(`${op.name}: writes in effect`, op.effects(env, n), expectedEffects(op, n, fate));
		for (const request of requests.filter((r) => r >= middle)) {
			expect(result.items[request].json.error).toMatch(loss.message);
		}
		// The early 401 was got over. A refused request is resent once by the transport (for an expirable token, with
		// the token dropped: n8n asks for a new one first, and when the token service refuses, the request is not
		// sent again). Once the refusal held, the rest of the run is not sent: only what was already in flight
		// reaches the service.
		const sent = attemptsByRequest(op, env);
		expect(sent.get(early)).toHaveLength(loss.passOneAttempts);
		const refused = requests.filter((r) => r >= middle);
		for (const request of refused) {
			expect(sent.get(request)?.length ?? 0).toBeLessThanOrEqual(loss.refusedSends);
		}
		const inFlight = op.concurrency ?? 1;
		expect(refused.filter((request) => sent.has(request)).length).toBeLessThanOrEqual(inFlight);
		const delivered = Array.from({ length: n }, (_, i) => requestOf(op, i) < middle);
		op.verify?.(env, {
			n,
			items: result.items,
			ok,
			delivered,
			answeredUnclearly: answeredUnclearly(op, env, n),
		});
	} finally {
		await env.close();
	}
}

/**
 * Run 3: Continue On Fail off and a 503 burst that outlasts the retries a quarter into the run: the node stops
 * with that error, naming the item; nothing after it was sent (but what was in flight), nothing before it lost.
 * Where the provider refuses a record of its own before that (a chunk that half-fails), that refusal is the
 * first hard error and stops the node instead.
 */
async function stopRun<E extends FaultEnv>(op: WriteOp<E>): Promise<void> {
	const n = op.items;
	const env = await op.start(n);
	try {
		const requests = logicalRequests(op, n);
		const burst = SCHEDULE.find((kind) => kind.status === '503')!;
		const faulty = requests[Math.floor(requests.length / 4)];
		for (let k = 0; k < burst.count; k++) burst.queue(env.sandbox, writeOf(op, env, faulty));
		const refused = Array.from({ length: n }, (_, i) => i).find(
			(i) => requestOf(op, i) <= faulty && op.preset?.(i)?.ok === false,
		);

		const result = await runScanned(op, env, op.input(env, n), false);
		expect(result.items).toHaveLength(0);
		expect(result.error).toBeDefined();
		expect(result.error?.context?.itemIndex).toBe(refused ?? faulty);
		if (refused === undefined) {
			expect(result.error?.httpCode).toBe('503');
			expect(result.error?.message).toMatch(new RegExp(`after ${burst.count} attempts`));
		}

		// Sequential operations send nothing after the failing request; concurrent ones only what the other
		// workers sent while it was being retried.
		const failing = requestOf(op, refused ?? faulty);
		const sent = attemptsByRequest(op, env);
		expect(sent.get(failing)).toHaveLength(refused === undefined ? burst.count : 1);
		const after = [...sent.keys()].filter((request) => request > failing);
		const others = (op.concurrency ?? 1) - 1;
		expect(after.length).toBeLessThanOrEqual(others * (burst.count + 1));
		const effects = op.effects(env, n);
		for (let i = 0; i < n; i++) {
			const request = requestOf(op, i);
			const preset = op.preset?.(i)?.effect;
			if (request < failing) expect([i, effects[i]]).toEqual([i, preset ?? 1]);
			// The failing request: refused by the 503s (nothing applied), or answered with a refused record.
			if (request === failing)
				expect([i, effects[i]]).toEqual([i, preset ?? (refused === undefined ? 0 : 1)]);
		}
	} finally {
		await env.close();
	}
}

// ───────────────────────────────────── helpers for rows ─────────────────────────────────────

/** Counts of `key(i)` for i < n among `values`, e.g. how many stored contacts have item i's phone. */
export function countBy<T>(values: Iterable<T>, keyOf: (value: T) => string, keys: string[]): number[] {
	const counts = new Map<string, number>();
	for (const value of values) {
		const key = keyOf(value);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return keys.map((key) => counts.get(key) ?? 0);
}

/** Last path segment, decoded. */
export function lastSegment(path: string): string {
	return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** Path segment `n` (0-based, after the leading slash), decoded. */
export function segment(path: string, n: number): string {
	return decodeURIComponent(path.split('/')[n + 1] ?? '');
}

/** The input item whose phone (`phoneOf`) this is, in any of its forms; undefined for other numbers. */
export function itemOfPhone(phone: unknown): number | undefined {
	const digits = String(phone ?? '').replace(/\D/g, '');
	const match = /^1?704(\d{3})(\d{4})$/.exec(digits);
	if (!match) return undefined;
	const exchange = Number(match[1]);
	return exchange >= 200 ? (exchange - 200) * 10_000 + Number(match[2]) : undefined;
}

/** Input items whose phones are among `phones`. */
export function itemsOfPhones(phones: unknown[]): number[] {
	return phones.map(itemOfPhone).filter((i): i is number => i !== undefined);
}

/** The phones of items 0 … n-1 in one form. */
export function phonesOf(n: number, form: 'national' | 'e164'): string[] {
	return Array.from({ length: n }, (_, i) => phoneOf(i)[form]);
}

/** A phone for input item `i`, unique for up to 90 000 items, valid in the US: (704) 2xx-xxxx. */
export function phoneOf(i: number): { national: string; e164: string; input: string } {
	const exchange = 200 + Math.floor(i / 10_000);
	const line = String(i % 10_000).padStart(4, '0');
	return {
		national: `704${exchange}${line}`,
		e164: `+1704${exchange}${line}`,
		input: `(704) ${exchange}-${line}`,
	};
}

/**
 * Runs share the process. Light runs (a few hundred items) spend most of their time waiting out backoffs and
 * hung requests, so up to RUN_SLOTS of them overlap (the event loop then stalls for ~150 ms at worst, far below
 * the 1 s Timeout). A heavy run (thousands of items) runs alone: checking its thousands of output items blocks the
 * event loop for a second or more, and a request another run had in flight then times out after its answer came.
 */
const RUN_SLOTS = 4;
const HEAVY_ITEMS = 500;
let freeSlots = RUN_SLOTS;
const waiting: Array<{ slots: number; start: () => void }> = [];

function admitWaiting(): void {
	while (waiting.length && waiting[0].slots <= freeSlots) {
		const next = waiting.shift()!;
		freeSlots -= next.slots;
		next.start();
	}
}

/** Runs `fn` holding `slots` of the run slots (first come, first served). */
async function withSlots<T>(slots: number, fn: () => Promise<T>): Promise<T> {
	await new Promise<void>((start) => {
		waiting.push({ slots, start });
		admitWaiting();
	});
	try {
		return await fn();
	} finally {
		freeSlots += slots;
		admitWaiting();
	}
}

const slotsFor = (items: number) => (items > HEAVY_ITEMS ? RUN_SLOTS : 1);

/**
 * n8n-core's own log: at debug level (the harness otherwise keeps it silent) and into a file, because its
 * console transport keeps the console it found when it was made, out of reach of `captureLogs`. n8n reads
 * these settings at a file's first run. After all runs the whole file is scanned for every secret they used.
 */
const n8nLog = { file: join(tmpdir(), `n8n-faults-${randomUUID()}.log`), secrets: new Set<string>() };

function logToFile(): void {
	process.env.N8N_LOG_LEVEL = 'debug';
	process.env.N8N_LOG_OUTPUT = 'file';
	process.env.N8N_LOG_FILE_LOCATION = n8nLog.file;
}

/** The log file once n8n has stopped writing to it (its size unchanged for 100 ms, 2 s at most). */
async function finishedLog(): Promise<string> {
	let size = -1;
	for (let wait = 0; wait < 20; wait++) {
		const now = statSync(n8nLog.file, { throwIfNoEntry: false })?.size ?? 0;
		if (now === size) break;
		size = now;
		await sleep(100);
	}
	return readFileSync(n8nLog.file, 'utf8');
}

/** The jest tests of one provider: the three runs for each of its rows, run concurrently (see RUN_SLOTS). */
export function describeMatrix<E extends FaultEnv>(
	provider: string,
	rows: Array<WriteOp<E>>,
	loss: CredentialLoss<E>,
): void {
	logToFile();
	afterAll(async () => {
		const log = await finishedLog();
		rmSync(n8nLog.file, { force: true });
		expect(log).toMatch(/Workflow execution finished/);
		expectNoSecrets(log, [...n8nLog.secrets], "n8n's log");
	});
	describe.each(rows.map((op) => [op.name, op] as const))(`${provider} %s`, (_name, op) => {
		it.concurrent(
			`fault schedule across ${op.items} items (Continue On Fail)`,
			async () => await withSlots(slotsFor(op.items), async () => await scheduleRun(op)),
		);
		it.concurrent(
			'the credential stops working in the middle of the run',
			async () => await withSlots(slotsFor(op.items), async () => await unauthorizedRun(op, loss)),
		);
		it.concurrent(
			'Continue On Fail off: the first hard error stops the node, naming the item',
			async () => await withSlots(slotsFor(op.items), async () => await stopRun(op)),
		);
	});
}
