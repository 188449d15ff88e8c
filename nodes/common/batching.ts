import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemResults } from './runner';
import { checkRange } from './validate';

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
	 * Optional identity for de-duplication inside one run, within the item's group (e.g. the normalised phone within
	 * its campaign). A later item of the same group with the same key is not sent again; it gets `duplicate(first)`
	 * as its output instead. Return a string the value already holds where there is one: the run keeps every key.
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
 * The bulk-write pipeline: validate the items, drop in-run duplicates, send provider-sized chunks, and map each
 * chunk's answer back onto its items, one output item per input item, in input order.
 *
 * How the work overlaps (the node has one thread; a request in flight costs it nothing):
 * - Continue On Fail off: every item is validated before the first request, so bad input stops the run before
 *   anything is sent. The chunks are then sent while the next one is being cut and the previous answer mapped.
 * - Continue On Fail on (either output): a bad item only becomes an error item, so items are validated chunk by
 *   chunk, the next chunk while the current one is in flight, in slices that let the answers in between.
 * - `concurrency` 1 (the default) sends the chunks one after another, so each group's items reach the provider in
 *   input order; more puts that many chunks in flight at once, whose answers may come back in any order (outputs
 *   still follow input order).
 */
export async function runBatched<T>(
	ctx: IExecuteFunctions,
	options: BatchOptions<T>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results = new ItemResults(ctx);
	const slices = new Slices();
	const chunks = new ChunkSource(options, count, results, slices);
	if (!ctx.continueOnFail()) chunks.prepareAll();

	let chunkNumber = 0;
	const sendNext = async (members: Array<Prepared<T>>) => {
		const number = chunkNumber++;
		let outcome: ChunkOutcome;
		try {
			outcome = await options.send(members, number);
			slices.tookTurn();
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
	};

	// Each lane sends a chunk, and while it is in flight cuts (and, with Continue On Fail, validates) the next one.
	// The first error (Continue On Fail off) stops every lane from sending more; it is thrown once they settle.
	let failed: { error: unknown } | undefined;
	const lanes = Math.max(1, Math.floor(options.concurrency ?? 1));
	const lane = async () => {
		let upcoming = chunks.next();
		while (!failed) {
			const [cut] = await Promise.allSettled([upcoming]);
			if (cut.status === 'rejected') {
				failed ??= { error: cut.reason };
				return;
			}
			if (!cut.value || failed) return;
			const sending = sendNext(cut.value);
			upcoming = chunks.next();
			const [sent] = await Promise.allSettled([sending]);
			if (sent.status === 'rejected') failed ??= { error: sent.reason };
			// A chunk can settle without a request (e.g. the credential was refused earlier in the run): mapping its
			// errors is work of its own, and the answers of the other lanes' requests must not wait behind it.
			await slices.pause();
		}
		// A chunk cut but not sent after a failure: nothing to do, the run ends with the error.
		await Promise.allSettled([upcoming]);
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	if (failed) throw failed.error;

	return results.output(count);
}

/** The longest stretch of work (ms) before the answers of requests in flight are let in. */
const SLICE_MS = 4;

/**
 * Cuts the node's work into slices while requests are in flight: `pause` lets the event loop run (the answers that
 * came meanwhile are taken in) once `SLICE_MS` of work ran without a break; `tookTurn` says one came anyway (an
 * answer was awaited).
 */
class Slices {
	private since = Date.now();

	tookTurn(): void {
		this.since = Date.now();
	}

	async pause(): Promise<void> {
		if (Date.now() - this.since < SLICE_MS) return;
		await sleep(0);
		this.since = Date.now();
	}
}

/**
 * Cuts the items into chunks, in input order: each group (e.g. campaign) fills its own chunk, which is handed out
 * when full; the partly filled ones follow at the end, in the order their groups first appeared. Items are
 * validated as the chunks are cut, or all at once by `prepareAll` first.
 */
class ChunkSource<T> {
	private readonly size: number;

	private readonly open = new Map<string, Array<Prepared<T>>>();

	private readonly ready: Array<Array<Prepared<T>>> = [];

	/** Per group, each key's first item. */
	private readonly firstByKey = new Map<string, Map<string, number>>();

	private nextItem = 0;

	private prepared: Array<Prepared<T> | undefined> | undefined;

	/** `next` calls run one after another, so that two lanes never cut the same chunk. */
	private turn: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly options: BatchOptions<T>,
		private readonly count: number,
		private readonly results: ItemResults,
		private readonly slices: Slices,
	) {
		this.size = Math.max(1, Math.floor(options.chunkSize));
	}

	/** Validates every item now (nothing is sent before the last item passed). */
	prepareAll(): void {
		const all: Array<Prepared<T>> = [];
		for (let i = 0; i < this.count; i++) {
			const entry = this.prepareItem(i);
			if (entry) all.push(entry);
		}
		this.prepared = all;
		this.nextItem = 0;
		// Every item is in: the keys seen are needed no more (10,000 of them are worth letting go before the outputs
		// pile up).
		this.firstByKey.clear();
	}

	/** The next chunk to send, or undefined once every item is in one. */
	next(): Promise<Array<Prepared<T>> | undefined> {
		const result = this.turn.then(() => this.cut());
		this.turn = result.catch(() => undefined);
		return result;
	}

	private async cut(): Promise<Array<Prepared<T>> | undefined> {
		while (this.ready.length === 0) {
			const entry = this.take();
			if (entry === 'end') {
				this.firstByKey.clear();
				// The partly filled chunks, in first-seen group order.
				for (const members of this.open.values()) this.ready.push(members);
				this.open.clear();
				break;
			}
			if (entry) this.add(entry);
			if (!this.prepared) await this.slices.pause();
		}
		return this.ready.shift();
	}

	/** The next validated item; undefined for an item that failed or repeats an earlier one; 'end' after the last. */
	private take(): Prepared<T> | undefined | 'end' {
		if (this.prepared) {
			if (this.nextItem >= this.prepared.length) return 'end';
			const entry = this.prepared[this.nextItem];
			// Handed over to its chunk: the list no longer holds it, so a sent chunk's values can be collected.
			this.prepared[this.nextItem++] = undefined;
			return entry;
		}
		if (this.nextItem >= this.count) return 'end';
		return this.prepareItem(this.nextItem++);
	}

	private add(entry: Prepared<T>): void {
		const group = this.options.group?.(entry.value) ?? '';
		let members = this.open.get(group);
		if (!members) this.open.set(group, (members = []));
		members.push(entry);
		if (members.length >= this.size) {
			this.ready.push(members);
			this.open.delete(group);
		}
	}

	private prepareItem(i: number): Prepared<T> | undefined {
		let value: T;
		try {
			value = this.options.prepare(i);
		} catch (error) {
			this.results.failure(i, error); // throws unless Continue On Fail
			return undefined;
		}
		if (this.options.key) {
			const group = this.options.group?.(value) ?? '';
			let firstInGroup = this.firstByKey.get(group);
			if (!firstInGroup) this.firstByKey.set(group, (firstInGroup = new Map()));
			const key = this.options.key(value);
			const first = firstInGroup.get(key);
			if (first !== undefined) {
				this.results.success(
					i,
					this.options.duplicate?.(first, value) ?? { skipped: true, duplicateOfItem: first },
				);
				return undefined;
			}
			firstInGroup.set(key, i);
		}
		return { itemIndex: i, value };
	}
}

/** "Parallel Batches": how many chunks may be in flight at once when the option is added (its default is 4). */
export const PARALLEL_BATCHES = { min: 1, max: 8 };

/**
 * The bulk operations' opt-in "Parallel Batches" option (left out, batches go one after another). `noun` names
 * what is sent ("contacts"); `reordersList` says whether sending batches at once may change the order in which
 * they land in a list (appends), which the description then says plainly.
 */
export function parallelBatchesOption(options: { noun: string; reordersList: boolean }): INodeProperties {
	const effect = options.reordersList
		? `faster for long lists, but ${options.noun} may reach the list in a different order than the input. Leave this option out to keep the input order.`
		: 'faster for long lists. Leave this option out to send them one after another.';
	return {
		displayName: 'Parallel Batches',
		name: 'parallelBatches',
		type: 'number',
		typeOptions: { minValue: PARALLEL_BATCHES.min, maxValue: PARALLEL_BATCHES.max },
		default: 4,
		description: `Send up to this many batches at once instead of one after another: ${effect}`,
	};
}

/** The chunks in flight at once (`BatchOptions.concurrency`) from an operation's Options: 1 unless the option is added. */
export function readParallelBatches(options: IDataObject): number {
	return options.parallelBatches === undefined
		? 1
		: checkRange(options.parallelBatches, 'Parallel Batches', PARALLEL_BATCHES);
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
