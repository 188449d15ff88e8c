/**
 * Benchmark (not a test): WhatTalk "Lead → Add" for N leads, in-process through the n8n-core harness, against the
 * WhatTalk sandbox (in its own process) with a fixed latency per request. WhatTalk has no bulk endpoint, so the floor is
 *
 *   bound = N × latency / concurrency        (every request waits `latency`; `concurrency` are in flight at once)
 *
 * and the target is a wall time within 1.25 × bound in the real n8n at the node's default 5 concurrent requests (the
 * other rows print their ratio for comparison). Wall time and CPU
 * are the WhatTalk node's own run (scripts/bench/n8n-probe.js around n8n-core's runNode).
 *
 * With latency, two reference rows follow each in-process run, at the same concurrency against the same sandbox: the
 * same requests sent with axios alone, (1) over a new connection each (what n8n's request helper does: it gives
 * every request an agent of its own) and (2) over a pool of kept-alive connections. (1) is the floor for any node
 * that sends through n8n's helpers; (2) shows what the connections cost.
 *
 * Rate limit: the same N leads against a sandbox that allows R requests a second (a token bucket holding one second's
 * worth; beyond it 429 "Too Many Attempts." with Retry-After: 1), no latency. The floor is then N / R, and the target a
 * wall time within 1.3 × N / R, every lead added once. These rows run the node from source (its wall time is set by the
 * limit, not by its CPU) against a sandbox in this process, so they need no build: `--latency none --n8n-latency none`
 * runs them alone.
 *
 *   ts-node --transpile-only scripts/bench/whattalk-add-leads.ts [--leads 1000] [--latency 0,50|none] [--concurrency 5,10]
 *                                   [--n8n-latency 50|none] [--rate-limit 50|none] [--json] [--strict] (exit 1 on a miss)
 */
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';

import axios from 'axios';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { WhatTalkApi } from '../../credentials/WhatTalkApi.credentials';
import { PACKAGE_NAME } from '../../test/e2e/n8n';
import { Harness } from '../../test/harness';
import { startWhatTalkSandbox } from '../../test/sandbox/whattalk';
import {
	emitResult,
	IN_PROCESS,
	formatInt,
	formatMs,
	intList,
	MB,
	measurementsTable,
	parseFlags,
	positiveInt,
	runMain,
	targetsTable,
} from './common';
import type { PartResult, ProbeRun } from './common';
import { BenchN8n, chainWorkflow, REAL_N8N, workflowNode } from './real-n8n';
import { benchHarness } from './in-process';
import { RemoteSandbox } from './remote-sandbox';
import type { RequestStats } from './remote-sandbox';

// The node from source. Node's resolver (ts-node runs these scripts) takes `WhatTalk.node` for the codex file
// WhatTalk.node.json, so the source file is named with its extension.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WhatTalk } =
	require('../../nodes/WhatTalk/WhatTalk.node.ts') as typeof import('../../nodes/WhatTalk/WhatTalk.node');

export const WHATTALK_TARGET_RATIO = 1.25;
/**
 * The target's concurrency: the node's default (Concurrent Requests 5), in the real n8n. Other concurrencies, and
 * the in-process runs, print their ratio to the bound for comparison.
 */
const TARGET_CONCURRENCY = 5;
/** Under a rate limit of R requests a second: wall ≤ this × N / R. */
export const RATE_LIMIT_TARGET_RATIO = 1.3;
const API_KEY = 'bench-whattalk-key';

function addParameters(campaignId: number, concurrency: number): INodeParameters {
	return {
		resource: 'lead',
		operation: 'add',
		campaignId: { __rl: true, mode: 'id', value: String(campaignId) },
		phone: '={{ $json.phone }}',
		variables: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
		options: { concurrency },
	};
}

function leads(count: number, offset: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		name: `Lead ${offset + i}`,
		// Valid US numbers: 415-555-0000 … 415-559-9999 give 50,000 distinct leads.
		phone: `+1415${String(5550000 + offset + i).padStart(7, '0')}`,
	}));
}

