/**
 * WhatTalk Lead → Add under a rate limit: the sandbox's token bucket (429 "Too Many Attempts." with Retry-After
 * beyond R requests a second) in front of the API, the node run through n8n-core over loopback.
 */
import { addParams, e164, leads, whatTalkEnv } from './setup';
import type { WhatTalkTestEnv } from './setup';
import { TOO_MANY_ATTEMPTS } from '../sandbox/whattalk';

jest.setTimeout(60_000);

let env: WhatTalkTestEnv;
afterEach(async () => await env?.close());

const addRequests = (env: WhatTalkTestEnv) =>
	env.sandbox.requests({ method: 'POST', path: '/api/user/lead' });

/**
 * How many times the run stopped for a pause (Retry-After: 1): gaps of most of a second between one add request's
 * arrival and the next in the sandbox's log. A count, not a duration: a slow machine makes every gap a little
 * longer, not more gaps a second long.
 */
const pausesIn = (env: WhatTalkTestEnv) =>
	addRequests(env)
		.map((r) => r.time)
		.filter((time, k, times) => k > 0 && time - times[k - 1] >= 900).length;

/** How many times each phone is stored in the campaign. */
function storedCounts(env: WhatTalkTestEnv): Map<string, number> {
	const counts = new Map<string, number>();
	for (const lead of env.sandbox.leadsOf(env.campaignId)) {
		counts.set(lead.phone_number, (counts.get(lead.phone_number) ?? 0) + 1);
	}
	return counts;
}

describe('WhatTalk sandbox rate limit', () => {
	it('answers 429 "Too Many Attempts." with Retry-After beyond R requests a second, and can be changed', async () => {
		env = await whatTalkEnv({ rateLimit: { perSecond: 20 } });
		const get = async () =>
			await fetch(`${env.sandbox.baseUrl}/user/me`, { headers: { authorization: 'Bearer wrong' } });
		const sent = 45;
		const started = performance.now();
		const answers = await Promise.all(Array.from({ length: sent }, get));
		const seconds = (performance.now() - started) / 1000;
		// A full bucket of 20, and what it refilled (20 a second) while the burst arrived: on a busy machine the
		// burst takes longer, so the bound follows the time it took.
		const passed = answers.filter((a) => a.status === 401).length;
		expect(passed).toBeGreaterThanOrEqual(20);
		expect(passed).toBeLessThanOrEqual(20 + Math.ceil(seconds * 20));
		const limited = answers.filter((a) => a.status === 429);
		expect(limited).toHaveLength(sent - passed);
		expect(limited.length).toBeGreaterThan(0);
		expect(limited[0].headers.get('retry-after')).toBe('1');
		expect(await limited[0].json()).toEqual({ message: TOO_MANY_ATTEMPTS });

		env.sandbox.setRateLimit(undefined);
		expect((await get()).status).toBe(401);
		env.sandbox.setRateLimit({ perSecond: 2, burst: 1 });
		expect(env.sandbox.rateLimit).toEqual({ perSecond: 2, burst: 1 });
		expect([(await get()).status, (await get()).status]).toEqual([401, 429]);
	});
});

