/**
 * A provider sandbox in a child process, driven over IPC (benchmarks only).
 *
 * The real APIs are remote: a sandbox sharing the event loop of the code under measurement would charge its own CPU
 * (parsing 10,000-contact bodies, answering 10,000 requests) to that code. In a child process it does not.
 *
 *   const sandbox = await RemoteSandbox.start('taalk', { secret: 'key', latencyMs: 50 });
 *   const campaignId = await sandbox.call<string>('addCampaign');
 *   const before = await sandbox.call<number>('mark');          // arrival number of the last request so far
 *   …run…
 *   const { requests } = await sandbox.call<Stats>('stats', { since: before, path });
 *   await sandbox.close();
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';

import type { SandboxServer } from '../../test/sandbox/server';
import { startTaalkSandbox } from '../../test/sandbox/taalk';
import { startTalkdeskSandbox } from '../../test/sandbox/talkdesk';
import { startWhatTalkSandbox } from '../../test/sandbox/whattalk';

export type BenchProvider = 'taalk' | 'whattalk' | 'talkdesk';

export interface RemoteSandboxOptions {
	/** The API key (Taalk, WhatTalk) or OAuth client secret (Talkdesk) the sandbox accepts. */
	secret: string;
	/** Latency added to every request, ms. */
	latencyMs: number;
}

/** Where the node must be pointed at. */
export interface RemoteSandboxInfo {
	/** Server root, e.g. http://127.0.0.1:40123. */
	url: string;
	/** What a credential's Base URL field takes (Taalk, WhatTalk: `${url}/api`; Talkdesk: `url`). */
	baseUrl: string;
	/** Talkdesk only: the OAuth token endpoint. */
	tokenUrl?: string;
}

/** What `stats` reports about the requests that arrived after `since` (see `mark`). */
export interface RequestStats {
	/** Requests that arrived, answered or not (counted by arrival number, so not capped by the log size). */
	requests: number;
	/** Of those still in the log and matching `path`: how many, and their mean time from arrival to answer, ms. */
	matched: number;
	answerMs: number;
	/** Statuses of the matching requests, e.g. { "200": 20 }. */
	statuses: Record<string, number>;
}

export class RemoteSandbox {
	private nextId = 0;
	private readonly pending = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (e: Error) => void }
	>();

	private constructor(
		private readonly child: ChildProcess,
		readonly info: RemoteSandboxInfo,
	) {}

	get baseUrl(): string {
		return this.info.baseUrl;
	}

	static async start(provider: BenchProvider, options: RemoteSandboxOptions): Promise<RemoteSandbox> {
		const child = fork(__filename, ['--sandbox-child', provider], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			env: {
				...process.env,
				BENCH_SANDBOX_SECRET: options.secret,
				BENCH_SANDBOX_LATENCY: String(options.latencyMs),
			},
		});
		const info = await new Promise<RemoteSandboxInfo>((resolve, reject) => {
			child.once('message', (message) => resolve(message as RemoteSandboxInfo));
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`${provider} sandbox process exited with ${code}`)));
		});
		const remote = new RemoteSandbox(child, info);
		child.on('message', (message) => {
			const { id, result, error } = message as { id: number; result: unknown; error?: string };
			const waiter = remote.pending.get(id);
			remote.pending.delete(id);
			if (error) waiter?.reject(new Error(`sandbox: ${error}`));
			else waiter?.resolve(result);
		});
		return remote;
	}

	async call<T = unknown>(cmd: string, arg?: unknown): Promise<T> {
		const id = ++this.nextId;
		return await new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ id, cmd, arg });
		});
	}

	async close(): Promise<void> {
		await this.call('close');
		this.child.disconnect();
	}
}

// ───────────────────────────────────────── child side ─────────────────────────────────────────

type Commands = Record<string, (arg: unknown) => unknown>;

/** Commands every provider's child answers: latency, request counting, close. */
function commonCommands(sandbox: SandboxServer): Commands {
	const lastSeq = () => sandbox.requests().at(-1)?.seq ?? 0;
	return {
		setLatency: (ms) => void sandbox.setLatency(Number(ms)),
		mark: () => lastSeq(),
		reset: () => sandbox.reset(),
		stats: (arg) => {
			const { since = 0, path } = (arg ?? {}) as { since?: number; path?: string };
			const matched = sandbox.requests(
				(r) => r.seq > since && (path === undefined || new RegExp(path).test(r.path)),
			);
			const statuses: Record<string, number> = {};
			for (const r of matched) statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
			const stats: RequestStats = {
				requests: lastSeq() - since,
				matched: matched.length,
				answerMs: matched.reduce((sum, r) => sum + (r.durationMs ?? 0), 0) / Math.max(1, matched.length),
				statuses,
			};
			return stats;
		},
		close: async () => await sandbox.close(),
	};
}

async function startChild(
	provider: BenchProvider,
	secret: string,
	latencyMs: number,
): Promise<{ info: RemoteSandboxInfo; commands: Commands }> {
	if (provider === 'taalk') {
		const sandbox = await startTaalkSandbox({ apiKey: secret, latencyMs });
		return {
			info: { url: sandbox.url, baseUrl: sandbox.baseUrl },
			commands: {
				...commonCommands(sandbox),
				addCampaign: () => sandbox.addCampaign({ name: 'Bench campaign' })._id,
				contactsCount: (id) => sandbox.contacts(String(id)).length,
				clearContacts: (id) => void (sandbox.state.campaigns.get(String(id))!.contacts.length = 0),
			},
		};
	}
	if (provider === 'whattalk') {
		const sandbox = await startWhatTalkSandbox({ apiKey: secret, latencyMs, maxCampaigns: 1000 });
		let assistantId = 0;
		return {
			info: { url: sandbox.url, baseUrl: sandbox.baseUrl },
			commands: {
				...commonCommands(sandbox),
				addAssistant: () => (assistantId = sandbox.addAssistant({ name: 'Bench caller' }).id),
				addCampaign: () => sandbox.addCampaign({ assistant_id: assistantId }).id,
				leadsCount: (id) => sandbox.leadsOf(Number(id)).length,
			},
		};
	}
	const sandbox = await startTalkdeskSandbox({ clientSecret: secret, latencyMs });
	return {
		info: { url: sandbox.url, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl },
		commands: {
			...commonCommands(sandbox),
			addRecordList: () => sandbox.addRecordList({ name: 'Bench list' }).id,
			recordsCount: (id) => sandbox.records(String(id)).length,
		},
	};
}

async function child(provider: BenchProvider): Promise<void> {
	const { info, commands } = await startChild(
		provider,
		process.env.BENCH_SANDBOX_SECRET ?? '',
		Number(process.env.BENCH_SANDBOX_LATENCY ?? 0),
	);
	process.on('message', (message) => {
		const { id, cmd, arg } = message as { id: number; cmd: string; arg: unknown };
		void Promise.resolve()
			.then(() => {
				const command = commands[cmd];
				if (!command) throw new Error(`unknown command ${cmd}`);
				return command(arg);
			})
			.then(
				(result) => process.send?.({ id, result: result ?? null }),
				(error: unknown) => process.send?.({ id, error: String((error as Error)?.message ?? error) }),
			);
	});
	// The parent went away: nothing left to serve.
	process.on('disconnect', () => process.exit(0));
	process.send?.(info);
}

// Forked with `--sandbox-child <provider>` (see above); any other command line is some other script's.
const childOf = parseArgs({ options: { 'sandbox-child': { type: 'string' } }, strict: false }).values[
	'sandbox-child'
];
if (typeof childOf === 'string') {
	child(childOf as BenchProvider).catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
