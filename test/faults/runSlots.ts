/** What the runs of one provider's matrix share in the jest process: run slots, and n8n-core's log file. */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sleep } from 'n8n-workflow';

/**
 * Runs share the process. Light runs (a few hundred items) spend most of their time waiting out backoffs and
 * hung requests, so up to RUN_SLOTS of them overlap (the event loop then stalls for ~150 ms at worst, far below
 * the 1 s Timeout). A heavy run (thousands of items) runs alone: checking its thousands of output items blocks the
 * event loop for a second or more, and a request another run had in flight then times out after its answer came.
 */
export const RUN_SLOTS = 4;
export const HEAVY_ITEMS = 500;
let freeSlots = RUN_SLOTS;
export const waiting: Array<{ slots: number; start: () => void }> = [];

export function admitWaiting(): void {
	while (waiting.length && waiting[0].slots <= freeSlots) {
		const next = waiting.shift()!;
		freeSlots -= next.slots;
		next.start();
	}
}

/** Runs `fn` holding `slots` of the run slots (first come, first served). */
export async function withSlots<T>(slots: number, fn: () => Promise<T>): Promise<T> {
	await new Promise<void>((start) => {
		waiting.push({ slots, start });
		admitWaiting();
	});
	try {
		return await fn();
	} finally {
		freeSlots += slots;
		admitWaiting();
	}
}

export const slotsFor = (items: number) => (items > HEAVY_ITEMS ? RUN_SLOTS : 1);

/**
 * n8n-core's own log: at debug level (the harness otherwise keeps it silent) and into a file, because its
 * console transport keeps the console it found when it was made, out of reach of `captureLogs`. n8n reads
 * these settings at a file's first run. After all runs the whole file is scanned for every secret they used.
 */
export const n8nLog = { file: join(tmpdir(), `n8n-faults-${randomUUID()}.log`), secrets: new Set<string>() };

export function logToFile(): void {
	process.env.N8N_LOG_LEVEL = 'debug';
	process.env.N8N_LOG_OUTPUT = 'file';
	process.env.N8N_LOG_FILE_LOCATION = n8nLog.file;
}

/** The log file once n8n has stopped writing to it (its size unchanged for 100 ms, 2 s at most). */
export async function finishedLog(): Promise<string> {
	let size = -1;
	for (let wait = 0; wait < 20; wait++) {
		const now = statSync(n8nLog.file, { throwIfNoEntry: false })?.size ?? 0;
		if (now === size) break;
		size = now;
		await sleep(100);
	}
	return readFileSync(n8nLog.file, 'utf8');
}
