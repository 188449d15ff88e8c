import { NodeApiError, sleep } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { apiError } from './errors';

/**
 * The rate limit of one run (execution context) and credential type, shared by all of its requests.
 *
 * A service that answers 429 ("Too Many Attempts") is not refusing one request, it is asking the caller to slow
 * down. Retrying only the request that got the 429 does not do that: the other requests in flight keep hitting the
 * limit, each burns its own retries, and a long run ends in a rate-limit failure although every request would have
 * gone through at the rate the service allows. So every request of the run goes through one gate:
 *
 * - **Shared pause.** A 429 sets the run's "resume at" time (Retry-After, capped by the retry policy's
 *   `maxDelayMs`; the backoff without the header). Every request of the run, first send or resend, waits for it.
 * - **Fewer in flight (AIMD).** The first 429 of a pause halves the number of requests the gate lets be in flight
 *   at once (at least 1); each clean answer (any answer but a 429) lets one more, until the caller's own
 *   concurrency is reached again.
 * - **Whose retry it is.** A 429 for a request that was sent before the run's latest pause began is covered by
 *   that pause: the request is resent after it without using its own retry budget (at most Max Retries such
 *   resends). A 429 for a request sent after it (the first to find the limit again) uses its budget as before.
 *   When the pause ends, resends go before requests not sent yet, those with the most 429s first: the request
 *   nearest to giving up gets the first of what the service allows again.
 * - **A limit that holds.** When more than Max Retries pauses followed one another without a single clean answer
 *   in between (as many as one request may wait out), the limit is not passing: a request answered 429 then is not
 *   resent, and the requests that would wait for the pause end at once: one not sent yet fails without being
 *   sent, one already limited fails with its 429. So a run against a service that answers 429 for ever ends after
 *   about one request's retries, whatever its size. After the pause the next request is sent alone; its clean
 *   answer ends the hold.
 *
 * A 429 means the service did not process the request, so a resend never duplicates a write.
 */

/** What one attempt's answer tells the gate. */
export interface LimitAnswer {
	/** HTTP status of the answer; undefined when no answer came (network failure). */
	status?: number;
	/** For a 429: how long to pause the run (Retry-After capped, or the backoff), ms. */
	waitMs?: number;
}

/** A held limit: the request that found it, and its error. */
interface Hold {
	message: string;
	description?: string;
	itemIndex?: number;
}

/** What a request's pass through the gate recorded when it was let through. */
interface Ticket {
	/** The run's pause count then: a 429 for this request found a new limit only if no pause began since. */
	pauses: number;
}

interface Waiter {
	/** Higher goes first; equal ones in arrival order. */
	priority: number;
	let: (ticket: Ticket | undefined) => void;
}

const STATUS_LIMITED = 429;

export class RateLimitGate {
	/** Requests let through whose answers have not come back. */
	private inFlight = 0;
	/** How many may be in flight at once: unlimited until a 429, then AIMD. */
	private limit = Number.POSITIVE_INFINITY;
	/** The most requests that were in flight or waiting at once: the caller's own concurrency. */
	private demand = 0;
	/** Until when every request of the run waits (ms since epoch). */
	private resumeAt = 0;
	/** How many pauses a 429 began. */
	private pauses = 0;
	/** How many pauses began one after another since the last clean answer. */
	private pausesSinceClean = 0;
	private held?: Hold;
	private readonly waiting: Waiter[] = [];
	/** Whether a wait for the end of the pause is under way (it then lets the waiting requests through). */
	private waking = false;

	constructor(private readonly now: () => number = Date.now) {}

	/**
	 * Waits for the run's pause to end and a place in flight; undefined when the limit holds (see above).
	 * `priority`: 0 for a first send; for a resend 1 + the 429s the request got so far.
	 */
	async enter(priority: number): Promise<Ticket | undefined> {
		return await new Promise((resolve) => {
			const waiter: Waiter = { priority, let: resolve };
			const at = this.waiting.findIndex((w) => w.priority < priority);
			this.waiting.splice(at === -1 ? this.waiting.length : at, 0, waiter);
			this.demand = Math.max(this.demand, this.inFlight + this.waiting.length);
			this.pump();
		});
	}

	/**
	 * The answer to a request let through with `ticket`. For a 429: `'found'` when it found the limit (a new pause
	 * began, the request's own retry budget pays), `'covered'` when a pause began after it was sent.
	 */
	leave(ticket: Ticket, answer: LimitAnswer): 'found' | 'covered' | undefined {
		this.inFlight--;
		let verdict: 'found' | 'covered' | undefined;
		const now = this.now();
		if (answer.status === STATUS_LIMITED) {
			const until = now + Math.max(0, answer.waitMs ?? 0);
			if (ticket.pauses === this.pauses) {
				this.pauses++;
				this.pausesSinceClean++;
				this.limit = Math.max(1, Math.floor(Math.min(this.limit, this.demand) / 2));
				this.resumeAt = Math.max(this.resumeAt, until);
				verdict = 'found';
			} else {
				// Sent before the latest pause began. While that pause lasts its own Retry-After may lengthen it;
				// after it, the answer is older than what the requests sent since have found.
				if (now < this.resumeAt) this.resumeAt = Math.max(this.resumeAt, until);
				verdict = 'covered';
			}
		} else if (answer.status !== undefined) {
			this.pausesSinceClean = 0;
			this.held = undefined;
			if (this.limit !== Number.POSITIVE_INFINITY) {
				this.limit = this.limit + 1 >= this.demand ? Number.POSITIVE_INFINITY : this.limit + 1;
			}
		}
		this.pump();
		return verdict;
	}

	/** Whether the limit holds, or would once a request gives up (see above): no more resends after a 429. */
	holds(maxRetries: number): boolean {
		return this.held !== undefined || this.pausesSinceClean > maxRetries;
	}

