/**
 * Driver for a REAL n8n (a pinned install cached by scripts/install-n8n.js), used by the end-to-end test and by
 * `npm run dev`. Which n8n: $N8N_VERSION (an exact version, or `latest` / `oldest` of scripts/n8n-versions.json;
 * default `oldest`). Each n8n runs on the Node it was installed for (the latest on a cached Node 24, the oldest on
 * the machine's Node); this process, jest included, stays on the machine's Node.
 *
 *   const n8nDir = await ensureN8nInstalled();         // runs scripts/install-n8n.js (cold: ~6 min, warm: instant)
 *   const tarball = await packPackage();               // npm run build + npm pack (reused while the sources are unchanged)
 *   const n8n = await N8n.create({ n8nDir });          // fresh temp N8N_USER_FOLDER, own encryption key and broker port
 *   await n8n.installPackage(tarball);                 // exactly where n8n installs community packages
 *   await n8n.importCredentials([{ id, name, type, data }]);
 *   await n8n.importWorkflow(workflow);
 *   const result = await n8n.execute(workflow.id);     // n8n execute --id=<id> --rawOutput
 *   await n8n.dispose();                               // stops servers from start(), deletes the temp folder
 *
 * Every child process runs in its own process group with a timeout; on timeout (or `killTree`/`killAllChildren`) the
 * whole group is killed, so n8n's task-runner child goes too. Nothing here talks to the network except `npm`
 * commands (which reach the npm registry only when something is not cached).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	installInfo,
	isInstalled,
	n8nBin as n8nBinIn,
	resolveRuntime,
	withNodeOnPath,
	type N8nRuntime,
} from '../../scripts/n8n-runtime';
import { takeLock } from '../../scripts/lock';

/** The repository root (this file lives in test/e2e/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * The n8n (and Node) this run tests against: $N8N_VERSION (`latest`, `oldest` or an exact version), default `oldest`
 * (2.8.4, on the machine's Node: nothing more to download). `npm test` runs the e2e suites once per pin.
 */
export const RUNTIME: N8nRuntime = resolveRuntime({ n8n: process.env.N8N_VERSION || 'oldest' });

/** The n8n version this run tests against (exact). */
export const N8N_VERSION = RUNTIME.n8nVersion;

/** Our package's name: node types are `${PACKAGE_NAME}.<nodeName>` once installed as a community package. */
export const PACKAGE_NAME: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).name;

const MINUTE = 60_000;

// ───────────────────────────────────────── processes ─────────────────────────────────────────

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Kill the process group after this long (default 2 min). */
	timeoutMs?: number;
	/** Forward the child's stdout/stderr to ours as it runs (still captured). */
	echo?: boolean;
}

export interface RunResult {
	command: string;
	/** Exit code; `null` when killed by a signal. */
	code: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
		this.name = 'CommandError';
	}
}

const liveChildren = new Set<ChildProcess>();

/** Kills a child's whole process group (it was spawned detached, so it leads its own group). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (child.pid === undefined) return;
	try {
		// The group outlives its leader while grandchildren (e.g. n8n's task runner) still run, so this is tried even
		// after the child exited; a group id cannot be reused while the group exists, so it never hits a stranger.
		process.kill(-child.pid, signal);
	} catch {
		if (child.exitCode === null && child.signalCode === null) {
			try {
				child.kill(signal);
			} catch {
				// already gone
			}
		}
	}
}

/** Kills every child this module started that is still running (used on failure and at exit). */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): void {
	for (const child of liveChildren) killTree(child, signal);
}

process.once('exit', () => killAllChildren());

