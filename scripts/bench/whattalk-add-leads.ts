/**
 * Benchmark (not a test): WhatTalk "Lead → Add" for N leads, in-process through the n8n-core harness, against the
 * WhatTalk sandbox (in its own process) with a fixed latency per request. WhatTalk has no bulk endpoint, so the floor is
 *
 *   bound = N × latency / concurrency        (every request waits `latency`; `concurrency` are in flight at once)
 *
 * and the target is a wall time within 1.25 × bound (checked where there is latency to wait for). Wall time and CPU
 * are the WhatTalk node's own run (scripts/bench/n8n-probe.js around n8n-core's runNode).
 *
 * With latency, two reference rows follow each in-process run, at the same concurrency against the same sandbox: the
 * same requests sent with axios alone, (1) over a new connection each (what n8n's request helper does: it gives
 * every request an agent of its own) and (2) over a pool of kept-alive connections. (1) is the floor for any node
 * that sends through n8n's helpers; (2) shows what the connections cost.
 *
 *   ts-node --transpile-only scripts/bench/whattalk-add-leads.ts [--leads 1000] [--latency 0,50] [--concurrency 5,10]
 *                                                                [--json] [--strict] (exit 1 when a run misses)
 */
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';

import axios from 'axios';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PACKAGE_NAME } from '../../test/e2e/n8n';
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

export const WHATTALK_TARGET_RATIO = 1.25;
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
		if (ratio !== undefined && variant === undefined) {
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

export async function runWhatTalk(options: Options): Promise<PartResult> {
	const sandbox = await RemoteSandbox.start('whattalk', { secret: API_KEY, latencyMs: 0 });
	const result: PartResult = { measurements: [], targets: [] };
	const record = recorder(options, sandbox, result);
	const source = new LeadSource(options.leads);
	try {
		await sandbox.call('addAssistant');
		await inProcess(options, sandbox, record, source);
		if (options.n8nLatencies.length) await realN8n(options, sandbox, record, source);
	} finally {
		await sandbox.close();
	}
	return result;
}

async function main(): Promise<void> {
	const { values, switches } = parseFlags(process.argv.slice(2), {
		values: ['leads', 'latency', 'concurrency', 'n8n-latency'],
		switches: ['json', 'strict'],
	});
	const concurrency = intList(values.concurrency ?? '5,10', 'concurrency', 1);
	if (concurrency.some((c) => c > 10)) throw new Error('--concurrency takes 1..10');
	const result = await runWhatTalk({
		leads: positiveInt(values.leads ?? '1000', 'leads'),
		latencies: intList(values.latency ?? '0,50', 'latency'),
		concurrency,
		n8nLatencies:
			values['n8n-latency'] === 'none' ? [] : intList(values['n8n-latency'] ?? '50', 'n8n-latency'),
	});
	if (switches.has('json')) emitResult(result);
	else console.log(`${measurementsTable(result.measurements)}\n\n${targetsTable(result.targets)}`);
	if (switches.has('strict') && result.targets.some((t) => !t.pass)) process.exitCode = 1;
}

if (require.main === module) runMain(main);
