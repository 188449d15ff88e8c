/**
 * Redis and PostgreSQL for the queue-mode suite: throw-away instances on free 127.0.0.1 ports, data in a temp folder,
 * started and stopped by the suite itself (no Docker, no system services).
 *
 *   const services = await startServices();   // scripts/queue-services.sh installs the binaries when missing
 *   services.postgres / services.redis          // where they listen
 *   await services.stop();                      // stops both and deletes their data
 *
 * Both run in their own process groups, tracked like every other child of test/e2e/n8n.ts (killed at exit). Their
 * pids (and the n8n processes', see cluster.ts) are also written to a state file per checkout: a detached watchdog
 * stops them if the test process dies without cleaning up (SIGTERM, SIGKILL), and the next run stops any still left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, killTree, REPO_ROOT, runOrThrow, spawnTracked } from '../e2e/n8n';

const MINUTE = 60_000;

export interface PostgresInfo {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}

export interface RedisInfo {
	host: string;
	port: number;
}

export interface Services {
	postgres: PostgresInfo;
	redis: RedisInfo;
	/** Seconds each start took (install check, Postgres init + start, Redis start). */
	timings: Record<string, number>;
	stop(): Promise<void>;
}

/** Leftover processes of a run that could not clean up: `pid` leads its group, `marker` must be in its command line. */
interface Leftover {
	pid: number;
	marker: string;
}

const STATE_FILE = join(
	tmpdir(),
	'voice-campaigns-queue',
	`${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.json`,
);

function readLeftovers(): Leftover[] {
	try {
		return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Leftover[];
	} catch {
		return [];
	}
}

function writeLeftovers(list: Leftover[]): void {
	mkdirSync(join(STATE_FILE, '..'), { recursive: true });
	writeFileSync(STATE_FILE, JSON.stringify(list));
}

/** Records a process the suite started, so a later run can stop it if this one never does. */
export function recordProcess(child: ChildProcess, marker: string): void {
	if (child.pid === undefined) return;
	writeLeftovers([...readLeftovers(), { pid: child.pid, marker }]);
	child.once('exit', () => writeLeftovers(readLeftovers().filter((entry) => entry.pid !== child.pid)));
}

/** Stops what an earlier run left running (only processes whose command line still carries its marker). */
export function stopLeftovers(): number {
	let stopped = 0;
	for (const { pid, marker } of readLeftovers()) {
		let cmdline = '';
		try {
			cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
		} catch {
			continue; // gone
		}
		if (!cmdline.includes(marker)) continue; // the pid now belongs to something else
		try {
			process.kill(-pid, 'SIGKILL');
			stopped++;
		} catch {
			// already gone
		}
	}
	writeLeftovers([]);
	return stopped;
}

/**
 * A detached watchdog: once this process is gone (however it ended: even SIGKILL runs no handler of ours), it stops
 * every process recorded in the state file and deletes `folder`. Killed by `stop()` after a normal run.
 */
function startReaper(folder: string): ChildProcess {
	const script = `
		const fs = require('node:fs');
		const [parent, stateFile, folder] = process.argv.slice(1);
		const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
		const timer = setInterval(() => {
			if (alive(Number(parent))) return;
			clearInterval(timer);
			let list = [];
			try { list = JSON.parse(fs.readFileSync(stateFile, 'utf8')); } catch {}
			for (const { pid, marker } of list) {
				let cmdline = '';
				try { cmdline = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').join(' '); } catch { continue; }
				if (!cmdline.includes(marker)) continue;
				try { process.kill(-pid, 'SIGKILL'); } catch {}
			}
			try { fs.writeFileSync(stateFile, '[]'); } catch {}
			setTimeout(() => fs.rmSync(folder, { recursive: true, force: true }), 1000);
		}, 500);`;
	const child = spawn(process.execPath, ['-e', script, String(process.pid), STATE_FILE, folder], {
		detached: true,
		stdio: 'ignore',
	});
	child.unref();
	return child;
}

/** Runs scripts/queue-services.sh: installs Redis / PostgreSQL when missing; returns where their binaries are. */
async function ensureBinaries(): Promise<{ redisServer: string; pgBin: string }> {
	const result = await runOrThrow('bash', [join(REPO_ROOT, 'scripts', 'queue-services.sh')], {
		timeoutMs: 10 * MINUTE,
	});
	const value = (name: string) => {
		const line = result.stdout.split('\n').find((l) => l.startsWith(`${name}=`));
		const found = line?.slice(name.length + 1).trim();
		if (!found)
			throw new Error(`scripts/queue-services.sh printed no ${name}:\n${result.stdout}${result.stderr}`);
		return found;
	};
	return { redisServer: value('REDIS_SERVER'), pgBin: value('PG_BIN') };
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user (setpriv, no fork). */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root, but there is no postgres user to run PostgreSQL as');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** Resolves when `check` does, polling every 200 ms; rejects after `timeoutMs` or when `child` exits. */
async function waitUntil(
	what: string,
	child: ChildProcess,
	check: () => Promise<boolean>,
	timeoutMs: number,
	output: () => string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
			);
		}
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${output()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Sends one inline command to Redis and returns the first reply line ('' when it does not answer). */
export function redisCommand(port: number, command: string, timeoutMs = 2000): Promise<string> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (value: string) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(timeoutMs, () => done(''));
		socket.once('error', () => done(''));
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) done(reply.slice(0, reply.indexOf('\r\n')));
		});
	});
}