/** Spawns a long-running child in its own process group and tracks it; `killTree` or `killAllChildren` stop it. */
export function spawnTracked(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; stdio?: 'pipe' | 'inherit' } = {},
): ChildProcess {
	const child = spawn(command, args, {
		cwd: options.cwd ?? REPO_ROOT,
		env: options.env ?? process.env,
		stdio: options.stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	child.once('error', () => liveChildren.delete(child));
	return child;
}

/** Runs a command to completion with a timeout, capturing its output. Never rejects: check `code`. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const timeoutMs = options.timeoutMs ?? 2 * MINUTE;
	const started = Date.now();
	const label = [command, ...args].join(' ');
	return new Promise((resolvePromise) => {
		const child = spawnTracked(command, args, { cwd: options.cwd, env: options.env });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		let timedOut = false;
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout.push(chunk);
			if (options.echo) process.stdout.write(chunk);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr.push(chunk);
			if (options.echo) process.stderr.write(chunk);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			killTree(child);
		}, timeoutMs);
		const finish = (code: number | null, signal: NodeJS.Signals | null, extraErr = '') => {
			clearTimeout(timer);
			// The group may still hold grandchildren (e.g. n8n's task runner): make sure they go too.
			killTree(child);
			resolvePromise({
				command: label,
				code,
				signal,
				timedOut,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8') + extraErr,
				durationMs: Date.now() - started,
			});
		};
		child.once('error', (error) => finish(null, null, `\n${label}: ${error.message}`));
		child.once('close', (code, signal) => finish(code, signal));
	});
}

/** `run`, but throws a `CommandError` (with the output's tail) unless the command exits 0. */
export async function runOrThrow(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const why = result.timedOut
			? `timed out after ${Math.round((options.timeoutMs ?? 2 * MINUTE) / 1000)} s`
			: result.signal
				? `was killed by ${result.signal}`
				: `exited with code ${result.code}`;
		throw new CommandError(`${result.command} ${why}\n${tail(result.stdout, result.stderr)}`, result);
	}
	return result;
}

function tail(stdout: string, stderr: string, lines = 40): string {
	const pick = (text: string, name: string) => {
		const all = text.trimEnd().split('\n');
		return text.trim()
			? `--- ${name} (last ${Math.min(lines, all.length)} lines) ---\n${all.slice(-lines).join('\n')}\n`
			: '';
	};
	return pick(stdout, 'stdout') + pick(stderr, 'stderr');
}

/** A currently free TCP port on 127.0.0.1 (the OS may hand it out again; good enough for a test broker port). */
export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePromise(port));
		});
	});
}

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// ───────────────────────────────────────── install, pack ─────────────────────────────────────────

/** Where scripts/install-n8n.js puts an n8n version (exact, `latest` or `oldest`; default this run's). */
export function n8nCacheDir(version: string = N8N_VERSION): string {
	return runtimeFor(version).n8nDir;
}

/** The n8n install folder when the install is complete, else undefined. */
export function findN8n(version: string = N8N_VERSION): string | undefined {
	const runtime = runtimeFor(version);
	return isInstalled(runtime) ? runtime.n8nDir : undefined;
}

/** This run's runtime for its own version; for another one, that version's pin (or the machine's Node). */
function runtimeFor(version: string): N8nRuntime {
	return version === N8N_VERSION || version === process.env.N8N_VERSION
		? RUNTIME
		: resolveRuntime({ n8n: version });
}

/** n8n's CLI entry point inside an install folder (run with its Node: see `N8n.nodeBin`). */
export function n8nBin(n8nDir: string): string {
	return n8nBinIn(n8nDir);
}

/**
 * Installs an n8n version (default this run's) and the Node it runs on via scripts/install-n8n.js unless already
 * there; returns its folder. Cold it takes ~6 min on 2 cores (and ~1.5 GB of memory); warm it returns at once.
 */
export async function ensureN8nInstalled(
	options: { version?: string; timeoutMs?: number; echo?: boolean } = {},
): Promise<string> {
	const runtime = runtimeFor(options.version ?? N8N_VERSION);
	if (isInstalled(runtime)) return runtime.n8nDir;
	const result = await runOrThrow(
		process.execPath,
		[
			join(REPO_ROOT, 'scripts', 'install-n8n.js'),
			`--n8n=${runtime.n8nVersion}`,
			`--node=${runtime.nodeSpec}`,
		],
		{ env: process.env, timeoutMs: options.timeoutMs ?? 40 * MINUTE, echo: options.echo },
	);
	const dir = result.stdout.trim().split('\n').pop() ?? '';
	if (!dir || !installInfo(dir)) {
		throw new CommandError(`install-n8n.js did not produce an n8n install (printed "${dir}")`, result);
	}
	return dir;
}