	/** The held limit's description, for the requests not sent because of it. */
	get hold(): Hold | undefined {
		return this.held;
	}

	/** A request gave up after a 429: if more than `maxRetries` pauses came without a clean answer, the limit holds. */
	failed(maxRetries: number, hold: Hold): void {
		if (this.held || this.pausesSinceClean <= maxRetries) return;
		this.held = hold;
		this.limit = 1;
		this.pump();
	}

	/** For tests: what the gate is doing. */
	get state() {
		return {
			inFlight: this.inFlight,
			limit: this.limit,
			waiting: this.waiting.length,
			resumeAt: this.resumeAt,
			pauses: this.pauses,
			pausesSinceClean: this.pausesSinceClean,
			holds: this.held !== undefined,
		};
	}

	private pump(): void {
		const now = this.now();
		if (now < this.resumeAt) {
			if (this.held) {
				for (const waiter of this.waiting.splice(0)) waiter.let(undefined);
				return;
			}
			if (this.waiting.length) void this.wakeAfterPause();
			return;
		}
		while (this.waiting.length && this.inFlight < this.limit) {
			const waiter = this.waiting.shift()!;
			this.inFlight++;
			waiter.let({ pauses: this.pauses });
		}
	}

	private async wakeAfterPause(): Promise<void> {
		if (this.waking) return;
		this.waking = true;
		try {
			// A 429 that comes meanwhile may lengthen the pause: wait until it is over.
			for (let left = this.resumeAt - this.now(); left > 0; left = this.resumeAt - this.now()) {
				await sleep(left);
			}
		} finally {
			this.waking = false;
		}
		this.pump();
	}
}

/**
 * One request's passage through its run's gate, over all of its attempts: counts the 429s a run's pause covered
 * (they do not use the request's retry budget) and remembers whether it was ever sent.
 */
export class RateLimitedRequest {
	/** 429s covered by a pause that began after the request was sent. */
	covered = 0;
	/** Whether an attempt went out. */
	sent = false;
	/** 429s the request got, covered or not. */
	private limitedAnswers = 0;
	/** Whether the last attempt was answered 429. */
	private limited = false;

	/** `maxRetries`: the request's retry policy's. */
	constructor(
		private readonly gate: RateLimitGate,
		private readonly maxRetries: number,
	) {}

	/**
	 * Sends one attempt through the gate: waits for the run's pause and a place in flight, runs `attempt`, and
	 * tells the gate what `answerOf` its result says. Undefined (nothing sent) when the run's limit holds.
	 */
	async send<T>(attempt: () => Promise<T>, answerOf: (result: T) => LimitAnswer): Promise<T | undefined> {
		const ticket = await this.gate.enter(this.sent ? 1 + this.limitedAnswers : 0);
		if (ticket === undefined) return undefined;
		this.sent = true;
		let answer: LimitAnswer = {};
		try {
			const result = await attempt();
			answer = answerOf(result);
			return result;
		} finally {
			const verdict = this.gate.leave(ticket, answer);
			this.limited = verdict !== undefined;
			if (this.limited) this.limitedAnswers++;
			if (verdict === 'covered') this.covered++;
		}
	}

	/**
	 * Whether the request may be sent again after attempt `attemptNo` (1-based) failed in a way that allows a
	 * resend: Max Retries resends of its own, plus up to Max Retries after 429s a run's pause covered; none after
	 * a 429 while the run's limit holds.
	 */
	mayRetry(attemptNo: number): boolean {
		if (this.limited && this.gate.holds(this.maxRetries)) return false;
		return attemptNo - this.covered <= this.maxRetries && this.covered <= this.maxRetries;
	}

	/** The request gave up with `error` (see `RateLimitGate.failed`). */
	failed(error: { message: string; description?: string | null }, itemIndex?: number): void {
		if (!this.limited) return;
		this.gate.failed(this.maxRetries, {
			// What the service said, without this request's own count of attempts.
			message: error.message.replace(/ \(after \d+ attempts\)$/, ''),
			description: error.description ?? undefined,
			itemIndex,
		});
	}

	/** The error of a request not sent because the run's limit holds. */
	notSent(node: INode, provider: string, itemIndex?: number): NodeApiError {
		const hold = this.gate.hold;
		const at = hold?.itemIndex === undefined ? '' : `, first given up at item ${hold.itemIndex}`;
		return apiError(node, { message: 'rate limit held earlier in this run' } as JsonObject, {
			message: hold?.message ?? `${provider}: rate limit reached`,
			description: `Not sent: ${provider} kept answering 429 (rate limit) to every request of this run for longer than the retries wait${at}. Run this item again later.`,
			httpCode: String(STATUS_LIMITED),
			itemIndex,
		});
	}
}

/** Per run (execution context) and credential type: the gate its requests go through. */
const gates = new WeakMap<object, Map<string, RateLimitGate>>();

/** The gate of the run `ctx` for `credentialType` (one per run and credential type, made on first use). */
export function rateLimitGate(ctx: object, credentialType: string): RateLimitGate {
	let byType = gates.get(ctx);
	if (byType === undefined) gates.set(ctx, (byType = new Map()));
	let gate = byType.get(credentialType);
	if (gate === undefined) byType.set(credentialType, (gate = new RateLimitGate()));
	return gate;
}

/**
 * A request of the run `ctx` about to be sent with `credentialType`, resent at most `maxRetries` times of its own:
 * its passage through the run's gate.
 */
export function rateLimited(ctx: object, credentialType: string, maxRetries: number): RateLimitedRequest {
	return new RateLimitedRequest(rateLimitGate(ctx, credentialType), maxRetries);
}