interface Options {
	leads: number;
	latencies: number[];
	concurrency: number[];
	/** Latencies to run in a real n8n too (none: skip). */
	n8nLatencies: number[];
	/** Rate limits (requests a second) to run against (none or omitted: skip). */
	rateLimits?: number[];
}

/** One finished run, whichever n8n ran it: checks it, adds its row and (with latency) its target. */
type RecordRun = (run: {
	where: string;
	/** A reference run (not the node): its label; it gets a row but no target. */
	variant?: string;
	latencyMs: number;
	concurrency: number;
	input: IDataObject[];
	output: Array<{ json: { [key: string]: unknown } }>;
	campaignId: number;
	since: number;
	probe: ProbeRun;
}) => Promise<void>;

function recorder(options: Options, sandbox: RemoteSandbox, result: PartResult): RecordRun {
	const benchmark = `WhatTalk add ${formatInt(options.leads)} leads`;
	return async ({ where, variant, latencyMs, concurrency, input, output, campaignId, since, probe }) => {
		// Without the output (see BenchN8n.execute) only what the sandbox stored is checked.
		const seen = output.length > 0;
		const added = seen ? output.filter((item) => item.json.outcome === 'added').length : options.leads;
		const inOrder = output.every((item, i) => item.json.phone_number === input[i].phone);
		const stats = await sandbox.call<RequestStats>('stats', { since, path: '^/api/user/lead$' });
		const stored = await sandbox.call<number>('leadsCount', campaignId);
		const ok = added === options.leads && stored === options.leads && inOrder;
		const boundMs = (options.leads * latencyMs) / concurrency;
		const ratio = boundMs > 0 ? probe.wallMs / boundMs : undefined;
		// What each request cost on top of the sandbox's own answer time (its latency + its work).
		const overheadMs = (probe.wallMs * concurrency) / options.leads - stats.answerMs;
		result.measurements.push({
			benchmark,
			variant: variant ?? `WhatTalk node, ${concurrency} concurrent requests`,
			where,
			latencyMs,
			requests: stats.requests,
			wallMs: probe.wallMs,
			cpuUsPerItem: (probe.cpuMs * 1000) / options.leads,
			peakRssMb: probe.peakRssBytes / MB,
			note: [
				ratio === undefined
					? `bound 0 (no latency)`
					: `bound ${formatMs(boundMs)} (${formatInt(options.leads)} × ${latencyMs} ms / ${concurrency}), ratio ${ratio.toFixed(3)}`,
				`+${overheadMs.toFixed(1)} ms/request over the sandbox's answer`,
				!ok
					? `added ${added}, stored ${stored}, order ${inOrder}`
					: seen
						? `added ${formatInt(added)}, in order`
						: `stored ${formatInt(stored)} (output not read back)`,
			].join('; '),
		});
		if (
			ratio !== undefined &&
			variant === undefined &&
			where === REAL_N8N &&
			concurrency === TARGET_CONCURRENCY
		) {
			result.targets.push({
				target: `WhatTalk @ ${latencyMs} ms, concurrency ${concurrency} (${where}): wall ≤ ${WHATTALK_TARGET_RATIO}× bound`,
				measured: `${formatMs(probe.wallMs)} / ${formatMs(boundMs)} = ${ratio.toFixed(3)}×`,
				pass: ok && ratio <= WHATTALK_TARGET_RATIO,
			});
		}
		console.error(
			`  ${variant ?? 'WhatTalk'} (${where}) @ ${latencyMs} ms, concurrency ${concurrency}: ${formatMs(probe.wallMs)}${
				ratio === undefined ? '' : ` (ratio ${ratio.toFixed(3)})`
			}, load ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`,
		);
	};
}

/** Distinct leads for every run: each run adds its leads to a fresh campaign. */
class LeadSource {
	private offset = 0;

	constructor(private readonly count: number) {}

	next(): IDataObject[] {
		const batch = leads(this.count, this.offset);
		this.offset += this.count;
		return batch;
	}
}

