/**
 * Benchmark (not a test): WhatTalk "Lead → Add" for N leads, in-process through the n8n-core harness, against the
 * WhatTalk sandbox with a fixed latency per request. WhatTalk has no bulk endpoint, so the floor is
 *
 *   limit = N × latency / concurrency        (every request waits `latency`; `concurrency` are in flight at once)
 *
 * and the target is a wall time within 1.25 × limit. Prints one line per concurrency.
 *
 * The sandbox runs in a child process (as the real API is remote): its own CPU time is not charged to the node,
 * which would otherwise share one event loop with it.
 *
 *   ts-node --transpile-only scripts/bench/whattalk-add-leads.ts [--leads 1000] [--latency 50] [--concurrency 5,10]
 *                                                                [--strict]   (exit 1 when a run misses the target)
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type { IDataObject } from 'n8n-workflow';

import { WhatTalkApi } from '../../credentials/WhatTalkApi.credentials';
import { Harness } from '../../test/harness';
import { startWhatTalkSandbox } from '../../test/sandbox/whattalk';

// Node's resolver would pick the codex file WhatTalk.node.json before the .ts source: name the source exactly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WhatTalk } =
	require('../../nodes/WhatTalk/WhatTalk.node.ts') as typeof import('../../nodes/WhatTalk/WhatTalk.node');

const TARGET_RATIO = 1.25;

interface Args {
	leads: number;
	latency: number;
	concurrency: number[];
	strict: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { leads: 1000, latency: 50, concurrency: [5, 10], strict: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--leads') args.leads = Number(value());
		else if (flag === '--latency') args.latency = Number(value());
		else if (flag === '--concurrency') args.concurrency = value().split(',').map(Number);
		else if (flag === '--strict') args.strict = true;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	const bad = [args.leads, args.latency, ...args.concurrency].some((n) => !Number.isInteger(n) || n < 1);
	if (bad || args.concurrency.some((c) => c > 10)) {
		throw new Error('--leads, --latency and --concurrency (1..10) take positive integers');
	}
	return args;
}

function leads(count: number, offset: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		name: `Lead ${offset + i}`,
		// Valid US numbers: 415-555-0000 … 415-559-9999 give 50,000 distinct leads.
		phone: `+1415${String(5550000 + offset + i).padStart(7, '0')}`,
	}));
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const apiKey = 'bench-key';
	const sandbox = await RemoteSandbox.start(apiKey, args.latency);
	await sandbox.call('addAssistant');
	const harness = new Harness({
		nodeTypes: [WhatTalk],
		credentialTypes: [WhatTalkApi],
		credentials: [
			{ id: 'wt', name: 'WhatTalk bench', type: 'whatTalkApi', data: { apiKey, baseUrl: sandbox.baseUrl } },
		],
	});

	console.log(
		`WhatTalk Lead → Add: ${args.leads} leads, sandbox latency ${args.latency} ms per request, in-process (n8n-core ${
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			(require('n8n-core/package.json') as { version: string }).version
		})`,
	);
	let missed = 0;
	let offset = 0;
	try {
		// Warm-up (300 leads): loads n8n-core's lazy services and lets the JIT settle, as in a long-running n8n.
		await run(harness, await sandbox.call<number>('addCampaign'), leads(300, 40_000), 10);

		for (const concurrency of args.concurrency) {
			const campaignId = await sandbox.call<number>('addCampaign');
			const input = leads(args.leads, offset);
			offset += args.leads;
			await sandbox.call('reset');
			const load = loadavg()[0];
			const cpuBefore = process.cpuUsage();
			const started = process.hrtime.bigint();
			const result = await run(harness, campaignId, input, concurrency);
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			const cpu = process.cpuUsage(cpuBefore);
			const cpuPerLeadMs = (cpu.user + cpu.system) / 1000 / args.leads;

			const added = result.items.filter((item) => item.json.outcome === 'added').length;
			const inOrder = result.items.every((item, i) => item.json.phone_number === input[i].phone);
			const { stored, requests, answerMs } = await sandbox.call<{
				stored: number;
				requests: number;
				answerMs: number;
			}>('stats', campaignId);
			// What each request cost on top of the sandbox's own answer time (its latency + its work).
			const overheadMs = (wallMs * concurrency) / args.leads - answerMs;
			const limitMs = (args.leads * args.latency) / concurrency;
			const ratio = wallMs / limitMs;
			const ok = !result.error && added === args.leads && stored === args.leads && inOrder;
			const within = ratio <= TARGET_RATIO;
			if (!ok || !within) missed++;
			console.log(
				[
					`concurrency ${String(concurrency).padStart(2)}:`,
					`wall ${(wallMs / 1000).toFixed(2)} s`,
					`limit ${(limitMs / 1000).toFixed(2)} s (${args.leads} × ${args.latency} ms / ${concurrency})`,
					`ratio ${ratio.toFixed(3)} (target ≤ ${TARGET_RATIO})`,
					`${(args.leads / (wallMs / 1000)).toFixed(0)} leads/s`,
					`requests ${requests}`,
					`sandbox answer ${answerMs.toFixed(1)} ms avg`,
					`node overhead ${overheadMs.toFixed(1)} ms/request`,
					`node CPU ${cpuPerLeadMs.toFixed(2)} ms/lead`,
					`load ${load.toFixed(2)} on ${cpus().length} cores`,
					`added ${added}/${args.leads}, stored ${stored}, order ${inOrder ? 'kept' : 'BROKEN'}`,
					result.error ? `ERROR ${result.error.message}` : within ? 'OK' : 'OVER TARGET',
				].join('  '),
			);
		}
	} finally {
		await sandbox.close();
		Container.get(SSHClientsManager).onShutdown();
	}
	if (args.strict && missed > 0) process.exitCode = 1;
}

async function run(harness: Harness, campaignId: number, items: IDataObject[], concurrency: number) {
	return await harness.runNode({
		type: 'whatTalk',
		parameters: {
			resource: 'lead',
			operation: 'add',
			campaignId: { __rl: true, mode: 'id', value: String(campaignId) },
			phone: '={{ $json.phone }}',
			variables: { field: [{ name: 'customer_name', value: '={{ $json.name }}' }] },
			options: { concurrency },
		},
		credentials: { whatTalkApi: { id: 'wt', name: 'WhatTalk bench' } },
		items,
	});
}

/** The WhatTalk sandbox in a child process, driven over IPC. */
class RemoteSandbox {
	private nextId = 0;
	private readonly pending = new Map<number, (value: unknown) => void>();

