/**
 * A real n8n for the benchmarks: the pinned n8n (test/e2e/n8n.ts's driver) with our packed package installed as a
 * community package and scripts/bench/n8n-probe.js preloaded, so each `n8n execute` reports what each node cost.
 *
 *   const n8n = await BenchN8n.start();
 *   await n8n.importCredentials([...]);  await n8n.importWorkflows([chainWorkflow(...)]);
 *   const runs = await n8n.execute('benchWorkflowId', ['Taalk']);   // probe records of the named nodes
 *   const all = await n8n.executeBatch(['wf1', 'wf2']);               // several workflows, one n8n process
 *   await n8n.dispose();
 *
 * Set BENCH_PROFILE_NODE=<node name> and BENCH_PROFILE_DIR=<dir> to also get a CPU profile of that node's runs.
 * BENCH_HEAP_PROFILE_NODE=<node name> instead gives an allocation profile (what made garbage).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ensureN8nInstalled, N8n, N8N_VERSION, packPackage } from '../../test/e2e/n8n';
import type { CredentialImport, ExecuteResult, WorkflowImport } from '../../test/e2e/n8n';
import type { ProbeRun } from './common';

export const REAL_N8N = `real n8n ${N8N_VERSION}`;

const PROBE = join(__dirname, 'n8n-probe.js');

export class BenchN8n {
	private constructor(
		private readonly n8n: N8n,
		private readonly probeDir: string,
	) {}

	static async start(): Promise<BenchN8n> {
		const n8nDir = await ensureN8nInstalled({ echo: true });
		const tarball = await packPackage();
		const probeDir = mkdtempSync(join(tmpdir(), 'voice-campaigns-bench-probe-'));
		const n8n = await N8n.create({
			n8nDir,
			env: {
				NODE_OPTIONS: `--require ${PROBE}`,
				BENCH_PROBE_DIR: probeDir,
				BENCH_PROFILE_NODE: process.env.BENCH_PROFILE_NODE,
				BENCH_HEAP_PROFILE_NODE: process.env.BENCH_HEAP_PROFILE_NODE,
				BENCH_PROFILE_DIR: process.env.BENCH_PROFILE_DIR,
			},
			timeoutMs: 8 * 60_000,
		});
		try {
			await n8n.installPackage(tarball);
		} catch (error) {
			await n8n.dispose();
			throw error;
		}
		return new BenchN8n(n8n, probeDir);
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		await this.n8n.importCredentials(credentials);
	}

	async importWorkflows(workflows: WorkflowImport[]): Promise<void> {
		await this.n8n.importWorkflow(workflows);
	}

	/**
	 * `n8n execute --id=<id>` (a fresh n8n process each time); throws unless the execution succeeded. Returns the
	 * probe's records of the `measured` nodes, in the order they ran, with n8n's own duration and output (`outputs`
	 * is empty in the rare case the execution JSON could not be read back). `heap`: also the heap figures, which
	 * cost the run's CPU figures their accuracy (take those from other runs).
	 */
	async execute(
		workflowId: string,
		measured: string[],
		options: { heap?: boolean } = {},
	): Promise<{ runs: ProbeRun[]; all: ProbeRun[]; result: ExecuteResult }> {
		rmSync(this.probeDir, { recursive: true, force: true });
		mkdirSync(this.probeDir);
		// A heap run: the probe forces full GCs around each node to measure its heap (scripts/bench/n8n-probe.js).
		if (options.heap) writeFileSync(join(this.probeDir, 'heap'), '');
		const result = await this.n8n.execute(workflowId);
		// Exit code 0 is success. Rarely, the execution JSON (megabytes for 10,000 items) does not parse back from
		// n8n's output; the probe has what is measured, so only the node outputs are then missing.
		const unparsed = result.exitCode === 0 && !result.run;
		if (result.exitCode !== 0 || (result.error && !unparsed)) {
			const tail = (result.stdout + result.stderr).trimEnd().split('\n').slice(-20).join('\n');
			throw new Error(`n8n execute failed (exit ${result.exitCode}): ${result.error ?? ''}\n${tail}`);
		}
		const all = this.readProbe();
		const runs = all.filter((run) => measured.includes(run.node));
		const missing = measured.filter((node) => !runs.some((run) => run.node === node));
		if (missing.length) throw new Error(`the probe has no record of ${missing.join(', ')}`);
		return { runs, all, result };
	}

	/**
	 * `n8n execute-batch --ids=<ids>`: the workflows one after another in ONE n8n process, as a long-running n8n
	 * runs them (its code loaded and optimised by the earlier ones). Throws when the command fails or a workflow's
	 * execution failed. Returns the probe's records of all node runs (name the measured nodes uniquely per workflow).
	 */
	async executeBatch(ids: string[]): Promise<ProbeRun[]> {
		rmSync(this.probeDir, { recursive: true, force: true });
		mkdirSync(this.probeDir);
		const result = await this.n8n.cli(['execute-batch', `--ids=${ids.join(',')}`, '--shortOutput'], {
			timeoutMs: 10 * 60_000,
		});
		const failed = /"failedExecutions":\s*([1-9]\d*)|"warningExecutions":\s*([1-9]\d*)/.exec(result.stdout);
		if (result.code !== 0 || failed) {
			const tail = (result.stdout + result.stderr).trimEnd().split('\n').slice(-30).join('\n');
			throw new Error(`n8n execute-batch failed (exit ${result.code}):\n${tail}`);
		}
		return this.readProbe();
	}

	async dispose(): Promise<void> {
		await this.n8n.dispose();
		rmSync(this.probeDir, { recursive: true, force: true });
	}

	/** The records the n8n process of the last execution wrote (the probe folder is emptied before each run). */
	private readProbe(): ProbeRun[] {
		for (const file of readdirSync(this.probeDir).filter((name) => name.startsWith('probe-'))) {
			const { runs } = JSON.parse(readFileSync(join(this.probeDir, file), 'utf8')) as { runs: ProbeRun[] };
			if (runs.length) return runs;
		}
		throw new Error('the n8n process wrote no probe: was scripts/bench/n8n-probe.js preloaded?');
	}
}

