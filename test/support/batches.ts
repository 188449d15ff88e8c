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
