/**
 * Per-node measurements inside n8n, for the benchmarks only.
 *
 * Wraps n8n-core's `WorkflowExecute.prototype.runNode` (the call that runs one node once) to record, per node run:
 * wall time, the process's CPU time (user + system) spent between its start and end, and the highest resident memory
 * seen while it ran (sampled every 10 ms), and the main thread's GC pauses by kind. Also, for a node that sends
 * requests: the CPU time it spent while none of its HTTP requests was in flight (work a pipeline could not hide behind
 * a round trip). In a heap run (see `heapMode`), also how far the JS heap the run holds grew above its size at the
 * start: at its highest (sampled every 10 ms, whenever the node lets the event loop turn, each time after a full GC,
 * so garbage does not count) and once the run is over with its output held. Heap runs are separate because forced
 * full GCs change the CPU and time of what follows them.
 *
 * - In a real n8n: preload it (`NODE_OPTIONS=--require <this file>` with `BENCH_PROBE_DIR` set). It patches n8n-core
 *   when n8n loads it and, at exit, writes the records and the process's peak RSS to
 *   `$BENCH_PROBE_DIR/probe-<pid>.json`. Processes that never run a node (n8n's task runner) write nothing.
 * - In-process: `require('./n8n-probe').probe(require('n8n-core'))` patches the n8n-core already loaded and returns
 *   the list the records are pushed to.
 */
'use strict';

const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');

const runs = [];

// ── HTTP requests in flight, and the CPU spent while none was ──
const http = require('node:http');
const https = require('node:https');
let inFlight = 0;
/** CPU (µs) spent with nothing in flight, since `idleSince` was set; reset per node run. */
let idleCpuUs = 0;
let idleSince = process.cpuUsage();
const cpuUs = (usage) => usage.user + usage.system;
function trackRequests(module) {
	const original = module.request;
	module.request = function (...args) {
		const request = original.apply(this, args);
		if (inFlight++ === 0) idleCpuUs += cpuUs(process.cpuUsage(idleSince));
		request.once('close', () => {
			if (--inFlight === 0) idleSince = process.cpuUsage();
		});
		return request;
	};
}

