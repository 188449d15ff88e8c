import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { mapConcurrent } from '../support/batches';
import { RateLimitGate, RateLimitedRequest } from '../../nodes/common/rateLimit';
import { describeByStatus, sendRequest } from '../../nodes/common/transport';
import type { RetryPolicy } from '../../nodes/common/transport';
import { testNode } from '../support/node';

const node: INode = testNode('Acme');

/** Statuses an attempt can get, and the Retry-After (seconds) of a 429. */
type Answer = { status: number; retryAfter?: string };

/**
 * An execution context whose n8n request helper answers from `service` (called with the send number, 1-based):
 * the transport and its gate run as in a node; only the HTTP exchange is made up.
 */
function fakeRun(service: (sendNo: number) => Answer) {
	const sends: number[] = [];
	let inFlight = 0;
	let peakInFlight = 0;
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'k' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				sends.push(Date.now());
				inFlight++;
				peakInFlight = Math.max(peakInFlight, inFlight);
				const answer = service(sends.length);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				return {
					statusCode: answer.status,
					headers: answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter },
					body: answer.status === 429 ? '{"message":"Too Many Attempts."}' : '{"ok":true}',
				};
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, sends, peak: () => peakInFlight };
}

const errors = describeByStatus('Acme');
const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 5_000, timeoutMs: 1_000 };

const post = (ctx: IExecuteFunctions, i: number, retry = policy) =>
	sendRequest(
		ctx,
		'acmeApi',
		{ method: 'POST', url: 'http://acme.invalid/leads', body: { i }, idempotent: false },
		errors,
		retry,
		i,
	);

/** Runs `n` requests, `concurrency` at a time, as a node's items: each settles to its answer or its error. */
async function runItems(ctx: IExecuteFunctions, n: number, concurrency: number, retry = policy) {
	return await mapConcurrent(
		Array.from({ length: n }, (_, i) => i),
		concurrency,
		async (i) =>
			await post(ctx, i, retry).then(
				(r) => r.statusCode,
				(e: unknown) => e as NodeApiError,
			),
	);
}

/**
 * Settles `work` on jest's clock, timer by timer: its waits (the gate's pauses, the transport's backoff) take no
 * real time and Date.now() reads that clock, so `elapsedMs` is exactly the time the code chose to wait, however
 * slow the machine.
 */
async function onJestClock<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
	jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
	try {
		const started = Date.now();
		let settled = false;
		const running = work().finally(() => (settled = true));
		while (!settled) await jest.advanceTimersToNextTimerAsync();
		return { result: await running, elapsedMs: Date.now() - started };
	} finally {
		jest.useRealTimers();
	}
}