async function inProcess(options: Options, sandbox: RemoteSandbox, record: RecordRun, source: LeadSource) {
	const bench = benchHarness({
		nodeFile: 'nodes/WhatTalk/WhatTalk.node.js',
		credentialFile: 'credentials/WhatTalkApi.credentials.js',
		credentials: [
			{
				id: 'wt',
				name: 'WhatTalk bench',
				type: 'whatTalkApi',
				data: { apiKey: API_KEY, baseUrl: sandbox.baseUrl },
			},
		],
		type: 'whatTalk',
		node: 'WhatTalk',
		use: { whatTalkApi: { id: 'wt', name: 'WhatTalk bench' } },
	});
	const add = (campaignId: number, items: IDataObject[], concurrency: number) =>
		bench.run(addParameters(campaignId, concurrency), items);
	try {
		// Warm-up (300 leads): loads n8n-core's lazy services and lets the JIT settle, as in a long-running n8n.
		await add(await sandbox.call<number>('addCampaign'), leads(300, 40_000), 10);
		for (const latencyMs of options.latencies) {
			await sandbox.call('setLatency', latencyMs);
			for (const concurrency of options.concurrency) {
				const campaignId = await sandbox.call<number>('addCampaign');
				const input = source.next();
				const since = await sandbox.call<number>('mark');
				const { result, run } = await add(campaignId, input, concurrency);
				await record({
					where: IN_PROCESS,
					latencyMs,
					concurrency,
					input,
					output: result.items,
					campaignId,
					since,
					probe: run,
				});
				if (latencyMs > 0) {
					for (const keepAlive of [false, true]) {
						await reference(sandbox, record, source, { latencyMs, concurrency, keepAlive });
					}
				}
			}
		}
	} finally {
		bench.close();
	}
}

/**
 * The same requests without n8n or the node: axios (what n8n's helpers run on) with `concurrency` requests in flight,
 * the body the node sends for each lead, each lead checked and its request timed like a node run.
 */