/** A workflow node for `chainWorkflow`. */
export function workflowNode(
	name: string,
	type: string,
	typeVersion: number,
	parameters: IDataObject,
	extra: IDataObject = {},
): IDataObject & { name: string } {
	return {
		id: `bench-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	};
}

/** The node of `chainWorkflow` that makes the input items. */
export const INPUT_ITEMS_NODE = 'One item per input';

/**
 * The heap the input items take: how much more the heap held (after a full GC) when `node` started than when the
 * node that made its input items started. Undefined without both records.
 */
export function inputItemsBytes(all: ProbeRun[], node: string): number | undefined {
	const before = all.find((run) => run.node === INPUT_ITEMS_NODE)?.heapStartBytes;
	const after = all.find((run) => run.node === node)?.heapStartBytes;
	return before === undefined || after === undefined ? undefined : after - before;
}

/**
 * Manual Trigger → "Input" (Set: `{ input: items }`) → "One item per input" (Split Out) → `nodes`, each feeding the
 * next: the input items reach the measured nodes as separate items, as from a CRM trigger.
 */
export function chainWorkflow(
	id: string,
	name: string,
	items: IDataObject[],
	nodes: Array<IDataObject & { name: string }>,
): WorkflowImport {
	const chain = [
		workflowNode("When clicking 'Execute workflow'", 'n8n-nodes-base.manualTrigger', 1, {}),
		workflowNode('Input', 'n8n-nodes-base.set', 3.4, {
			mode: 'raw',
			jsonOutput: JSON.stringify({ input: items }),
			options: {},
		}),
		workflowNode(INPUT_ITEMS_NODE, 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'input',
			options: {},
		}),
		...nodes,
	];
	const connections: IDataObject = {};
	for (let i = 0; i + 1 < chain.length; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	if (id.length > 21) throw new Error(`workflow id "${id}" is longer than n8n's 21 characters`);
	return { id, name, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

/** Sums the probe records of one execution: wall, CPU, the highest RSS. */
export function totals(runs: ProbeRun[]): { wallMs: number; cpuMs: number; peakRssBytes: number } {
	return {
		wallMs: runs.reduce((sum, run) => sum + run.wallMs, 0),
		cpuMs: runs.reduce((sum, run) => sum + run.cpuMs, 0),
		peakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)),
	};
}
