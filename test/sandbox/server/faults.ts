/**
 * Fault injection, the part of the sandbox server that decides what goes wrong: a FIFO queue of one-shot faults
 * (fail with a status and optional Retry-After, reset the connection, hang, answer 200 with broken JSON, apply the
 * write then answer 5xx), each optionally scoped to a method + path and a predicate on the request, and persistent
 * latency (global or per route). `SandboxServer` (index.ts) applies them to the requests it handles.
 */
import { scopeMatches } from './match';
import type { ApplyThenFailOptions, FailOptions, FaultScope, ScopedRequest } from './types';

/** Upper bound for `n` in every `*Next(n)` call and for the whole fault queue: keeps every loop bounded. */
export const MAX_FAULTS_PER_CALL = 1000;
const MAX_QUEUED_FAULTS = 10_000;

/** Body sent by `malformedNext`: a JSON document cut in the middle. */
export const MALFORMED_JSON_BODY = '{"payload":[{"_id":"5f1d2c3b4a59687766554433","name":"trunc';

export type QueuedFault =
	| { kind: 'fail'; scope: FaultScope; options: FailOptions }
	| { kind: 'reset'; scope: FaultScope }
	| { kind: 'hang'; scope: FaultScope }
	| { kind: 'malformed'; scope: FaultScope }
	| { kind: 'applyThenFail'; scope: FaultScope; status: number; body?: unknown };

interface LatencyRule {
	scope: FaultScope;
	ms: number;
}

function assertCount(n: number, what: string): void {
	if (!Number.isInteger(n) || n < 0 || n > MAX_FAULTS_PER_CALL) {
		throw new RangeError(`${what}: n must be an integer between 0 and ${MAX_FAULTS_PER_CALL}, got ${n}`);
	}
}

export function formatRetryAfter(value: number | string | Date): string {
	if (value instanceof Date) return value.toUTCString();
	if (typeof value === 'number') return String(Math.max(0, Math.ceil(value)));
	return value;
}

function pickScope(scope: FaultScope): FaultScope {
	return { method: scope.method?.toUpperCase(), path: scope.path, where: scope.where };
}

/** The fault queue and latency rules of a sandbox server. */
export class FaultInjector {
	/** Persistent latency for every request without a more specific `setLatency` rule, in ms. */
	latencyMs: number;

	private readonly initialLatencyMs: number;
	/** FIFO of one-shot faults; `n` identical faults queued by one call are one entry with `left: n`. */
	private faultQueue: Array<{ fault: QueuedFault; left: number }> = [];
	private latencyRules: LatencyRule[] = [];

	constructor(latencyMs = 0) {
		this.latencyMs = latencyMs;
		this.initialLatencyMs = latencyMs;
	}

	/** The next `n` matching requests are answered with `status` (handler not run, nothing applied). */
	failNext(n: number, options: FailOptions): this {
		assertCount(n, 'failNext');
		if (!Number.isInteger(options.status) || options.status < 100 || options.status > 599) {
			throw new RangeError(`failNext: invalid status ${options.status}`);
		}
		return this.enqueue(n, () => ({ kind: 'fail', scope: pickScope(options), options }));
	}

	/** The next `n` matching requests get their socket destroyed without any answer (client sees ECONNRESET). */
	resetConnectionNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'resetConnectionNext');
		return this.enqueue(n, () => ({ kind: 'reset', scope: pickScope(scope) }));
	}

	/** The next `n` matching requests are never answered (until the client gives up or the sandbox closes). */
	hangNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'hangNext');
		return this.enqueue(n, () => ({ kind: 'hang', scope: pickScope(scope) }));
	}

	/** The next `n` matching requests get `200` with a truncated JSON body (handler not run, nothing applied). */
	malformedNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'malformedNext');
		return this.enqueue(n, () => ({ kind: 'malformed', scope: pickScope(scope) }));
	}

	/**
	 * The next `n` matching requests ARE processed (auth, validation and the write happen as usual) but the answer
	 * is replaced by `status` (default 500). For testing that clients don't duplicate non-idempotent writes.
	 */
	applyThenFailNext(n: number, status = 500, options: ApplyThenFailOptions = {}): this {
		assertCount(n, 'applyThenFailNext');
		if (!Number.isInteger(status) || status < 100 || status > 599) {
			throw new RangeError(`applyThenFailNext: invalid status ${status}`);
		}
		return this.enqueue(n, () => ({
			kind: 'applyThenFail',
			scope: pickScope(options),
			status,
			body: options.body,
		}));
	}

	/**
	 * Persistent latency for requests in `scope` (global when no scope: same as setting `latencyMs`).
	 * The most recently set matching rule wins. `ms = 0` still counts as a rule (removes latency for that scope).
	 */
	setLatency(ms: number, scope?: FaultScope): this {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`setLatency: invalid ms ${ms}`);
		if (!scope || (scope.method === undefined && scope.path === undefined && scope.where === undefined))
			this.latencyMs = ms;
		else this.latencyRules.unshift({ scope: pickScope(scope), ms });
		return this;
	}

	/** Number of queued one-shot faults not yet consumed. */
	pendingFaults(): number {
		return this.faultQueue.reduce((sum, entry) => sum + entry.left, 0);
	}

	/** Drops queued faults and per-route latency, and restores the global latency given at construction. */
	clearFaults(): this {
		this.faultQueue = [];
		this.latencyRules = [];
		this.latencyMs = this.initialLatencyMs;
		return this;
	}

	private enqueue(n: number, make: () => QueuedFault): this {
		if (this.pendingFaults() + n > MAX_QUEUED_FAULTS) {
			throw new RangeError(`fault queue full (${MAX_QUEUED_FAULTS})`);
		}
		// One entry for the n faults: each request's scan then costs one scope check per call, not per fault.
		if (n > 0) this.faultQueue.push({ fault: make(), left: n });
		return this;
	}

	/** Removes and returns the first queued fault (FIFO) whose scope matches. */
	protected takeFault(request: ScopedRequest): QueuedFault | undefined {
		const index = this.faultQueue.findIndex((entry) => scopeMatches(entry.fault.scope, request));
		if (index === -1) return undefined;
		const entry = this.faultQueue[index];
		if (--entry.left === 0) this.faultQueue.splice(index, 1);
		return entry.fault;
	}

	protected latencyFor(request: ScopedRequest): number {
		const rule = this.latencyRules.find((r) => scopeMatches(r.scope, request));
		return rule ? rule.ms : this.latencyMs;
	}

	/** Drops the queued faults (the server is closing). */
	protected dropFaults(): void {
		this.faultQueue = [];
	}
}
