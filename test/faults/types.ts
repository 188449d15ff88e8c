/** What the fault matrix runs: a provider's environment, one row (write operation), and the run options. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { NodeRunResult } from '../harness';
import type { SandboxServer, ScopedRequest } from '../sandbox/server';

/** Options → Max Retries in every run: a logical request is sent at most 1 + MAX_RETRIES times. */
export const MAX_RETRIES = 2;
/** Options → Timeout in every run (the smallest the node accepts), so a hung request costs a second. */
export const TIMEOUT_MS = 1000;
/** The options every row's run gets (merged into the operation's own Options). */
export const REQUEST_OPTIONS: INodeParameters = { maxRetries: MAX_RETRIES, timeout: TIMEOUT_MS };

/** What the error of a write that may have been applied says (so that it is not blindly run again). */
export const MAY_HAVE_APPLIED = /may (still )?have been applied|may have added/i;

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
	/** Node parameters besides Resource and Operation (Options are merged over REQUEST_OPTIONS). */
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