/** What goes into the packed package; a change to any of these means a new build. */
const PACKAGE_INPUTS = [
	'nodes',
	'credentials',
	'package.json',
	'package-lock.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'index.js',
	'scripts/clean.js',
	'README.md',
	'LICENSE.md',
	'CHANGELOG.md',
];

/** A hash of every input of the build (paths and contents). */
export function sourceFingerprint(): string {
	const hash = createHash('sha256');
	const visit = (relative: string) => {
		const absolute = join(REPO_ROOT, relative);
		if (!existsSync(absolute)) return;
		if (statSync(absolute).isDirectory()) {
			for (const entry of readdirSync(absolute).sort()) visit(join(relative, entry));
			return;
		}
		hash.update(`${relative}\0`);
		hash.update(readFileSync(absolute));
		hash.update('\0');
	};
	PACKAGE_INPUTS.forEach(visit);
	return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the package (`npm run build`, unless `build: false`) and packs it with `npm pack`. Returns the tarball's
 * path — exactly what `npm publish` would upload.
 *
 * Without `destination`, the tarball is kept in `<tmp>/voice-campaigns-pack-cache/<checkout>/<source fingerprint>/`
 * and reused while no source changes (several e2e suites in one run build once); `cache: false` always rebuilds.
 * With `destination`, it is always built and written there.
 */
export async function packPackage(
	options: { build?: boolean; destination?: string; timeoutMs?: number; cache?: boolean } = {},
): Promise<string> {
	const timeoutMs = options.timeoutMs ?? 5 * MINUTE;
	const useCache = options.cache !== false && options.destination === undefined && options.build !== false;
	// One cache per checkout, so two checkouts testing at once never touch each other's tarballs.
	const checkout = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
	const cacheRoot = join(tmpdir(), 'voice-campaigns-pack-cache', checkout);
	const cacheDir = join(cacheRoot, sourceFingerprint());
	const cached = () => {
		if (!useCache || !existsSync(cacheDir)) return undefined;
		const name = readdirSync(cacheDir).find((entry) => entry.endsWith('.tgz'));
		return name && join(cacheDir, name);
	};
	const hit = cached();
	if (hit) return hit;
	if (options.build === false)
		return await pack(cacheRoot, cacheDir, useCache, options.destination, timeoutMs);
	// `npm run build` rewrites dist/ of the checkout: two suites packing at once (the e2e steps of two n8n versions
	// run side by side) take turns, and the second finds the first's tarball.
	const lock = await takeLock(`${cacheRoot}.building`, { done: () => Boolean(cached()), pollMs: 500 });
	try {
		const built = cached();
		if (built) return built;
		await runOrThrow(NPM, ['run', 'build'], { cwd: REPO_ROOT, timeoutMs });
		return await pack(cacheRoot, cacheDir, useCache, options.destination, timeoutMs);
	} finally {
		lock.release();
	}
}

/** `npm pack` of the built checkout, checked against package.json's "n8n" section, kept in the cache when asked. */
async function pack(
	cacheRoot: string,
	cacheDir: string,
	useCache: boolean,
	destinationOption: string | undefined,
	timeoutMs: number,
): Promise<string> {
	const destination = destinationOption ?? mkdtempSync(join(tmpdir(), 'voice-campaigns-pack-'));
	mkdirSync(destination, { recursive: true });
	const result = await runOrThrow(NPM, ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		timeoutMs,
	});
	// npm pack --json prints a JSON array (lifecycle-script output, if any, goes before it).
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = join(destination, info.filename);
	if (!existsSync(tarball)) throw new CommandError(`npm pack did not write ${tarball}`, result);
	const packed = new Set(info.files.map((f) => f.path));
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !packed.has(file));
	if (missing.length) {
		throw new CommandError(
			`the packed tarball lacks files package.json's "n8n" section names: ${missing.join(', ')}`,
			result,
		);
	}
	if (!useCache) return tarball;

	// Drop builds older than an hour (a suite still installing one started minutes ago); the folder is renamed into
	// place, so a reader never sees half a tarball.
	mkdirSync(cacheRoot, { recursive: true });
	dropStale(cacheRoot);
	try {
		renameSync(destination, cacheDir);
	} catch {
		return tarball; // another process stored the same build meanwhile: use ours from where it is
	}
	return join(cacheDir, info.filename);
}

