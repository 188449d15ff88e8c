/**
 * What the sandbox's request log tells about how a node sent its batches: from arrival times and answer durations
 * (times of the same log compared with each other, never with a clock bound).
 */
import type { RequestRecord } from '../sandbox/server';

const answeredAt = (request: RequestRecord) => request.time + (request.durationMs ?? 0);

/** The most requests the service was handling at one time. */
export function peakInFlight(requests: RequestRecord[]): number {
	let peak = 0;
	for (const request of requests) {
		const handling = requests.filter(
			(other) => other.time <= request.time && answeredAt(other) > request.time,
		).length;
		peak = Math.max(peak, handling);
	}
	return peak;
}

/** Each request arrived only after the one before it was answered (in log order). */
export function expectOneAfterAnother(requests: RequestRecord[]): void {
	expect(requests.length).toBeGreaterThan(1);
	for (let k = 1; k < requests.length; k++) {
		expect([k, requests[k].time >= answeredAt(requests[k - 1])]).toEqual([k, true]);
	}
}

/**
 * For tests that play a node's items in flight together: runs `fn` over `list` with at most `limit` calls in
 * flight; results keep input order. The first error stops new work from starting and is rethrown once the calls in
 * flight settle.
 */
export async function mapConcurrent<T, R>(
	list: T[],
	limit: number,
	fn: (entry: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(list.length);
	let next = 0;
	let failed: { error: unknown } | undefined;
	const worker = async () => {
		while (!failed && next < list.length) {
			const index = next++;
			try {
				results[index] = await fn(list[index], index);
			} catch (error) {
				failed ??= { error };
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, list.length)) }, worker);
	await Promise.all(workers);
	if (failed) throw failed.error;
	return results;
}
