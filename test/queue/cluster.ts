/**
 * n8n in queue mode (its "scaling" setup) on one machine: a main instance, workers and a webhook processor sharing
 * one PostgreSQL database and one Redis (Bull queue), each process with its own N8N_USER_FOLDER into which our packed
 * package is installed exactly as n8n installs community packages.
 *
 *   const cluster = await QueueCluster.create({ n8nDir, tarball, services, credentials, workflows });
 *   await cluster.start();                              // main, worker-1, worker-2, webhook; all ready
 *   const api = cluster.api;                            // the main's REST API, signed in as the owner
 *   const id = await api.run(workflowId, triggerName);  // a manual execution, offloaded to the workers
 *   const execution = await api.waitForExecution(id);
 *   cluster.workerOf(id);                               // which worker ran it (from the workers' logs)
 *   await cluster.dispose();
 *
 * Production webhooks go to the webhook processor only: WEBHOOK_URL points at it and the main has
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true.
 *
 * Every process runs on the Node its n8n was installed for (`N8n.nodeBin`: the latest n8n on its cached Node 24, the
 * oldest on the machine's Node), with that Node first on PATH for the task runner n8n starts beside it.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
	cpSync,
	createWriteStream,
	mkdirSync,
	readdirSync,
	readFileSync,
	realpathSync,
	rmSync,
	type WriteStream,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	freePort,
	killTree,
	N8n,
	n8nBin,
	REPO_ROOT,
	spawnTracked,
	type CredentialImport,
	type NodeItem,
	type RawRun,
	type WorkflowImport,
} from '../e2e/n8n';
import { recordProcess, type Services } from './services';
import { ownerSession, type OwnerSession } from '../support/owner';

const MINUTE = 60_000;

export type Role = 'main' | 'worker-1' | 'worker-2' | 'webhook';
export const ROLES: Role[] = ['main', 'worker-1', 'worker-2', 'webhook'];

/**
 * How long a killed worker's job keeps its lock (n8n's default: 60 s), how often a live worker renews its locks
 * (10 s) and how often workers look for jobs whose lock expired (30 s). Shorter here so that a killed worker's
 * execution is recorded as failed within seconds; the lock still outlasts five missed renewals.
 *
 * In n8n 2.41.1 (since n8n-io/n8n#38138) the main does not record a stalled job's execution as failed at once: it reads
 * the execution's status again every second for up to 30 s (a fixed window, no setting), in case the worker's own
 * result is only late, and records "error" after that. So a killed worker's execution ends failed within about
 * lock + stalled check + 30 s there (~45 s), within about lock + stalled check (~15 s) on 2.8.4.
 */
export const STALL = { lockDurationMs: 15_000, lockRenewMs: 3000, stalledIntervalMs: 3000 };

export interface ClusterOptions {
	n8nDir: string;
	tarball: string;
	services: Services;
	credentials: CredentialImport[];
	workflows: WorkflowImport[];
	/** Jobs each worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
}

/** One n8n process of the cluster. */
export class N8nProcess {
	child?: ChildProcess;
	private output = '';
	private logFile?: WriteStream;
	/** Starts of this process, for its log's name. */
	private starts = 0;

	constructor(
		readonly role: Role,
		readonly n8n: N8n,
		/** The HTTP port: the main's and the webhook processor's server, a worker's health server. */
		readonly port: number,
		private readonly logDir: string,
		private readonly concurrency: number,
	) {}

	get command(): string[] {
		if (this.role === 'main') return ['start'];
		if (this.role === 'webhook') return ['webhook'];
		return ['worker', `--concurrency=${this.concurrency}`];
	}

	/** Everything the process printed since it was (last) started. */
	get log(): string {
		return this.output;
	}