// ───────────────────────────────────────── n8n ─────────────────────────────────────────

/** A credential as `n8n import:credentials` takes it; plaintext `data` is encrypted on import. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The parts of a workflow `n8n import:workflow` needs (an `id` of at most 21 characters). */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	error?: unknown;
	[key: string]: unknown;
}

/** One run of one node, as found in `resultData.runData[node][runIndex]`. */
export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<NodeItem[] | null> };
	[key: string]: unknown;
}

/** What `n8n execute --rawOutput` prints: the execution (IRun). */
export interface RawRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
		};
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface ExecuteResult {
	exitCode: number | null;
	timedOut: boolean;
	durationMs: number;
	stdout: string;
	stderr: string;
	/** The execution parsed from the output, when n8n printed one (it does on success, and at info level on failure). */
	run?: RawRun;
	/** Per node: the items of its first output, of its last run (`[]` for a node that ran without output). */
	outputs: Record<string, NodeItem[]>;
	/** The execution's error message, if any. */
	error?: string;
}

export interface N8nOptions {
	/** n8n install folder (default: the cached install; it must exist — see `ensureN8nInstalled`). */
	n8nDir?: string;
	/** Use this N8N_USER_FOLDER (kept on dispose) instead of a fresh temp folder (deleted on dispose). */
	userFolder?: string;
	/** Start the fresh temp folder as a copy of this one (its database, packages and encryption key). */
	template?: string;
	/** Default: read from `<userFolder>/.encryption-key` if present, else random (and written there). */
	encryptionKey?: string;
	/** Extra environment for every n8n command. */
	env?: NodeJS.ProcessEnv;
	/** Timeout for each n8n CLI command (default 3 min). */
	timeoutMs?: number;
}

/**
 * The environment every n8n command gets: its own user folder, encryption key and task-broker port, no telemetry,
 * no version checks, no templates, everything on 127.0.0.1. `N8N_LOG_LEVEL=info` is required: at `warn` the
 * execute command does not print its result.
 */
export function n8nEnvironment(
	userFolder: string,
	encryptionKey: string,
	brokerPort: number,
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	// Keep the basics of our environment (PATH, HOME, npm's settings…) but none of a caller's N8N_* / DB_* tuning,
	// and not jest's NODE_ENV=test / JEST_*: with NODE_ENV=test, n8n's commands exit 0 without doing anything.
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|JEST_|WEBHOOK_URL$|NODE_OPTIONS$|NODE_ENV$)/.test(key))
			env[key] = value;
	}
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_TYPE: 'sqlite',
		NO_COLOR: '1',
	};
}

export class N8n {
	/** The N8N_USER_FOLDER; n8n keeps its data in `<userFolder>/.n8n`. */
	readonly userFolder: string;
	readonly n8nDir: string;
	/** The Node binary this n8n runs on (the one it was installed for), first on PATH in `env`. */
	readonly nodeBin: string;
	readonly env: NodeJS.ProcessEnv;
	private readonly timeoutMs: number;
	private readonly temporary: boolean;
	/** Servers started by `start()`, stopped by `dispose()`. */
	private readonly servers = new Set<ChildProcess>();

	private constructor(
		n8nDir: string,
		nodeBin: string,
		userFolder: string,
		temporary: boolean,
		env: NodeJS.ProcessEnv,
		timeoutMs: number,
	) {
		this.n8nDir = n8nDir;
		this.nodeBin = nodeBin;
		this.userFolder = userFolder;
		this.temporary = temporary;
		this.env = env;
		this.timeoutMs = timeoutMs;
	}