// ── Garbage collection: the main thread's pauses, by kind, while a node runs ──
const { PerformanceObserver, performance, constants: perf } = require('node:perf_hooks');
const GC_KINDS = {
	[perf.NODE_PERFORMANCE_GC_MINOR]: 'minor',
	[perf.NODE_PERFORMANCE_GC_MAJOR]: 'major',
	[perf.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
	[perf.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
};
/** The pauses of the node run in progress: { kind: { count, ms } }; undefined between runs. */
let gcPauses;
/** When the run in progress started (`performance.now()`): the probe's own full GC before it is not counted. */
let gcSince = 0;
new PerformanceObserver((list) => {
	if (!gcPauses) return;
	for (const entry of list.getEntries()) {
		if (entry.startTime < gcSince) continue;
		const kind = GC_KINDS[entry.detail?.kind ?? entry.kind] ?? 'other';
		const pauses = (gcPauses[kind] ??= { count: 0, ms: 0 });
		pauses.count++;
		pauses.ms += entry.duration;
	}
}).observe({ entryTypes: ['gc'] });

// ── The JS heap: measured in heap runs only, with a full GC (available to the probe only) ──
/**
 * Whether this is a heap run: in a real n8n, a file named `heap` in `$BENCH_PROBE_DIR` (the bench writes it before
 * the `n8n execute` it wants heap figures from); in-process, `setHeapRuns(true)`.
 */
let heapRuns = false;
function heapMode() {
	return heapRuns || (dir !== undefined && existsSync(join(dir, 'heap')));
}
/** In-process: whether the next runs measure the heap (and force full GCs to do so). */
function setHeapRuns(on) {
	heapRuns = on;
}

let collect;
function fullGc() {
	if (!collect) {
		require('node:v8').setFlagsFromString('--expose-gc');
		collect = require('node:vm').runInNewContext('gc');
	}
	collect();
}

/** Patches `exports.WorkflowExecute` (n8n-core's exports) once; returns the record list, or undefined if absent. */
function probe(exports) {
	const proto = exports && exports.WorkflowExecute && exports.WorkflowExecute.prototype;
	if (!proto || typeof proto.runNode !== 'function') return undefined;
	if (proto.runNode.__benchProbe) return runs;
	const original = proto.runNode;
	const wrapped = async function (workflow, executionData, ...rest) {
		const name = executionData && executionData.node ? executionData.node.name : '?';
		const profiler =
			name === process.env.BENCH_PROFILE_NODE
				? startProfile()
				: name === process.env.BENCH_HEAP_PROFILE_NODE
					? startHeapProfile()
					: undefined;
		// Heap runs only: a forced full GC changes what follows it (it shrinks the young generation and resets what
		// the JIT learned), which made a warm node's measured CPU twice what it is when nothing forces one.
		const heap = heapMode();
		if (heap) fullGc();
		const heapStart = heap ? process.memoryUsage().heapUsed : 0;
		let peakHeap = heapStart;
		idleCpuUs = 0;
		idleSince = process.cpuUsage();
		const cpu = process.cpuUsage();
		const started = process.hrtime.bigint();
		const rssStart = process.memoryUsage.rss();
		gcPauses = {};
		gcSince = performance.now();
		let peakRss = rssStart;
		const sampler = setInterval(() => {
			peakRss = Math.max(peakRss, process.memoryUsage.rss());
			if (heap) {
				// What the run holds at this point, its garbage collected first.
				fullGc();
				peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
			}
		}, 10);
		try {
			return await original.call(this, workflow, executionData, ...rest);
		} finally {
			clearInterval(sampler);
			const used = process.cpuUsage(cpu);
			if (profiler) profiler.stop(name);
			peakRss = Math.max(peakRss, process.memoryUsage.rss());
			if (inFlight === 0) idleCpuUs += cpuUs(process.cpuUsage(idleSince));
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			// GC entries are delivered after the pause, in a later turn: wait for the run's last ones.
			await new Promise((resolve) => setTimeout(resolve, 5));
			const gc = gcPauses;
			gcPauses = undefined;
			const record = {
				node: name,
				wallMs,
				cpuMs: (used.user + used.system) / 1000,
				rssStartBytes: rssStart,
				peakRssBytes: peakRss,
				notOverlappedCpuMs: idleCpuUs / 1000,
				gcPauses: gc,
			};
			if (heap) {
				// What the run leaves behind while its output is still held (after the times above were taken).
				fullGc();
				record.heapStartBytes = heapStart;
				record.heapRetainedBytes = process.memoryUsage().heapUsed - heapStart;
				record.heapPeakBytes = Math.max(peakHeap, heapStart + record.heapRetainedBytes) - heapStart;
			}
			runs.push(record);
		}
	};
	wrapped.__benchProbe = true;
	proto.runNode = wrapped;
	trackRequests(http);
	trackRequests(https);
	return runs;
}

/**
 * An inspector profiler over one node's run: `start` lists the calls that start it, `stop` the call whose answer
 * holds the profile, written to `$BENCH_PROFILE_DIR/<node>-<pid>.<extension>`. The in-process inspector answers
 * synchronously: the profile is written before `stop` returns.
 */
function startProfiler(start, stop, extension) {
	const session = new (require('node:inspector').Session)();
	session.connect();
	for (const [method, params] of start) session.post(method, params);
	return {
		stop(name) {
			session.post(stop, (error, result) => {
				if (!error) {
					const file = `${name.replace(/\W+/g, '-')}-${process.pid}.${extension}`;
					writeFileSync(join(process.env.BENCH_PROFILE_DIR || '.', file), JSON.stringify(result.profile));
				}
				session.disconnect();
			});
		},
	};
}

/**
 * A CPU profile of one node's run (`BENCH_PROFILE_NODE=<node name>`), a `.cpuprofile` (open it in Chrome DevTools).
 * For finding where the time goes.
 */
function startProfile() {
	return startProfiler(
		[['Profiler.enable'], ['Profiler.setSamplingInterval', { interval: 500 }], ['Profiler.start']],
		'Profiler.stop',
		'cpuprofile',
	);
}

/**
 * An allocation profile of one node's run (`BENCH_HEAP_PROFILE_NODE=<node name>`), a `.heapprofile`: every
 * allocation sampled, also those already collected. For finding what makes garbage.
 */
function startHeapProfile() {
	const sampling = {
		samplingInterval: 4096,
		includeObjectsCollectedByMajorGC: true,
		includeObjectsCollectedByMinorGC: true,
	};
	return startProfiler(
		[['HeapProfiler.enable'], ['HeapProfiler.startSampling', sampling]],
		'HeapProfiler.stopSampling',
		'heapprofile',
	);
}

const dir = process.env.BENCH_PROBE_DIR;
if (dir && require.main !== module) {
	// Only look at the modules that define WorkflowExecute: reading an absent export of a module that is still
	// loading (a circular require) makes Node print a warning.
	const defines = /(^n8n-core$|[\\/]workflow-execute(\.js)?$)/;
	const load = Module._load;
	let patched = false;
	Module._load = function (request, ...rest) {
		const exports = load.call(this, request, ...rest);
		if (!patched && typeof request === 'string' && defines.test(request))
			patched = probe(exports) !== undefined;
		return exports;
	};
	process.once('exit', () => {
		if (!runs.length) return;
		writeFileSync(
			join(dir, `probe-${process.pid}.json`),
			JSON.stringify({ pid: process.pid, maxRssBytes: process.resourceUsage().maxRSS * 1024, runs }),
		);
	});
}

module.exports = { probe, setHeapRuns };