	get running(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Where this process answers "ready". */
	get readyUrl(): string {
		const base = `http://127.0.0.1:${this.port}`;
		if (this.role === 'main') return `${base}/rest/settings`;
		if (this.role === 'webhook') return `${base}/healthz/readiness`;
		return `${base}/healthz/readiness`;
	}

	start(env: NodeJS.ProcessEnv): void {
		this.output = '';
		this.logFile?.end();
		this.logFile = createWriteStream(join(this.logDir, `${this.role}.${++this.starts}.log`));
		const child = spawnTracked(this.n8n.nodeBin, [n8nBin(this.n8n.n8nDir), ...this.command], {
			cwd: this.n8n.userFolder,
			env: { ...this.n8n.env, ...env },
		});
		recordProcess(child, n8nBin(this.n8n.n8nDir));
		const take = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			this.output += text;
			this.logFile?.write(text);
		};
		child.stdout!.on('data', take);
		child.stderr!.on('data', take);
		this.child = child;
	}

	async waitReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (!this.running) throw new Error(`n8n ${this.role} exited before it was ready:\n${this.tail()}`);
			const ok = await fetch(this.readyUrl, { signal: AbortSignal.timeout(2000) })
				.then((r) => r.ok)
				.catch(() => false);
			if (ok) return;
			if (Date.now() > deadline)
				throw new Error(`n8n ${this.role} not ready within ${timeoutMs} ms:\n${this.tail()}`);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}

	/** Stops the process (and its task runner): SIGTERM lets n8n shut down; SIGKILL is a crash. */
	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
		const child = this.child;
		if (!child) return;
		const exited = new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
		});
		killTree(child, signal);
		const late = await Promise.race([
			exited.then(() => false),
			new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
		]);
		killTree(child, 'SIGKILL'); // the group's leftovers (a task runner), or the process itself when late
		if (late) await exited;
		this.logFile?.end();
	}

	/**
	 * The executables (resolved) of every live process in this process's group: n8n and the task runner it started.
	 * Read from /proc (Linux).
	 */
	executables(): string[] {
		const leader = this.child?.pid;
		if (leader === undefined || !this.running) return [];
		const found: string[] = [];
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				// /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so read after its ')'.
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
				if (pgrp === leader) found.push(realpathSync(`/proc/${entry}/exe`));
			} catch {
				// gone meanwhile
			}
		}
		return found;
	}

	tail(lines = 60): string {
		return `--- n8n ${this.role} (last ${lines} lines) ---\n${this.output.trimEnd().split('\n').slice(-lines).join('\n')}`;
	}
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	/** The run data, unflattened. */
	data?: RawRun['data'];
}

/** A workflow as the REST API returns it: n8n 2.x publishes a version (`activeVersionId`) of the workflow. */
export type PublishableWorkflow = WorkflowImport & {
	versionId: string;
	active: boolean;
	activeVersionId: string | null;
};

/** The main instance's REST API (what the editor uses), signed in as the instance owner. */
export class RestApi {
	private session: OwnerSession = { headers: { cookie: '', 'browser-id': '' } };

	constructor(
		readonly baseUrl: string,
		private readonly flatted: { parse(text: string): unknown },
	) {}