	static async create(options: N8nOptions = {}): Promise<N8n> {
		const n8nDir = options.n8nDir ?? findN8n();
		if (!n8nDir || !existsSync(n8nBin(n8nDir))) {
			throw new Error(
				`${RUNTIME.label} is not installed: run node scripts/install-n8n.js --n8n=${N8N_VERSION} (or ensureN8nInstalled()) first`,
			);
		}
		const temporary = options.userFolder === undefined;
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'voice-campaigns-n8n-'));
		if (temporary && options.template) cpSync(options.template, userFolder, { recursive: true });
		mkdirSync(join(userFolder, '.n8n'), { recursive: true });
		const keyFile = join(userFolder, '.encryption-key');
		let encryptionKey = options.encryptionKey;
		if (!encryptionKey && existsSync(keyFile)) encryptionKey = readFileSync(keyFile, 'utf8').trim();
		if (!encryptionKey) {
			encryptionKey = randomBytes(24).toString('hex');
			writeFileSync(keyFile, `${encryptionKey}\n`, { mode: 0o600 });
		}
		const nodeBin = installInfo(n8nDir)?.nodeBin ?? process.execPath;
		const env = withNodeOnPath(nodeBin, {
			...n8nEnvironment(userFolder, encryptionKey, await freePort()),
			...options.env,
		});
		return new N8n(n8nDir, nodeBin, userFolder, temporary, env, options.timeoutMs ?? 3 * MINUTE);
	}

	/** Where n8n installs community packages: `$N8N_USER_FOLDER/.n8n/nodes`. */
	get nodesDir(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	/** Runs `n8n <args>` with this instance's environment; never rejects (check `code`). */
	async cli(args: string[], options: { timeoutMs?: number; echo?: boolean } = {}): Promise<RunResult> {
		return await run(this.nodeBin, [n8nBin(this.n8nDir), ...args], {
			cwd: this.userFolder,
			env: this.env,
			timeoutMs: options.timeoutMs ?? this.timeoutMs,
			echo: options.echo,
		});
	}

	/** `cli`, but throws unless it exits 0. */
	async cliOrThrow(args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
		const result = await this.cli(args, options);
		if (result.code !== 0) {
			throw new CommandError(
				`n8n ${args.join(' ')} ${result.timedOut ? 'timed out' : `exited with code ${result.code}`}\n${tail(result.stdout, result.stderr)}`,
				result,
			);
		}
		return result;
	}

	/**
	 * Installs a package tarball where n8n installs community packages, `$N8N_USER_FOLDER/.n8n/nodes` (whose
	 * package.json n8n itself names `installed-nodes`): the previous copy is deleted first (as n8n does), then
	 * `npm install --omit=peer <tarball>` with the flags n8n's own installer uses (no scripts, no lockfile, no bin
	 * links). `--omit=peer` keeps a second n8n-workflow out: the one n8n runs with must be the one the node sees.
	 * `--legacy-peer-deps` stops npm from still resolving the peer's whole dependency tree from the registry (4-8 s
	 * of network for nothing); n8n itself goes further and deletes `peerDependencies` before installing.
	 */
	async installPackage(tarball: string, options: { timeoutMs?: number } = {}): Promise<void> {
		mkdirSync(this.nodesDir, { recursive: true });
		const packageJson = join(this.nodesDir, 'package.json');
		if (!existsSync(packageJson)) {
			writeFileSync(
				packageJson,
				`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
			);
		}
		const installedDir = join(this.nodesDir, 'node_modules', ...PACKAGE_NAME.split('/'));
		rmSync(installedDir, { recursive: true, force: true });
		await runOrThrow(
			NPM,
			[
				'install',
				'--omit=peer',
				'--legacy-peer-deps',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--bin-links=false',
				'--audit=false',
				'--fund=false',
				'--loglevel=error',
				resolve(tarball),
			],
			// Our npm settings, but not a caller's npm_config_* from `npm run` (e.g. a --prefix or --omit=dev).
			{ cwd: this.nodesDir, env: npmEnv(), timeoutMs: options.timeoutMs ?? 3 * MINUTE },
		);
		if (!existsSync(join(installedDir, 'package.json'))) {
			throw new Error(`npm install did not put ${PACKAGE_NAME} into ${this.nodesDir}`);
		}
		if (existsSync(join(this.nodesDir, 'node_modules', 'n8n-workflow'))) {
			throw new Error(
				`npm install put a second n8n-workflow into ${this.nodesDir}; it must come from n8n (peer)`,
			);
		}
	}

	/** `n8n import:credentials` (plaintext `data` is encrypted with this instance's key). */
	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = this.writeTemp('credentials', credentials);
		try {
			expectImported(await this.cliOrThrow(['import:credentials', `--input=${file}`]), 'credential');
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** `n8n import:workflow` (replaces a workflow with the same id). */
	async importWorkflow(workflow: WorkflowImport | WorkflowImport[]): Promise<void> {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		for (const wf of list) {
			if (!wf.id || wf.id.length > 21) throw new Error(`workflow id must be 1-21 characters, got "${wf.id}"`);
		}
		const file = this.writeTemp(
			'workflows',
			list.map((wf) => ({ active: false, settings: {}, ...wf })),
		);
		try {
			expectImported(await this.cliOrThrow(['import:workflow', `--input=${file}`]), 'workflow');
		} finally {
			rmSync(file, { force: true });
		}
	}

	/**
	 * Runs a workflow headlessly: `n8n execute --id=<id> --rawOutput`. Never throws for a failed execution: check
	 * `exitCode` (1 on failure), `error` and `outputs`.
	 */
	async execute(workflowId: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
		const run = parseRawRun(result.stdout) ?? parseRawRun(result.stderr);
		const outputs: Record<string, NodeItem[]> = {};
		for (const [node, runs] of Object.entries(run?.data.resultData.runData ?? {})) {
			const last = runs[runs.length - 1];
			outputs[node] = last?.data?.main?.[0] ?? [];
		}
		const runError = run?.data.resultData.error;
		let error: string | undefined;
		if (runError) {
			error = [
				runError.node?.name ? `${runError.node.name}: ` : '',
				runError.message ?? 'unknown error',
				runError.description ? ` (${runError.description})` : '',
			].join('');
		} else if (result.code !== 0) {
			error = result.timedOut ? 'n8n execute timed out' : lastErrorLine(result.stdout + result.stderr);
		} else if (!run) {
			// Seen when n8n runs with NODE_ENV=test (it then does nothing) or a log level below info (it prints nothing).
			error = 'n8n execute exited 0 but printed no execution result';
		}
		return {
			exitCode: result.code,
			timedOut: result.timedOut,
			durationMs: result.durationMs,
			stdout: result.stdout,
			stderr: result.stderr,
			run,
			outputs,
			error,
		};
	}

	/**
	 * Starts the n8n server (`n8n start`: editor, REST API, webhooks) on 127.0.0.1:`port`, its output going to ours.
	 * Resolves once the REST API answers; rejects (and kills it) if it exits or is not up within `timeoutMs`.
	 * Stop it with `killTree(child, 'SIGTERM')` (graceful) or `dispose()`.
	 */
	async start(options: { port: number; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<ChildProcess> {
		const child = spawnTracked(this.nodeBin, [n8nBin(this.n8nDir), 'start'], {
			cwd: this.userFolder,
			env: { ...this.env, N8N_PORT: String(options.port), ...options.env },
			stdio: 'inherit',
		});
		this.servers.add(child);
		child.once('exit', () => this.servers.delete(child));
		const deadline = Date.now() + (options.timeoutMs ?? 3 * MINUTE);
		let exited: string | undefined;
		child.once(
			'exit',
			(code, signal) => (exited = signal ? `was killed by ${signal}` : `exited with code ${code}`),
		);
		child.once('error', (error) => (exited = `could not start: ${error.message}`));
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n start ${exited}`);
			// /healthz answers before the REST API is mounted; /rest/settings (public) only once the editor can load.
			if (await isHealthy(`http://127.0.0.1:${options.port}/rest/settings`)) return child;
			await new Promise((r) => setTimeout(r, 500));
		}
		killTree(child);
		throw new Error(
			`n8n start did not answer on port ${options.port} within ${options.timeoutMs ?? 3 * MINUTE} ms`,
		);
	}

	/** Stops the servers `start()` started and, for a temporary user folder, deletes it. */
	async dispose(): Promise<void> {
		const exited = [...this.servers].map(
			(child) =>
				new Promise<void>((resolvePromise) => {
					if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
					const timer = setTimeout(resolvePromise, 10_000);
					child.once('exit', () => {
						clearTimeout(timer);
						resolvePromise();
					});
				}),
		);
		for (const child of this.servers) killTree(child);
		await Promise.all(exited);
		if (this.temporary) rmSync(this.userFolder, { recursive: true, force: true });
	}

	private writeTemp(kind: string, data: unknown): string {
		const file = join(this.userFolder, `.import-${kind}-${randomBytes(4).toString('hex')}.json`);
		writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
		return file;
	}
}

