/**
 * The fault schedule of the first run: the faults a real service produces, each aimed at the request that carries a
 * given input item, and what each must end as (sent how often, applied or not, an error item or not).
 */
import type { SandboxServer, ScopedRequest } from '../sandbox/server';
import { type FaultEnv, MAX_RETRIES, type WriteOp } from './types';

export type Scope = { where: (request: ScopedRequest) => boolean };

export interface FaultKind {
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
export const SCHEDULE: FaultKind[] = [
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
export interface Planned {
	kind: FaultKind;
	/** The logical request (index of its first input item). */
	request: number;
}

/** What a logical request should end as, from the faults it meets. */
export interface Expected {
	attempts: number;
	ok: boolean;
	applied: boolean;
	/** The fault that ended it, if it failed. */
	fatal?: FaultKind;
}

export function simulate(faults: FaultKind[], resends: boolean): Expected {
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
export function logicalRequests(op: WriteOp, n: number): number[] {
	const size = op.chunk ?? 1;
	return Array.from({ length: Math.ceil(n / size) }, (_, r) => r * size);
}

export function requestOf(op: WriteOp, item: number): number {
	const size = op.chunk ?? 1;
	return Math.floor(item / size) * size;
}

/**
 * Places the schedule along the run: fault kind `j` hits the request at (j + 1) / (kinds + 1) of the way.
 * A burst stays on one request when that request is sent again after it; otherwise it hits the next requests.
 */
export function plan(op: WriteOp, n: number): Planned[] {
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
export function writeOf<E extends FaultEnv>(op: WriteOp<E>, env: E, item: number): Scope {
	return { where: (request) => op.isWrite(request) && op.itemsOf(env, request).includes(item) };
}