describe('RateLimitGate', () => {
	it('a 429 pauses every request of the run until its Retry-After, not only the one that got it', async () => {
		const gate = new RateLimitGate();
		const a = await gate.enter(0);
		const b = await gate.enter(0);
		const started = Date.now();
		expect(gate.leave(a!, { status: 429, waitMs: 150 })).toBe('found');
		// b was sent before the pause began: the pause covers its 429.
		expect(gate.leave(b!, { status: 429, waitMs: 150 })).toBe('covered');
		const c = await gate.enter(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		gate.leave(c!, { status: 201 });
	});

	it('halves the requests in flight after a 429 and lets one more in per clean answer, up to the demand', async () => {
		const gate = new RateLimitGate();
		const first = await Promise.all([1, 2, 3, 4, 5, 6].map(() => gate.enter(0)));
		expect(gate.state.inFlight).toBe(6);
		gate.leave(first[0]!, { status: 429, waitMs: 0 });
		expect(gate.state.limit).toBe(3);
		for (const ticket of first.slice(1)) gate.leave(ticket!, { status: 429, waitMs: 0 });
		expect(gate.state.limit).toBe(3); // one pause, one halving

		const entered: number[] = [];
		const waiting = [1, 2, 3, 4, 5, 6].map((n) => gate.enter(0).then((t) => (entered.push(n), t)));
		await new Promise((resolve) => setImmediate(resolve));
		expect(entered).toEqual([1, 2, 3]);
		const tickets = await Promise.all(waiting.slice(0, 3));
		gate.leave(tickets[0]!, { status: 201 });
		await new Promise((resolve) => setImmediate(resolve));
		expect(gate.state.limit).toBe(4);
		expect(entered).toEqual([1, 2, 3, 4, 5]); // 4 in flight now: 2, 3 and the two let in
		for (const ticket of [...tickets.slice(1), ...(await Promise.all(waiting.slice(3, 5)))]) {
			gate.leave(ticket!, { status: 201 });
		}
		gate.leave((await waiting[5])!, { status: 201 });
		expect(gate.state.limit).toBe(Number.POSITIVE_INFINITY);
	});

	it('lets resends through before requests not sent yet when a pause ends', async () => {
		const gate = new RateLimitGate();
		const a = await gate.enter(0);
		gate.leave(a!, { status: 429, waitMs: 50 });
		const order: string[] = [];
		const fresh = gate.enter(0).then((t) => (order.push('fresh'), t));
		const resend = gate.enter(1).then((t) => (order.push('resend'), t));
		// One in flight after the halving: the resend, then the other when it is answered.
		gate.leave((await resend)!, { status: 201 });
		gate.leave((await fresh)!, { status: 201 });
		expect(order).toEqual(['resend', 'fresh']);
	});

	it('a covered 429 does not use the request its retry budget, at most Max Retries of them', async () => {
		const gate = new RateLimitGate();
		const other = await gate.enter(0);
		const request = new RateLimitedRequest(gate, 1);
		const noRetries = new RateLimitedRequest(gate, 0);
		const answerOf = (status: number) => ({ status, waitMs: 0 });
		// Both sent, then another request found the limit: their 429s are covered by its pause.
		const sent = [request, noRetries].map(
			async (r) =>
				await r.send(async () => {
					await new Promise((resolve) => setImmediate(resolve));
					return 429;
				}, answerOf),
		);
		gate.leave(other!, { status: 429, waitMs: 0 });
		await Promise.all(sent);
		expect([request.covered, noRetries.covered]).toEqual([1, 1]);
		expect(request.mayRetry(1)).toBe(true);
		expect(noRetries.mayRetry(1)).toBe(false); // Max Retries 0: never resent
		const clean = async () => gate.leave((await gate.enter(0))!, { status: 201 });
		await clean();
		await request.send(async () => 429, answerOf); // found: uses its budget
		expect(request.mayRetry(2)).toBe(true);
		await clean();
		await request.send(async () => 429, answerOf);
		expect(request.mayRetry(3)).toBe(false);
		// More pauses in a row than Max Retries, no clean answer between: no resend after a 429 at all.
		const fresh = new RateLimitedRequest(gate, 1);
		await fresh.send(async () => 429, answerOf);
		expect(fresh.mayRetry(1)).toBe(false);
	});
});

describe('sendRequest through the gate', () => {
	it('a service that answers 429 for ever: the run ends after one request used its retries', async () => {
		const { ctx, sends } = fakeRun(() => ({ status: 429, retryAfter: '0.1' }));
		const { result: results, elapsedMs } = await onJestClock(() => runItems(ctx, 200, 5));

		// Four pauses of 100 ms without a clean answer (as many as one request waits out): then the rest end at once.
		expect(elapsedMs).toBeLessThan(1_000);
		expect(sends.length).toBeLessThan(15);
		expect(results.every((r) => r instanceof NodeApiError && r.httpCode === '429')).toBe(true);
		const errorsOf = results as NodeApiError[];
		expect(errorsOf.filter((e) => /after \d attempts/.test(e.message)).length).toBeLessThanOrEqual(5);
		const notSent = errorsOf.filter((e) => /^Not sent/.test(e.description ?? ''));
		expect(notSent.length).toBeGreaterThan(150);
		expect(notSent[0].message).toMatch(/^Acme: Too Many Attempts\./);
		expect(notSent[0].description).toMatch(/kept answering 429 .* Run this item again later/);
		// Each error is the item's own.
		errorsOf.forEach((e, i) => expect(e.context.itemIndex).toBe(i));
	});

	it('a Retry-After far beyond the policy is capped by maxDelayMs, so the run still ends', async () => {
		const { ctx } = fakeRun(() => ({ status: 429, retryAfter: '3600' }));
		const { result: results, elapsedMs } = await onJestClock(() =>
			runItems(ctx, 20, 5, { ...policy, maxDelayMs: 60 }),
		);
		expect(elapsedMs).toBeLessThan(1_500);
		expect(results.every((r) => r instanceof NodeApiError)).toBe(true);
	});

	it('a clean answer ends the hold: a limit that clears lets the later requests through', async () => {
		let limited = true;
		const { ctx } = fakeRun(() => (limited ? { status: 429, retryAfter: '0.05' } : { status: 201 }));
		const first = await runItems(ctx, 3, 1);
		expect(first.every((r) => r instanceof NodeApiError)).toBe(true);
		limited = false;
		// During the pause the requests of the run are not sent; after it the next one is sent alone, and its clean
		// answer opens the gate again.
		const [during] = await runItems(ctx, 1, 1);
		expect((during as NodeApiError).description).toMatch(/^Not sent/);
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(await runItems(ctx, 10, 5)).toEqual(Array(10).fill(201));
	});

	it('429s for every second send (Retry-After given): every request gets through, paced by the pause', async () => {
		const { ctx, sends, peak } = fakeRun((n) =>
			n % 2 === 0 ? { status: 429, retryAfter: '0.03' } : { status: 201 },
		);
		const results = await runItems(ctx, 40, 5);
		expect(results).toEqual(Array(40).fill(201));
		expect(peak()).toBeLessThanOrEqual(5);
		expect(sends.length).toBeLessThan(40 * 2 + 5);
	});

	it('without a 429 it changes nothing: the caller’s concurrency, one send per request', async () => {
		const { ctx, sends, peak } = fakeRun(() => ({ status: 201 }));
		expect(await runItems(ctx, 30, 5)).toEqual(Array(30).fill(201));
		expect(peak()).toBe(5);
		expect(sends).toHaveLength(30);
	});

	it('keeps one gate per run: another run is not paused by this one’s 429', async () => {
		const limitedRun = fakeRun(() => ({ status: 429, retryAfter: '1' }));
		const other = fakeRun(() => ({ status: 201 }));
		const { result, elapsedMs } = await onJestClock(async () => {
			const pending = post(limitedRun.ctx, 0, { ...policy, maxRetries: 1 }).catch((e: unknown) => e);
			await new Promise((resolve) => setTimeout(resolve, 20));
			const started = Date.now();
			const answer = await post(other.ctx, 0);
			// The other run's answer came within the limited run's pause (1 s, from about 20 ms ago).
			expect(Date.now() - started).toBeLessThan(1_000 - 20);
			return { answer, limited: await pending };
		});
		expect(result.answer.statusCode).toBe(201);
		expect(result.limited).toBeInstanceOf(NodeApiError);
		expect(elapsedMs).toBeGreaterThanOrEqual(1_000); // the limited run did wait out its pause
	});
});