/**
 * An N8N_USER_FOLDER with `tarball` installed as a community package and n8n's database created (its migrations
 * run), made once per n8n install and tarball and kept in the temp folder: `N8n.create({ template })` copies it,
 * so each suite skips the package install and the migrations (seconds of CPU per n8n command on a fresh folder).
 * Folders of older builds are dropped after an hour.
 */
export async function preparedFolder(n8nDir: string, tarball: string): Promise<string> {
	const root = join(tmpdir(), 'voice-campaigns-n8n-prepared');
	const key = createHash('sha256')
		.update(`${resolve(n8nDir)}\0${resolve(tarball)}`)
		.digest('hex')
		.slice(0, 16);
	const folder = join(root, key);
	const ready = join(folder, '.prepared');
	if (existsSync(ready)) return folder;
	const lock = await takeLock(`${folder}.preparing`, { done: () => existsSync(ready), pollMs: 500 });
	try {
		if (existsSync(ready)) return folder;
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(folder, { recursive: true });
		const n8n = await N8n.create({ n8nDir, userFolder: folder });
		try {
			await n8n.installPackage(tarball);
			await n8n.importCredentials([]); // any command runs the migrations; this one changes nothing else
		} finally {
			await n8n.dispose();
		}
		writeFileSync(ready, `${new Date().toISOString()}\n`);
		dropStale(root, folder);
		return folder;
	} finally {
		lock.release();
	}
}