	private constructor(
		private readonly child: ChildProcess,
		readonly baseUrl: string,
	) {}

	static async start(apiKey: string, latencyMs: number): Promise<RemoteSandbox> {
		const child = fork(__filename, ['--child'], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			env: { ...process.env, WHATTALK_BENCH_KEY: apiKey, WHATTALK_BENCH_LATENCY: String(latencyMs) },
		});
		const baseUrl = await new Promise<string>((resolve, reject) => {
			child.once('message', (message) => resolve((message as { baseUrl: string }).baseUrl));
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
		});
		const remote = new RemoteSandbox(child, baseUrl);
		child.on('message', (message) => {
			const { id, result } = message as { id: number; result: unknown };
			remote.pending.get(id)?.(result);
			remote.pending.delete(id);
		});
		return remote;
	}

	async call<T = unknown>(cmd: string, arg?: unknown): Promise<T> {
		const id = ++this.nextId;
		return await new Promise<T>((resolve) => {
			this.pending.set(id, resolve as (value: unknown) => void);
			this.child.send({ id, cmd, arg });
		});
	}

	async close(): Promise<void> {
		await this.call('close');
		this.child.disconnect();
	}
}

/** Child side: a WhatTalk sandbox answering the parent's commands. */
async function child(): Promise<void> {
	const sandbox = await startWhatTalkSandbox({
		apiKey: process.env.WHATTALK_BENCH_KEY,
		latencyMs: Number(process.env.WHATTALK_BENCH_LATENCY),
		maxCampaigns: 1000,
	});
	let assistantId = 0;
	const commands: Record<string, (arg: unknown) => unknown> = {
		addAssistant: () => (assistantId = sandbox.addAssistant({ name: 'Bench caller' }).id),
		addCampaign: () => sandbox.addCampaign({ assistant_id: assistantId }).id,
		reset: () => sandbox.reset(),
		stats: (campaignId) => {
			const requests = sandbox.requests({ method: 'POST', path: '/api/user/lead' });
			const answerMs =
				requests.reduce((sum, r) => sum + (r.durationMs ?? 0), 0) / Math.max(1, requests.length);
			return { stored: sandbox.leadsOf(Number(campaignId)).length, requests: requests.length, answerMs };
		},
		close: async () => await sandbox.close(),
	};
	process.on('message', (message) => {
		const { id, cmd, arg } = message as { id: number; cmd: string; arg: unknown };
		void Promise.resolve(commands[cmd](arg)).then((result) => process.send?.({ id, result: result ?? null }));
	});
	process.send?.({ baseUrl: sandbox.baseUrl });
}

(process.argv.includes('--child') ? child() : main()).catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