function collect(child: ChildProcess): () => string {
	const chunks: string[] = [];
	child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
	return () => chunks.join('').split('\n').slice(-30).join('\n');
}

async function stopChild(
	child: ChildProcess | undefined,
	signal: NodeJS.Signals,
	graceMs: number,
): Promise<void> {
	if (!child || child.pid === undefined) return;
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
	});
	killTree(child, signal);
	const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
	if ((await Promise.race([exited, timer])) === 'late') killTree(child, 'SIGKILL');
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
	killTree(child, 'SIGKILL'); // anything left in its group
}

/** Installs (when missing) and starts PostgreSQL and Redis on free loopback ports. */
export async function startServices(): Promise<Services> {
	const timings: Record<string, number> = {};
	const time = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await step();
		} finally {
			timings[label] = Math.round((Date.now() - started) / 100) / 10;
		}
	};
	stopLeftovers();
	const { redisServer, pgBin } = await time('install check', ensureBinaries);
	const root = mkdtempSync(join(tmpdir(), 'voice-campaigns-queue-'));
	let postgres: ChildProcess | undefined;
	let redis: ChildProcess | undefined;
	// If this process dies before it could clean up (killed, cancelled), a watchdog stops what the suite started.
	const reaper = startReaper(root);
	const stop = async () => {
		await Promise.all([stopChild(postgres, 'SIGINT', 10_000), stopChild(redis, 'SIGTERM', 5000)]);
		rmSync(root, { recursive: true, force: true });
		reaper.kill('SIGKILL');
	};

	try {
		// PostgreSQL: a fresh cluster, trust auth on 127.0.0.1 only, its socket in our folder, durability off (a test DB).
		const pgInfo: PostgresInfo = {
			host: '127.0.0.1',
			port: await freePort(),
			user: 'n8n',
			password: randomBytes(12).toString('hex'),
			database: 'n8n',
		};
		const pgData = join(root, 'pg');
		mkdirSync(pgData, { mode: 0o700 });
		const ids = postgresUserIds();
		if (ids) {
			chownSync(root, ids.uid, ids.gid);
			chownSync(pgData, ids.uid, ids.gid);
		}
		await time('postgres', async () => {
			const [initdb, initdbArgs] = asPostgresUser(join(pgBin, 'initdb'), [
				`--pgdata=${pgData}`,
				`--username=${pgInfo.user}`,
				'--auth=trust',
				'--encoding=UTF8',
				'--locale=C',
				'--no-sync',
			]);
			await runOrThrow(initdb, initdbArgs, { cwd: root, timeoutMs: 2 * MINUTE });
			const [command, args] = asPostgresUser(join(pgBin, 'postgres'), [
				'-D',
				pgData,
				'-h',
				'127.0.0.1',
				'-p',
				String(pgInfo.port),
				'-k',
				root,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=200',
			]);
			postgres = spawnTracked(command, args, { cwd: root });
			recordProcess(postgres, pgData);
			const output = collect(postgres);
			const [createdb, createdbArgs] = asPostgresUser(join(pgBin, 'createdb'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(pgInfo.port),
				'-U',
				pgInfo.user,
				pgInfo.database,
			]);
			await waitUntil(
				'postgres',
				postgres,
				async () =>
					await runOrThrow(createdb, createdbArgs, { cwd: root })
						.then(() => true)
						.catch(() => false),
				MINUTE,
				output,
			);
		});

		const redisInfo: RedisInfo = { host: '127.0.0.1', port: await freePort() };
		await time('redis', async () => {
			redis = spawnTracked(
				redisServer,
				[
					'--bind',
					'127.0.0.1',
					'--port',
					String(redisInfo.port),
					'--dir',
					root,
					'--save',
					'',
					'--appendonly',
					'no',
					'--daemonize',
					'no',
					'--protected-mode',
					'yes',
				],
				{ cwd: root },
			);
			recordProcess(redis, `127.0.0.1:${redisInfo.port}`);
			const output = collect(redis);
			await waitUntil(
				'redis-server',
				redis,
				async () => (await redisCommand(redisInfo.port, 'PING')) === '+PONG',
				MINUTE,
				output,
			);
		});
		return { postgres: pgInfo, redis: redisInfo, timings, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** True when nothing answers on the port any more. */
export function portClosed(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}