/**
 * Deletes what in `root` is older than an hour (builds of earlier sources; a suite still using one started
 * minutes ago), except `keep` and what belongs to it (e.g. its lock file).
 */
function dropStale(root: string, keep?: string): void {
	for (const entry of readdirSync(root)) {
		const path = join(root, entry);
		if (keep && path.startsWith(keep)) continue;
		const stat = statSync(path, { throwIfNoEntry: false });
		if (stat && Date.now() - stat.mtimeMs > 60 * MINUTE) rmSync(path, { recursive: true, force: true });
	}
}

async function isHealthy(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		return response.ok;
	} catch {
		return false;
	}
}

/** n8n's import commands can report an error and still exit 0: trust only their success line. */
function expectImported(result: RunResult, kind: string): void {
	if (!new RegExp(`Successfully imported \\d+ ${kind}`).test(result.stdout + result.stderr)) {
		throw new CommandError(
			`${result.command} did not report "Successfully imported"\n${tail(result.stdout, result.stderr)}`,
			result,
		);
	}
}

/** `process.env` without the `npm_*` variables an enclosing `npm run` sets (they would steer a nested npm). */
export function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			!/^npm_/i.test(key) ||
			/^npm_config_(cache|registry|userconfig|globalconfig|nodedir|cafile)$/i.test(key)
		)
			env[key] = value;
	}
	return env;
}

/**
 * Parses the execution JSON from n8n's output: it starts at the first line that is exactly `{` (task-runner and log
 * lines come before it) and is the pretty-printed object that ends at the next line that is exactly `}`.
 */
export function parseRawRun(output: string): RawRun | undefined {
	const lines = output.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as RawRun;
			if (parsed?.data?.resultData) return parsed;
		} catch {
			// a nested `}` line inside a string is impossible in pretty JSON, but keep looking anyway
		}
	}
	return undefined;
}

function lastErrorLine(output: string): string {
	const lines = output
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	return (
		lines.reverse().find((line) => /error/i.test(line)) ?? lines[0] ?? 'n8n execute failed without output'
	);
}