describe('WhatTalk › Lead › Add under a rate limit', () => {
	it('200 leads at 20 requests a second, 5 concurrent, default retries: all added once, the run paced', async () => {
		env = await whatTalkEnv({ rateLimit: { perSecond: 20 } });
		const started = Date.now();
		const result = await env.run(addParams(env.campaignId), leads(200));
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(200);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect([i, item.json.outcome, item.json.phone_number]).toEqual([i, 'added', e164(i)]);
		});
		const stored = storedCounts(env);
		expect(stored.size).toBe(200);
		expect([...stored.values()].every((n) => n === 1)).toBe(true);

		// The limit was met, and the run slowed down as a whole: each pause (Retry-After: 1) is met by at most the
		// requests in flight when it began, not by every request on its own.
		const requests = addRequests(env);
		const limited = requests.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(requests.filter((r) => r.status === 201)).toHaveLength(200);
		const seconds = Math.ceil(elapsed / 1000);
		expect(limited.length).toBeLessThanOrEqual(5 * seconds);
		// 20 a second, the first 20 at once: at least 9 s; and not much more: about one pause a second.
		expect(elapsed).toBeGreaterThanOrEqual(9_000);
		expect(pausesIn(env)).toBeLessThanOrEqual(200 / 20); // at most one pause a bucketful
	});

	it('a limit that lets fewer through after each pause than are in flight: the retries are not burnt', async () => {
		// One request a pause (burst 1, Retry-After: 1) for 5 in flight. Each request resending on its own, most
		// of them meet the limit again at every resend and fail; paced together, each is let through in turn.
		env = await whatTalkEnv({ rateLimit: { perSecond: 20, burst: 1 } });
		const result = await env.run(addParams(env.campaignId), leads(12), true);
		expect(result.items.map((item) => item.json.outcome)).toEqual(Array(12).fill('added'));
		expect([...storedCounts(env).values()]).toEqual(Array(12).fill(1));
	});

	it('Continue On Fail: an item whose limit never clears fails on its own item, after its retries; the others are added', async () => {
		env = await whatTalkEnv();
		const stuck = 7;
		env.sandbox.failNext(100, {
			status: 429,
			retryAfter: 1,
			body: { message: TOO_MANY_ATTEMPTS },
			method: 'POST',
			path: '/api/user/lead',
			where: (r) => (r.body as { phone_number?: string }).phone_number === e164(stuck),
		});
		const result = await env.run(addParams(env.campaignId), leads(20), true);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		result.items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const failed = result.items[stuck].json;
		expect(failed.error).toMatch(/WhatTalk: Too Many Attempts\. \(after 4 attempts\)/);
		expect(failed.httpCode).toBe('429');
		// The hint names options Lead Add has (it has no Batch Size).
		expect(failed.errorDescription).toMatch(
			/Lower Concurrent Requests \(or raise Max Retries\) under Options/,
		);
		expect(failed.errorDescription).not.toMatch(/batch size/i);
		expect(result.items.filter((item) => item.json.outcome === 'added')).toHaveLength(19);
		const stored = storedCounts(env);
		expect(stored.size).toBe(19);
		expect(stored.has(e164(stuck))).toBe(false);
		// Its own four attempts (Max Retries 3), each after the run's pause.
		const sends = addRequests(env).filter(
			(r) => (r.body as { phone_number: string }).phone_number === e164(stuck),
		);
		expect(sends).toHaveLength(4);
		for (let k = 1; k < sends.length; k++) {
			expect(sends[k].time - sends[k - 1].time).toBeGreaterThanOrEqual(950);
		}
	});

	it('Continue On Fail off: that item stops the node, naming it; nothing already added is lost', async () => {
		env = await whatTalkEnv();
		env.sandbox.failNext(100, {
			status: 429,
			retryAfter: 0,
			body: { message: TOO_MANY_ATTEMPTS },
			method: 'POST',
			path: '/api/user/lead',
			where: (r) => (r.body as { phone_number?: string }).phone_number === e164(3),
		});
		const result = await env.run(addParams(env.campaignId, { options: { concurrency: 1 } }), leads(6));
		expect(result.error?.message).toMatch(/WhatTalk: Too Many Attempts\. \(after 4 attempts\)/);
		expect(result.error?.context?.itemIndex).toBe(3);
		expect([...storedCounts(env).keys()].sort()).toEqual([0, 1, 2].map(e164));
	});

	it('a service that answers 429 for ever: the run ends soon, every item reported on its own, nothing added', async () => {
		env = await whatTalkEnv();
		env.sandbox.failNext(1000, {
			status: 429,
			retryAfter: 1,
			body: { message: TOO_MANY_ATTEMPTS },
			method: 'POST',
			path: '/api/user/lead',
		});
		const result = await env.run(addParams(env.campaignId), leads(100), true);

		// Four pauses of a second without any clean answer (what one item's retries wait out), then the rest end
		// (how long the run takes is pinned on jest's clock in test/unit/rateLimit.test.ts).
		expect(pausesIn(env)).toBeLessThanOrEqual(4);
		expect(addRequests(env).length).toBeLessThan(30);
		expect(result.items).toHaveLength(100);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect([i, item.json.httpCode]).toEqual([i, '429']);
		});
		const notSent = result.items.filter((item) => /^Not sent/.test(String(item.json.errorDescription)));
		expect(notSent.length).toBeGreaterThan(80);
		expect(notSent[0].json.error).toMatch(/WhatTalk: Too Many Attempts\.(?! \(after)/);
		expect(env.sandbox.leadsOf(env.campaignId)).toHaveLength(0);
	});
});
