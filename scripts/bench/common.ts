/** What the benchmark parts share: their result shapes, number formatting, argument parsing and the machine. */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

/** "in-process (n8n-core 2.8.1)": runs through test/harness, n8n-core's WorkflowExecute in this process. */
export const IN_PROCESS = `in-process (n8n-core ${
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('n8n-core/package.json') as { version: string }).version
})`;

/** One measured run. Optional fields are left blank in the table when a run has no such number. */
export interface Measurement {
	/** What was run, e.g. "Taalk append 10,000 contacts". */
	benchmark: string;
	/** How, e.g. "(a) HTTP Request, one per item". */
	variant: string;
	/** Where: "real n8n 2.8.4" or "in-process (n8n-core 2.8.1)". */
	where: string;
	latencyMs?: number;
	requests?: number;
	wallMs?: number;
	/** CPU time (user + system) of the process while the node(s) ran, per input item, µs. */
	cpuUsPerItem?: number;
	/** Highest resident memory of the process while the node(s) ran, MB. */
	peakRssMb?: number;
	/** Anything else worth one short phrase (bound, ratio, result check). */
	note?: string;
	/** Numbers the targets need that have no column (not printed). */
	extra?: Record<string, number | undefined>;
}

export interface TargetResult {
	target: string;
	measured: string;
	pass: boolean;
}

export interface PartResult {
	measurements: Measurement[];
	targets: TargetResult[];
}

/** N contacts as a CRM would hand them over: four common phone spellings, all valid US numbers, all distinct. */
export function crmContacts(count: number): IDataObject[] {
	if (count > 10_000) throw new Error('at most 10,000 distinct contacts (415-555-0000 … 415-555-9999)');
	const spellings = [
		(d: string) => `+1 415 555 ${d}`,
		(d: string) => `(415) 555-${d}`,
		(d: string) => `415.555.${d}`,
		(d: string) => `415555${d}`,
	];
	return Array.from({ length: count }, (_, i) => ({
		first: `Lead${i}`,
		last: `Family${i}`,
		phone: spellings[i % spellings.length](String(i).padStart(4, '0')),
		city: `City${i % 100}`,
	}));
}

/** One run of one node, as scripts/bench/n8n-probe.js records it around n8n-core's `WorkflowExecute.runNode`. */
export interface ProbeRun {
	node: string;
	wallMs: number;
	/** CPU time (user + system) of the whole process between the node's start and end. */
	cpuMs: number;
	rssStartBytes: number;
	peakRssBytes: number;
	/** CPU time spent while none of the process's HTTP requests was in flight (not hidden behind a round trip). */
	notOverlappedCpuMs?: number;
	/** JS heap in use at the node's start, after a full GC: what the earlier nodes' items and n8n hold. */
	heapStartBytes?: number;
	/**
	 * The highest the heap the run holds rose above `heapStartBytes`: sampled every 10 ms (when the node lets the
	 * event loop turn), each sample after a full GC; at least what it keeps.
	 */
	heapPeakBytes?: number;
	/** The heap above `heapStartBytes` after the run, its output still held, after a full GC. */
	heapRetainedBytes?: number;
	/** The main thread's GC pauses while the node ran, by kind (minor, major, incremental, weak). */
	gcPauses?: Record<string, { count: number; ms: number }>;
}

/** "GC 12 ms (minor 30× 10 ms, major 1× 2 ms)": a probe run's GC pauses, for a note. */
export function gcSummary(pauses?: ProbeRun['gcPauses']): string {
	if (!pauses) return '';
	const kinds = Object.entries(pauses);
	const total = kinds.reduce((sum, [, p]) => sum + p.ms, 0);
	return `GC pauses ${formatMs(total)} (${kinds.map(([kind, p]) => `${kind} ${p.count}× ${formatMs(p.ms)}`).join(', ')})`;
}

/** Parses `--name value` / `--name=value` flags and bare `--switch`es against a list of known names (node:util). */
export function parseFlags(
	argv: string[],
	known: { values: string[]; switches?: string[] },
): { values: Record<string, string>; switches: Set<string> } {
	const options: Record<string, { type: 'string' | 'boolean' }> = {};
	for (const name of known.values) options[name] = { type: 'string' };
	for (const name of known.switches ?? []) options[name] = { type: 'boolean' };
	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({ args: argv, options });
	} catch (error) {
		throw new Error(`unknown argument: ${(error as Error).message}`);
	}
	const values: Record<string, string> = {};
	const switches = new Set<string>();
	for (const [name, value] of Object.entries(parsed.values)) {
		if (typeof value === 'string') values[name] = value;
		else if (value === true) switches.add(name);
	}
	return { values, switches };
}

/** A comma-separated list of whole numbers ≥ `min` ("0,50"). */
export function intList(text: string, name: string, min = 0): number[] {
	const list = text.split(',').map(Number);
	if (!list.length || list.some((n) => !Number.isInteger(n) || n < min)) {
		throw new Error(`--${name} takes whole numbers ≥ ${min}, comma-separated`);
	}
	return list;
}

export function positiveInt(text: string, name: string): number {
	const n = Number(text);
	if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number`);
	return n;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const MB = 1024 * 1024;

export function formatMs(ms: number): string {
	return ms >= 10_000
		? `${(ms / 1000).toFixed(1)} s`
		: ms >= 1000
			? `${(ms / 1000).toFixed(2)} s`
			: `${ms.toFixed(0)} ms`;
}

export function formatInt(n: number): string {
	return n.toLocaleString('en-US');
}

/** "20× 200, 1× 429": how many answers of each status. */
export function statusSummary(stats: { statuses: Record<string, number> }): string {
	return Object.entries(stats.statuses)
		.map(([status, n]) => `${formatInt(n)}× ${status}`)
		.join(', ');
}

/** A Markdown table (also readable as plain text). */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
	const line = (cells: string[]) =>
		`| ${cells.map((cell, c) => (cell ?? '').padEnd(widths[c])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function measurementsTable(measurements: Measurement[]): string {
	return table(
		['Benchmark', 'Variant', 'Where', 'Latency', 'Requests', 'Wall time', 'CPU / item', 'Peak RSS', 'Note'],
		measurements.map((m) => [
			m.benchmark,
			m.variant,
			m.where,
			m.latencyMs === undefined ? '' : `${m.latencyMs} ms`,
			m.requests === undefined ? '' : formatInt(m.requests),
			m.wallMs === undefined ? '' : formatMs(m.wallMs),
			m.cpuUsPerItem === undefined ? '' : `${m.cpuUsPerItem.toFixed(1)} µs`,
			m.peakRssMb === undefined ? '' : `${m.peakRssMb.toFixed(0)} MB`,
			m.note ?? '',
		]),
	);
}

export function targetsTable(targets: TargetResult[]): string {
	return table(
		['Target', 'Measured', 'Result'],
		targets.map((t) => [t.target, t.measured, t.pass ? 'PASS' : 'MISS']),
	);
}

/** The machine, in one line: CPU model and count, memory, Node, OS load. */
export function machine(): string {
	const list = cpus();
	const model = list[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
	return [
		`${list.length} × ${model}`,
		`${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM`,
		`Node ${process.version}`,
		`${process.platform} ${process.arch}`,
		`load ${loadavg()[0].toFixed(2)}`,
	].join(', ');
}

/** Prints a part's result as one JSON line the orchestrator picks up (`BENCH_RESULT {...}`). */
export function emitResult(result: PartResult): void {
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** Runs a part's `main`, exiting non-zero on error. */
export function runMain(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
