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
 *
 * This file holds the three runs and `describeMatrix`; README.md lists the files they are built from.
 */
import { rmSync } from 'node:fs';

import { expectNoSecrets } from '../support/secrets';
import { type CredentialLoss, type FaultEnv, MAY_HAVE_APPLIED, type WriteOp } from './types';
import { type Expected, logicalRequests, plan, requestOf, SCHEDULE, simulate, writeOf } from './schedule';
import {
	answeredUnclearly,
	attemptsByRequest,
	expectAttempts,
	expectedEffects,
	expectedOk,
	expectOneOutputPerItem,
	expectOutcomes,
	expectRetryAfterHonoured,
	expectSame,
	runScanned,
} from './checks';
import { finishedLog, logToFile, n8nLog, slotsFor, withSlots } from './runSlots';

export {
	MAX_RETRIES,
	writeOp,
	type CredentialLoss,
	type FaultEnv,
	type Outcome,
	type WriteOp,
} from './types';
export { countBy, itemOfPhone, itemsOfPhones, lastSegment, phoneOf, phonesOf, segment } from './items';

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

		// Sequential operations send nothing after the failing request. Concurrent ones send what the other lanes
		// sent while it was being retried (as many as the machine's timing allows), but once its last attempt has
		// reached the provider, no more than each other lane's one request already on its way: counted in arrival
		// order, not in time, so that a loaded machine cannot change the count.
		const failing = requestOf(op, refused ?? faulty);
		const sent = attemptsByRequest(op, env);
		const attempts = sent.get(failing) ?? [];
		expect(attempts).toHaveLength(refused === undefined ? burst.count : 1);
		const last = Math.max(...attempts.map((record) => record.seq));
		const later = [...sent.entries()]
			.filter(([request]) => request > failing)
			.flatMap(([, records]) => records);
		const others = (op.concurrency ?? 1) - 1;
		if (others === 0) expect(later).toHaveLength(0);
		expect(later.filter((record) => record.seq > last).length).toBeLessThanOrEqual(others);
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
