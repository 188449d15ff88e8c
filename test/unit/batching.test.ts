import { chunk, groupBy } from '../../nodes/common/batching';
import { mapConcurrent } from '../support/batches';
import { collectPages } from '../../nodes/common/paging';
import { retryAfterMs } from '../../nodes/common/transport';

describe('chunk and groupBy', () => {
	it('splits into chunks of at most n, in order', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 3)).toEqual([]);
	});
	it('groups by key keeping first-seen order', () => {
		expect(groupBy(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0])).toEqual([
			['a1', 'a2'],
			['b1', 'b2'],
			['c1'],
		]);
	});
});

describe('mapConcurrent', () => {
	it('keeps input order and never exceeds the limit', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await mapConcurrent([5, 1, 4, 2, 3, 0], 3, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((r) => setTimeout(r, n * 3));
			inFlight--;
			return n * 10;
		});
		expect(out).toEqual([50, 10, 40, 20, 30, 0]);
		expect(peak).toBe(3);
	});
	it('stops starting new work after a failure and rethrows it', async () => {
		const started: number[] = [];
		await expect(
			mapConcurrent([1, 2, 3, 4, 5, 6], 2, async (n) => {
				started.push(n);
				if (n === 2) throw new Error('boom');
				await new Promise((r) => setTimeout(r, 5));
				return n;
			}),
		).rejects.toThrow('boom');
		expect(started.length).toBeLessThan(6);
	});
});

describe('collectPages', () => {
	const pages = [[1, 2], [3, 4], [5]];
	const fetchPage = async (cursor: unknown) => {
		const index = (cursor as number | undefined) ?? 0;
		return { items: pages[index], next: index + 1 < pages.length ? index + 1 : undefined };
	};
	it('returns all pages when no limit', async () => {
		expect(await collectPages(fetchPage, undefined)).toEqual([1, 2, 3, 4, 5]);
	});
	it('stops at the limit', async () => {
		expect(await collectPages(fetchPage, 3)).toEqual([1, 2, 3]);
	});
	it('stops when a cursor repeats (a server that never ends)', async () => {
		let calls = 0;
		const items = await collectPages(async () => {
			calls++;
			return { items: [calls], next: 'same' };
		}, undefined);
		expect(items).toEqual([1, 2]);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs('3')).toBe(3000);
		expect(retryAfterMs('0.5')).toBe(500);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
		const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
		expect(retryAfterMs(inTwoSeconds)).toBeGreaterThan(500);
		expect(retryAfterMs(inTwoSeconds)).toBeLessThanOrEqual(2000);
	});
});