	/** Creates the owner account on a fresh instance and keeps its session cookie. */
	async setupOwner(): Promise<void> {
		this.session = await ownerSession(this.baseUrl, {
			email: 'owner@example.com',
			firstName: 'Queue',
			lastName: 'Owner',
			password: `Queue-${randomBytes(6).toString('hex')}-1`,
		});
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...this.session.headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async workflow(id: string): Promise<PublishableWorkflow> {
		return await this.request('GET', `/workflows/${id}`);
	}

	/**
	 * Publishes a workflow's current version (the editor's "Publish"; the route is still `activate` in n8n 2.x): its
	 * triggers register now, on the main. Throws unless n8n answers with that version published.
	 */
	async activate(id: string): Promise<void> {
		const { versionId } = await this.workflow(id);
		const published = await this.request<PublishableWorkflow>('POST', `/workflows/${id}/activate`, {
			versionId,
		});
		if (published.activeVersionId !== versionId || !published.active)
			throw new Error(
				`publish ${id}: version ${versionId} asked, n8n answered active=${published.active} activeVersionId=${published.activeVersionId}`,
			);
	}

	/** Unpublishes a workflow; throws unless n8n answers with no version published. */
	async deactivate(id: string): Promise<void> {
		const unpublished = await this.request<PublishableWorkflow>('POST', `/workflows/${id}/deactivate`, {});
		if (unpublished.activeVersionId || unpublished.active)
			throw new Error(
				`unpublish ${id}: n8n answered active=${unpublished.active} activeVersionId=${unpublished.activeVersionId}`,
			);
	}

	/** Runs a workflow as the editor's "Execute workflow" does, from `trigger`; returns the execution id. */
	async run(id: string, trigger: string): Promise<string> {
		const workflowData = await this.workflow(id);
		const result = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${id}/run`,
			{ workflowData, triggerToStartFrom: { name: trigger } },
		);
		if (!result.executionId) throw new Error(`run ${id}: no execution id (${JSON.stringify(result)})`);
		return String(result.executionId);
	}

	async execution(id: string): Promise<Execution> {
		const raw = await this.request<Omit<Execution, 'data'> & { data: string }>('GET', `/executions/${id}`);
		const data = raw.data ? (this.flatted.parse(raw.data) as RawRun['data']) : undefined;
		return { ...raw, id: String(raw.id), data };
	}

	/** Ids of a workflow's executions, newest first. */
	async executionIds(workflowId: string): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.request<{ results: Array<{ id: string }> }>(
			'GET',
			`/executions?filter=${filter}&limit=100`,
		);
		return result.results.map((e) => String(e.id));
	}

	/** Waits until the execution has ended (any status but new / running / waiting). */
	async waitForExecution(id: string, timeoutMs = 2 * MINUTE): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(id);
			if (!['new', 'running', 'waiting', 'unknown'].includes(execution.status)) return execution;
			if (Date.now() > deadline)
				throw new Error(`execution ${id} still "${execution.status}" after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

/** Per node: the items of its first output, of its last run. */
export function outputsOf(execution: Execution): Record<string, NodeItem[]> {
	const outputs: Record<string, NodeItem[]> = {};
	for (const [node, runs] of Object.entries(execution.data?.resultData.runData ?? {})) {
		outputs[node] = runs[runs.length - 1]?.data?.main?.[0] ?? [];
	}
	return outputs;
}

export class QueueCluster {
	readonly processes: Record<Role, N8nProcess>;
	readonly api: RestApi;
	readonly logDir: string;
	/** What each process gets on top of its N8n environment (ports, role settings). */
	private readonly roleEnv: Record<Role, NodeJS.ProcessEnv>;

	private constructor(
		processes: Record<Role, N8nProcess>,
		roleEnv: Record<Role, NodeJS.ProcessEnv>,
		logDir: string,
		api: RestApi,
	) {
		this.processes = processes;
		this.roleEnv = roleEnv;
		this.logDir = logDir;
		this.api = api;
	}

	/** The production webhook base URL (the webhook processor's). */
	get webhookBaseUrl(): string {
		return `http://127.0.0.1:${this.processes.webhook.port}/`;
	}

	/**
	 * Prepares the four user folders (package installed in each), then imports the credentials and workflows into the
	 * shared database (the first command also runs n8n's migrations on it).
	 */
	static async create(
		options: ClusterOptions,
		timed: <T>(label: string, step: () => Promise<T>) => Promise<T>,
	): Promise<QueueCluster> {
		const { services } = options;
		const encryptionKey = randomBytes(24).toString('hex');
		// The last run's logs stay for a look after a failure; each run starts with an empty folder.
		const logDir = join(
			tmpdir(),
			'voice-campaigns-queue',
			`logs-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`,
		);
		rmSync(logDir, { recursive: true, force: true });
		mkdirSync(logDir, { recursive: true });
		const ports = Object.fromEntries(
			await Promise.all(ROLES.map(async (role) => [role, await freePort()])),
		) as Record<Role, number>;
		const webhookUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared: NodeJS.ProcessEnv = {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: services.postgres.host,
			DB_POSTGRESDB_PORT: String(services.postgres.port),
			DB_POSTGRESDB_DATABASE: services.postgres.database,
			DB_POSTGRESDB_USER: services.postgres.user,
			DB_POSTGRESDB_PASSWORD: services.postgres.password,
			QUEUE_BULL_REDIS_HOST: services.redis.host,
			QUEUE_BULL_REDIS_PORT: String(services.redis.port),
			QUEUE_WORKER_LOCK_DURATION: String(STALL.lockDurationMs),
			QUEUE_WORKER_LOCK_RENEW_TIME: String(STALL.lockRenewMs),
			QUEUE_WORKER_STALLED_INTERVAL: String(STALL.stalledIntervalMs),
			// Production webhooks only. n8n 2.41 deprecates WEBHOOK_URL for N8N_WEBHOOK_URL, but that one sets the test
			// webhooks' base too (for a load balancer that routes /webhook-test/* to the main): here there is none, and
			// the webhook processor does not serve test webhooks. n8n 2.8.4 knows only WEBHOOK_URL.
			WEBHOOK_URL: webhookUrl,
			// The main's own URL (editor links, OAuth callbacks): else n8n takes WEBHOOK_URL's, the webhook processor's.
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_PROXY_HOPS: '0',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// Every execution's data is kept (the suite reads it back), and nothing is pruned meanwhile.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
		};
		const roleEnv: Record<Role, NodeJS.ProcessEnv> = {
			main: { N8N_PORT: String(ports.main), N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
			webhook: { N8N_PORT: String(ports.webhook) },
			'worker-1': {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(ports['worker-1']),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			'worker-2': {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(ports['worker-2']),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		};

		const instances: N8n[] = [];
		try {
			for (let i = 0; i < ROLES.length; i++) {
				// Each N8n gets its own user folder and its own task-broker port (N8N_RUNNERS_BROKER_PORT).
				instances.push(await N8n.create({ n8nDir: options.n8nDir, encryptionKey, env: shared }));
			}
			const [main, ...others] = instances;
			await timed('install package', async () => {
				await main.installPackage(options.tarball);
				// The same install in every other process's user folder (what `npm install` would put there again).
				for (const other of others) cpSync(main.nodesDir, other.nodesDir, { recursive: true });
			});
			await timed('import (migrations)', async () => {
				await main.importCredentials(options.credentials);
				await main.importWorkflow(options.workflows);
			});
		} catch (error) {
			await Promise.all(instances.map((instance) => instance.dispose()));
			throw error;
		}
		const processes = Object.fromEntries(
			ROLES.map((role, index) => [
				role,
				new N8nProcess(role, instances[index], ports[role], logDir, options.concurrency ?? 5),
			]),
		) as Record<Role, N8nProcess>;
		const requireFromN8n = createRequire(join(options.n8nDir, 'node_modules', 'n8n', 'package.json'));
		const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
		return new QueueCluster(
			processes,
			roleEnv,
			logDir,
			new RestApi(`http://127.0.0.1:${ports.main}`, flatted),
		);
	}

	/** Starts every process at once and waits until all are ready; then signs in to the main as its owner. */
	async start(timeoutMs = 3 * MINUTE): Promise<void> {
		for (const role of ROLES) this.processes[role].start(this.roleEnv[role]);
		await Promise.all(ROLES.map((role) => this.processes[role].waitReady(timeoutMs)));
		await this.api.setupOwner();
	}

	/** (Re)starts one process and waits until it is ready. */
	async startProcess(role: Role, timeoutMs = 3 * MINUTE): Promise<void> {
		this.processes[role].start(this.roleEnv[role]);
		await this.processes[role].waitReady(timeoutMs);
	}

	/** The worker whose log says it started the execution, if any. */
	workerOf(executionId: string): Role | undefined {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
		return (['worker-1', 'worker-2'] as Role[]).find((role) => pattern.test(this.processes[role].log));
	}

	/** The process whose log says it put the execution on the queue (the main, or the webhook processor). */
	enqueuedBy(executionId: string): Role | undefined {
		const pattern = new RegExp(`Enqueued execution ${executionId} \\(job`);
		return ROLES.find((role) => pattern.test(this.processes[role].log));
	}

	/** Tails of every process's output, for a failure message. */
	tails(lines = 40): string {
		return ROLES.map((role) => this.processes[role].tail(lines)).join('\n');
	}

	async dispose(): Promise<void> {
		await Promise.all(ROLES.map((role) => this.processes[role].stop('SIGTERM', 15_000)));
		await Promise.all(ROLES.map((role) => this.processes[role].n8n.dispose()));
	}
}
