import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ItemResults } from './runner';

/** One input item that passed validation, with the value to send for it. */
export interface Prepared<T> {
	itemIndex: number;
	value: T;
}

/**
 * What a chunk's request gave back: either one result for the whole chunk (every item gets it),
 * or one entry per chunk member, in chunk order: an object for success, an Error for that item's failure.
 */
export type ChunkOutcome = { all: IDataObject } | { each: Array<IDataObject | Error> };

export interface BatchOptions<T> {
	/** Validates and converts one item; throwing fails that item, before any request is sent. */
	prepare: (itemIndex: number) => T;
	/**
	 * Optional identity for de-duplication inside one run (e.g. the normalised phone). A later item
	 * with the same key is not sent again; it gets `duplicate(first)` as its output instead.
	 */
	key?: (value: T) => string;
	duplicate?: (firstItemIndex: number, value: T) => IDataObject;
	/**
	 * Optional grouping: items of different groups never share a request (e.g. the campaign, when an
	 * expression sends items to different campaigns). Chunks keep input order within each group.
	 */
	group?: (value: T) => string;
	/**
	 * Names the item's key values for an error the API gives back, e.g. `phone "7047058647", campaign "6791…"`:
	 * the error then says which item and which contact it was about (see `toItemError`).
	 */
	subject?: (value: T) => string;
	/** Items per request. */
	chunkSize: number;
	/** Chunks in flight at once (default 1: in order, one after another). */
	concurrency?: number;
	/** Sends one chunk; throwing fails every item of the chunk. */
	send: (chunk: Array<Prepared<T>>, chunkNumber: number) => Promise<ChunkOutcome>;
}

/**
 * The bulk-write pipeline: validate every item first (so bad input fails before any request), drop
 * in-run duplicates, send provider-sized chunks, and map each chunk's answer back onto its items.
 */
export async function runBatched<T>(
	ctx: IExecuteFunctions,
	options: BatchOptions<T>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results = new ItemResults(ctx);
	const toSend: Array<Prepared<T>> = [];
	const firstByKey = new Map<string, number>();

	for (let i = 0; i < count; i++) {
		let value: T;
		try {
			value = options.prepare(i);
		} catch (error) {
			results.failure(i, error); // throws unless Continue On Fail
			continue;
		}
		if (options.key) {
			const key = options.key(value);
			const first = firstByKey.get(key);
			if (first !== undefined) {
				results.success(i, options.duplicate?.(first, value) ?? { skipped: true, duplicateOfItem: first });
				continue;
			}
			firstByKey.set(key, i);
		}
		toSend.push({ itemIndex: i, value });
	}

	const size = Math.max(1, Math.floor(options.chunkSize));
	const chunks = groupBy(toSend, (entry) => options.group?.(entry.value) ?? '').flatMap((members) =>
		chunk(members, size),
	);
	await mapConcurrent(chunks, options.concurrency ?? 1, async (members, chunkNumber) => {
		let outcome: ChunkOutcome;
		try {
			outcome = await options.send(members, chunkNumber);
		} catch (error) {
			for (const member of members) results.failure(member.itemIndex, error, options.subject?.(member.value));
			return;
		}
		members.forEach((member, position) => {
			if ('all' in outcome) {
				results.success(member.itemIndex, { ...outcome.all });
				return;
			}
			const own = outcome.each[position];
			if (own instanceof Error) results.failure(member.itemIndex, own, options.subject?.(member.value));
			else results.success(member.itemIndex, own ?? {});
		});
	});

	return results.output(count);
}

/** Splits a list into groups by key, keeping first-seen group order and input order inside a group. */
export function groupBy<T>(list: T[], keyOf: (entry: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const key = keyOf(entry);
		const members = groups.get(key);
		if (members) members.push(entry);
		else groups.set(key, [entry]);
	}
	return [...groups.values()];
}

export function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/**
 * Runs `fn` over `list` with at most `limit` calls in flight; results keep input order.
 * The first error stops new work from starting and is rethrown once the calls in flight settle.
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

/**
 * What an answer that only counts (e.g. `{ removed: 3 }` for a request of 5 items) tells about each of its items:
 * - nothing counted: no item matched (`none`, e.g. "notFound");
 * - a request of one item, or every item counted where each item can match at most one record: each matched (`done`);
 * - otherwise which ones matched is not known: `unknown`, with a message that says so and gives the counts.
 */
export function countedOutcome(answer: {
	requested: number;
	counted: number;
	/** Whether one item can match at most one record (an ID), so that all counted means each matched. */
	atMostOneEach: boolean;
	done: string;
	none: string;
	/** E.g. "Taalk removed": completes "… 3 of the 5 contacts this request asked for". */
	what: string;
}): { outcome: string; message?: string } {
	const { requested, counted } = answer;
	if (counted === 0) return { outcome: answer.none };
	if (requested === 1 || (answer.atMostOneEach && counted === requested)) return { outcome: answer.done };
	return {
		outcome: 'unknown',
		message: `${answer.what} ${counted} of the ${requested} items this request asked for and answers only with a count, so whether this one was among them is not known`,
	};
}