async function reference(
	sandbox: RemoteSandbox,
	record: RecordRun,
	source: LeadSource,
	{ latencyMs, concurrency, keepAlive }: { latencyMs: number; concurrency: number; keepAlive: boolean },
) {
	const campaignId = await sandbox.call<number>('addCampaign');
	const input = source.next();
	const pool = keepAlive ? new Agent({ keepAlive: true }) : undefined;
	const output: Array<{ json: { [key: string]: unknown } }> = new Array(input.length);
	const since = await sandbox.call<number>('mark');
	const started = performance.now();
	const cpu = process.cpuUsage();
	const rssStartBytes = process.memoryUsage().rss;
	let next = 0;
	const worker = async () => {
		while (next < input.length) {
			const index = next++;
			const lead = input[index];
			await axios.post(
				`${sandbox.baseUrl}/user/lead`,
				{
					phone_number: lead.phone,
					campaign_id: campaignId,
					allow_dupplicate: false,
					variables: { customer_name: lead.name },
				},
				{
					headers: { Authorization: `Bearer ${API_KEY}` },
					httpAgent: pool ?? new Agent(),
				},
			);
			// axios throws on an error status: an answered request is an added lead.
			output[index] = { json: { outcome: 'added', phone_number: lead.phone } };
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const used = process.cpuUsage(cpu);
	pool?.destroy();
	await record({
		where: 'same process, without n8n',
		variant: keepAlive
			? `reference: axios alone, kept-alive connections, ${concurrency} concurrent`
			: `reference: axios alone, a new connection per request (as n8n's helper), ${concurrency} concurrent`,
		latencyMs,
		concurrency,
		input,
		output,
		campaignId,
		since,
		probe: {
			node: 'axios',
			wallMs: performance.now() - started,
			cpuMs: (used.user + used.system) / 1000,
			rssStartBytes,
			peakRssBytes: process.memoryUsage().rss,
		},
	});
}

async function realN8n(options: Options, sandbox: RemoteSandbox, record: RecordRun, source: LeadSource) {
	const n8n = await BenchN8n.start();
	const credentials = { whatTalkApi: { id: 'benchWhatTalkApi01', name: 'WhatTalk bench' } };
	try {
		await n8n.importCredentials([
			{
				...credentials.whatTalkApi,
				type: 'whatTalkApi',
				data: { apiKey: API_KEY, baseUrl: sandbox.baseUrl },
			},
		]);
		const runs: Array<{
			id: string;
			latencyMs: number;
			concurrency: number;
			campaignId: number;
			input: IDataObject[];
		}> = [];
		for (const latencyMs of options.n8nLatencies) {
			for (const concurrency of options.concurrency) {
				const campaignId = await sandbox.call<number>('addCampaign');
				runs.push({
					id: `benchWhatTalk${latencyMs}x${concurrency}`,
					latencyMs,
					concurrency,
					campaignId,
					input: source.next(),
				});
			}
		}
		await n8n.importWorkflows(
			runs.map((run) =>
				chainWorkflow(run.id, `Bench: WhatTalk add, ${run.concurrency} concurrent`, run.input, [
					workflowNode(
						'WhatTalk',
						`${PACKAGE_NAME}.whatTalk`,
						1,
						addParameters(run.campaignId, run.concurrency),
						{
							credentials,
						},
					),
				]),
			),
		);
		for (const run of runs) {
			await sandbox.call('setLatency', run.latencyMs);
			const since = await sandbox.call<number>('mark');
			const { runs: probes, result } = await n8n.execute(run.id, ['WhatTalk']);
			await record({
				where: REAL_N8N,
				latencyMs: run.latencyMs,
				concurrency: run.concurrency,
				input: run.input,
				output: result.outputs.WhatTalk ?? [],
				campaignId: run.campaignId,
				since,
				probe: probes[0],
			});
		}
	} finally {
		await n8n.dispose();
	}
}

/**
 * N leads against a sandbox allowing `perSecond` requests a second: the node from source in n8n-core (test/harness),
 * the sandbox in this process. Wall time is the node run's, from start to its last output item.
 */
async function rateLimited(options: Options, result: PartResult, source: LeadSource): Promise<void> {
	const sandbox = await startWhatTalkSandbox({ apiKey: API_KEY, maxCampaigns: 1000 });
	const harness = new Harness({
		nodeTypes: [WhatTalk],
		credentialTypes: [WhatTalkApi],
		credentials: [
			{
				id: 'wt',
				name: 'WhatTalk bench',
				type: 'whatTalkApi',
				data: { apiKey: API_KEY, baseUrl: sandbox.baseUrl },
			},
		],
	});
	const credentials = { whatTalkApi: { id: 'wt', name: 'WhatTalk bench' } };
	const benchmark = `WhatTalk add ${formatInt(options.leads)} leads`;
	try {
		const assistantId = sandbox.addAssistant({ name: 'Bench caller' }).id;
		// Warm-up without a limit: loads n8n-core's lazy services and the node's code.
		const warmUp = sandbox.addCampaign({ assistant_id: assistantId }).id;
		await harness.runNode({
			type: 'whatTalk',
			parameters: addParameters(warmUp, 5),
			credentials,
			items: leads(100, 45_000),
		});
		for (const perSecond of options.rateLimits ?? []) {
			for (const concurrency of options.concurrency) {
				const campaignId = sandbox.addCampaign({ assistant_id: assistantId }).id;
				const input = source.next();
				sandbox.reset();
				sandbox.setRateLimit({ perSecond }); // a full bucket: one second's worth
				const cpu = process.cpuUsage();
				const started = performance.now();
				const run = await harness.runNode({
					type: 'whatTalk',
					parameters: addParameters(campaignId, concurrency),
					credentials,
					items: input,
				});
				const wallMs = performance.now() - started;
				const used = process.cpuUsage(cpu);
				sandbox.setRateLimit(undefined);

				const requests = sandbox.requests({ method: 'POST', path: '/api/user/lead' });
				const limited = requests.filter((r) => r.status === 429).length;
				const stored = sandbox.leadsOf(campaignId);
				const distinct = new Set(stored.map((lead) => lead.phone_number)).size;
				const added = run.items.filter((item) => item.json.outcome === 'added').length;
				const inOrder = run.items.every((item, i) => item.json.phone_number === input[i].phone);
				const ok =
					!run.error &&
					added === options.leads &&
					stored.length === options.leads &&
					distinct === options.leads &&
					inOrder;
				const boundMs = (options.leads / perSecond) * 1000;
				const ratio = wallMs / boundMs;
				result.measurements.push({
					benchmark,
					variant: `WhatTalk node, ${concurrency} concurrent requests, rate limit ${perSecond}/s`,
					where: `${IN_PROCESS}, node from source`,
					latencyMs: 0,
					requests: requests.length,
					wallMs,
					cpuUsPerItem: (used.user + used.system) / options.leads,
					note: [
						`bound N / R = ${formatMs(boundMs)} (${formatInt(options.leads)} / ${perSecond} per s), ratio ${ratio.toFixed(3)}`,
						`${formatInt(limited)}× 429`,
						ok
							? `added ${formatInt(added)}, stored once each, in order`
							: `error ${run.error?.message ?? 'none'}; added ${added}, stored ${stored.length} (${distinct} distinct), order ${inOrder}`,
					].join('; '),
				});
				result.targets.push({
					target: `WhatTalk @ rate limit ${perSecond}/s, concurrency ${concurrency}: all added once, wall ≤ ${RATE_LIMIT_TARGET_RATIO}× N / R`,
					measured: `${formatMs(wallMs)} / ${formatMs(boundMs)} = ${ratio.toFixed(3)}×, ${formatInt(limited)}× 429`,
					pass: ok && ratio <= RATE_LIMIT_TARGET_RATIO,
				});
				console.error(
					`  WhatTalk @ rate limit ${perSecond}/s, concurrency ${concurrency}: ${formatMs(wallMs)} (ratio ${ratio.toFixed(3)}), ${limited}× 429, ${ok ? 'ok' : 'NOT OK'}`,
				);
			}
		}
	} finally {
		await sandbox.close();
		Container.get(SSHClientsManager).onShutdown();
	}
}

export async function runWhatTalk(options: Options): Promise<PartResult> {
	const result: PartResult = { measurements: [], targets: [] };
	const source = new LeadSource(options.leads);
	if (options.latencies.length || options.n8nLatencies.length) {
		const sandbox = await RemoteSandbox.start('whattalk', { secret: API_KEY, latencyMs: 0 });
		const record = recorder(options, sandbox, result);
		try {
			await sandbox.call('addAssistant');
			if (options.latencies.length) await inProcess(options, sandbox, record, source);
			if (options.n8nLatencies.length) await realN8n(options, sandbox, record, source);
		} finally {
			await sandbox.close();
		}
	}
	if (options.rateLimits?.length) await rateLimited(options, result, source);
	return result;
}

async function main(): Promise<void> {
	const { values, switches } = parseFlags(process.argv.slice(2), {
		values: ['leads', 'latency', 'concurrency', 'n8n-latency', 'rate-limit'],
		switches: ['json', 'strict'],
	});
	const concurrency = intList(values.concurrency ?? '5,10', 'concurrency', 1);
	if (concurrency.some((c) => c > 10)) throw new Error('--concurrency takes 1..10');
	const result = await runWhatTalk({
		leads: positiveInt(values.leads ?? '1000', 'leads'),
		latencies: values.latency === 'none' ? [] : intList(values.latency ?? '0,50', 'latency'),
		concurrency,
		n8nLatencies:
			values['n8n-latency'] === 'none' ? [] : intList(values['n8n-latency'] ?? '50', 'n8n-latency'),
		rateLimits: values['rate-limit'] === 'none' ? [] : intList(values['rate-limit'] ?? '50', 'rate-limit', 1),
	});
	if (switches.has('json')) emitResult(result);
	else console.log(`${measurementsTable(result.measurements)}\n\n${targetsTable(result.targets)}`);
	if (switches.has('strict') && result.targets.some((t) => !t.pass)) process.exitCode = 1;
}

if (require.main === module) runMain(main);
