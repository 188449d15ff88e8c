/**
 * One of our nodes run in-process for the benchmarks: test/harness (n8n-core's WorkflowExecute) running the built
 * package (`dist/`, what is published: the phone library bundled as `npm run build` ships it), with
 * scripts/bench/n8n-probe.js wrapped around n8n-core's runNode, so every run reports the node's own wall time, CPU
 * and memory, as in a real n8n.
 *
 *   const bench = benchHarness({ nodeFile: 'nodes/Taalk/Taalk.node.js',
 *                                credentialFile: 'credentials/TaalkApi.credentials.js', credentials: [...],
 *                                type: 'taalk', node: 'Taalk', use: { taalkApi: { id, name } } });
 *   const { result, run } = await bench.run(parameters, items);   // run: the probe's record of the node
 *   bench.close();
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ICredentialType,
	IDataObject,
	INodeCredentials,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { NPM, REPO_ROOT } from '../../test/e2e/n8n';
import { Harness } from '../../test/harness';
import type { HarnessOptions, NodeRunResult } from '../../test/harness';
import type { ProbeRun } from './common';

let built = false;

/**
 * The class a file of the built package exports, `dist/<file>` (a node or a credential file exports one). The first
 * call in a process runs `npm run build` (a few seconds), so the numbers are those of the current source as it is
 * published.
 */
function builtClass<T>(file: string): new () => T {
	if (!built) {
		execFileSync(NPM, ['run', 'build'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		built = true;
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(join(REPO_ROOT, 'dist', file)) as Record<string, unknown>;
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`dist/${file} exports ${classes.length} classes, expected 1`);
	return classes[0] as new () => T;
}

export interface BenchHarness {
	/** Runs the node once on `items`; fails on a node error or when an input item has no output item. */
	run(parameters: INodeParameters, items: IDataObject[]): Promise<{ result: NodeRunResult; run: ProbeRun }>;
	/** Stops n8n-core's timers, so the process can exit. */
	close(): void;
}

export function benchHarness(
	options: Omit<HarnessOptions, 'nodeTypes' | 'credentialTypes'> & {
		/** The node's file in the built package, e.g. `nodes/Taalk/Taalk.node.js`. */
		nodeFile: string;
		/** Its credential's file, e.g. `credentials/TaalkApi.credentials.js`. */
		credentialFile: string;
		/** The node type, as the harness registers it ('taalk'). */
		type: string;
		/** The node's default name ('Taalk'): what the probe records. */
		node: string;
		/** The credentials the node uses. */
		use: INodeCredentials;
	},
): BenchHarness {
	const runs = probeInProcess();
	const harness = new Harness({
		...options,
		nodeTypes: [builtClass<INodeType>(options.nodeFile)],
		credentialTypes: [builtClass<ICredentialType>(options.credentialFile)],
	});
	return {
		run: async (parameters, items) => {
			const from = runs.length;
			const result = await harness.runNode({
				type: options.type,
				parameters,
				credentials: options.use,
				items,
			});
			if (result.error) throw result.error;
			if (result.items.length !== items.length) {
				throw new Error(`${result.items.length} output items for ${items.length} input items`);
			}
			const run = runs.slice(from).find((r) => r.node === options.node);
			if (!run) throw new Error(`no probe record for node "${options.node}"`);
			return { result, run };
		},
		close: () => Container.get(SSHClientsManager).onShutdown(),
	};
}

/** Patches the n8n-core this process loaded (the harness's) with the probe; returns the list runs are pushed to. */
function probeInProcess(): ProbeRun[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { probe } = require('./n8n-probe.js') as { probe: (exports: unknown) => ProbeRun[] | undefined };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runs = probe(require('n8n-core'));
	if (!runs) throw new Error('n8n-core has no WorkflowExecute to probe');
	return runs;
}
