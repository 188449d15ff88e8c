#!/usr/bin/env node
/**
 * Installs a real n8n, and the Node it runs on, into the cache folder outside the project, once
 * (see scripts/n8n-runtime.js for the layout and scripts/n8n-versions.json for the pins).
 *
 *   node scripts/install-n8n.js                 the latest pinned n8n (and its Node 24 from the npm registry)
 *   node scripts/install-n8n.js --n8n=oldest    n8n 2.8.4 on the machine's Node (also --n8n=2.8.4)
 *   node scripts/install-n8n.js --all           every pinned version
 *   options: --node=<x.y.z|system>  run an unpinned n8n version on that Node
 *            --clean-npm-config     ignore this machine's npm settings (no ~/.npmrc, no global npmrc, a temporary
 *                                   HOME and npm cache): what a fresh machine gets. On by default when CI is set.
 *            --check                install nothing; check each install is complete and its native modules load
 *
 * Prints each n8n folder on stdout (one line per version); progress goes to stderr. A warm run is a no-op.
 *
 * How: the Node (`node-<platform>-<arch>@<version>`: bin/node and include/node) is unpacked from its npm tarball.
 * n8n is installed into a temporary folder beside its final one, with a package.json that overrides `xlsx` (n8n
 * pins it to a CDN tarball that is often unreachable) and, for the pinned versions, with `npm ci` from the lockfile
 * in scripts/n8n-locks/ (so its dependency tree does not drift with what is published later), then checked (native modules load, `n8n --version` runs on
 * its Node) and renamed into place, so a failed or interrupted install never leaves a folder that looks usable.
 * Native modules build against the headers of the Node that runs n8n, passed as npm's `nodedir` here rather than
 * taken from the machine's npm config: the machine's Node's own prefix (/usr/include/node) or the cached Node's
 * folder. On the machine's Node every install script runs; on a cached Node the tree is installed with
 * `--ignore-scripts` (some optional native packages' scripts download binaries from outside the npm registry and
 * fail) and then only `sqlite3`, which n8n needs, is rebuilt from source.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs: parseOptions } = require('node:util');

const {
	installPackageJson,
	lockFileFor,
	nodePackageName,
	readComplete,
	readVersions,
	resolveRuntime,
	n8nBin,
	installInfo,
	withNodeOnPath,
} = require('./n8n-runtime');
const { takeLock } = require('./lock');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Native packages rebuilt after an `--ignore-scripts` install (the others n8n loads have prebuilds or fallbacks). */
const REBUILD = ['sqlite3'];
/** Native packages that must load on the Node that runs n8n. */
const NATIVE_CHECKS = ['sqlite3', 'isolated-vm'];

const log = (text) => process.stderr.write(`${text}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

class InstallError extends Error {
	constructor(message, fix) {
		super(message);
		this.fix = fix;
	}
}

function parseArgs(argv) {
	const options = { targets: [], node: undefined, clean: !!process.env.CI, check: false };
	let tokens;
	try {
		({ tokens } = parseOptions({
			args: argv,
			tokens: true,
			options: {
				n8n: { type: 'string', multiple: true },
				node: { type: 'string' },
				all: { type: 'boolean' },
				'clean-npm-config': { type: 'boolean' },
				check: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (error) {
		log(`install-n8n: ${error.message} (--help lists the options)`);
		process.exit(2);
	}
	// In the order given: --n8n and --all add their versions one after the other.
	for (const { name, value } of tokens.filter((token) => token.kind === 'option')) {
		if (name === 'n8n') options.targets.push(value);
		else if (name === 'node') options.node = value;
		else if (name === 'all') options.targets.push(...Object.keys(readVersions()));
		else if (name === 'clean-npm-config') options.clean = true;
		else if (name === 'check') options.check = true;
		else if (name === 'help') {
			log(
				'usage: node scripts/install-n8n.js [--n8n=<version>|latest|oldest] [--all] [--node=<x.y.z>|system] [--clean-npm-config] [--check]',
			);
			process.exit(0);
		}
	}
	if (!options.targets.length) options.targets.push(process.env.N8N_VERSION || 'latest');
	return options;
}

// ───────────────────────────────────────── npm environment ─────────────────────────────────────────

/**
 * The environment for npm: the runtime's Node first on PATH, npm's `nodedir` set to its headers, and none of an
 * enclosing `npm run`'s npm_* variables except where to find the registry. With `clean`, no npm config of this
 * machine at all: empty user and global npmrc, a temporary HOME (so no ~/.npmrc, no node-gyp header cache) and npm
 * cache.
 */
function npmEnvironment(runtime, cleanHome) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key)) {
			if (!cleanHome && /^npm_config_(cache|registry|userconfig|globalconfig|cafile)$/i.test(key))
				env[key] = value;
			continue;
		}
		if (cleanHome && /^XDG_(CACHE|CONFIG)_HOME$/.test(key)) continue;
		env[key] = value;
	}
	if (cleanHome) {
		env.HOME = cleanHome;
		env.USERPROFILE = cleanHome;
		env.npm_config_userconfig = path.join(cleanHome, 'user.npmrc');
		env.npm_config_globalconfig = path.join(cleanHome, 'global.npmrc');
		env.npm_config_cache = path.join(cleanHome, 'npm-cache');
	}
	if (runtime.nodeDir) env.npm_config_nodedir = runtime.nodeDir;
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return withNodeOnPath(runtime.nodeBin, env);
}

function makeCleanHome() {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-npm-home-'));
	fs.writeFileSync(path.join(home, 'user.npmrc'), '');
	fs.writeFileSync(path.join(home, 'global.npmrc'), '');
	return home;
}

/** Runs a command, its output going to stderr and to `logFile`; resolves with the output and exit code. */
function runLogged(command, args, { cwd, env, logFile, echo = true }) {
	return new Promise((resolve) => {
		const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
		out?.write(`\n$ ${command} ${args.join(' ')}   (in ${cwd})\n`);
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const chunks = [];
		const take = (chunk) => {
			chunks.push(chunk);
			if (echo) process.stderr.write(chunk);
			out?.write(chunk);
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.once('error', (error) => take(Buffer.from(`${command}: ${error.message}\n`)));
		child.once('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			const output = Buffer.concat(chunks).toString('utf8');
			if (out) out.end(() => resolve({ code: code ?? 1, signal, output }));
			else resolve({ code: code ?? 1, signal, output });
		});
	});
}

// ───────────────────────────────────────── diagnosis ─────────────────────────────────────────

/** Turns a failed npm command's output into the cause and what to do about it. */
function diagnose(output, runtime, what, locked = false) {
	const nodeLabel = `Node ${runtime.nodeVersion}`;
	const failedPath = [...output.matchAll(/npm (?:error|ERR!) path (\S+)/g)].pop()?.[1];
	const failedPackage = failedPath?.split(/[\\/]node_modules[\\/]/).pop();
	const missing = output.match(
		/npm (?:error|ERR!) (?:404|notarget)[^\n]*?['‘"]?((?:@[\w.-]+\/)?[\w.-]+@[^\s'’"]+)/,
	);
	if (/\b(E404|ETARGET)\b/.test(output) && missing) {
		return new InstallError(
			`${what}: the npm registry does not serve ${missing[1].replace(/[.,;:]+$/, '')}, which n8n ${runtime.n8nVersion} needs`,
			locked
				? `the lockfile scripts/n8n-locks/n8n-${runtime.n8nVersion}.package-lock.json names a version this registry does not serve: resolve it again with \`node scripts/bump-n8n.js --n8n=${runtime.n8nVersion}\` (or pin another version with \`node scripts/bump-n8n.js\`).`
				: `this n8n version is not installable (yet). Pin the newest installable 2.x with \`node scripts/bump-n8n.js\`, or set N8N_VERSION to an older one.`,
		);
	}
	const host = output.match(
		/\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET)\b[^\n]*?(?:https?:\/\/)?([a-z0-9.-]+\.[a-z]{2,})/i,
	);
	if (
		host &&
		!/gyp/.test(output.slice(Math.max(0, output.indexOf(host[0]) - 200), output.indexOf(host[0])))
	) {
		return new InstallError(
			`${what}: a download from ${host[1]} failed (${host[0].split(/\s/)[0]})`,
			/xlsx|cdn\.sheetjs/i.test(output)
				? "the xlsx override in the install folder's package.json should avoid this CDN; check it is there."
				: `check the network and npm's registry/proxy settings can reach ${host[1]}.`,
		);
	}
	if (/\bENOSPC\b/.test(output)) {
		return new InstallError(
			`${what}: the disk is full`,
			'an n8n install needs about 2.5 GB free in the cache folder and the npm cache.',
		);
	}
	if (failedPackage && /gyp (?:ERR!|info)|node-gyp|prebuild-install|make:/.test(output)) {
		const cause = `${what}: the native module ${failedPackage} did not build for ${nodeLabel}`;
		if (/node\.h|node_api\.h|common\.gypi|nodejs\.org|Could not find|headers/i.test(output)) {
			return new InstallError(
				`${cause}: the headers of ${nodeLabel} were not found`,
				runtime.nodeSpec === 'system'
					? `install Node's headers so that ${path.resolve(path.dirname(process.execPath), '..', 'include', 'node', 'node.h')} exists (e.g. your distribution's Node development package), or set npm_config_nodedir to a folder with include/node of ${nodeLabel}.`
					: `the cached Node in ${runtime.nodeDir} should ship include/node: delete that folder and run this again.`,
			);
		}
		if (
			/(?:gcc|g\+\+|c\+\+|cc|make|python3?)\W*(?:: )?(?:not found|command not found)|not found: (?:gcc|g\+\+|c\+\+|cc|make|python3?)\b|find Python|No such file or directory: '(?:python|make)/i.test(
				output,
			)
		) {
			return new InstallError(
				`${cause}: a compiler, make or Python is missing`,
				'install a C/C++ toolchain and Python 3 (Debian/Ubuntu: apt-get install build-essential python3).',
			);
		}
		return new InstallError(cause, `see the compiler output above (also in the log named below).`);
	}
	if (/\bKilled\b|ENOMEM|JavaScript heap out of memory/.test(output)) {
		return new InstallError(`${what}: out of memory`, 'an n8n install needs about 1.5 GB of free memory.');
	}
	const lastError = output
		.split('\n')
		.filter((line) => /npm (?:error|ERR!)/.test(line))
		.slice(-3)
		.join('\n');
	return new InstallError(
		`${what} failed${lastError ? `:\n${lastError}` : ''}`,
		'see the output above (also in the log named below).',
	);
}

// ───────────────────────────────────────── installs ─────────────────────────────────────────

/** Moves a finished temporary folder into place, unless another process already completed the same install. */
function moveIntoPlace(tmp, dir) {
	fs.chmodSync(tmp, 0o755); // mkdtemp made it private
	if (readComplete(dir)) {
		fs.rmSync(tmp, { recursive: true, force: true });
		return;
	}
	fs.rmSync(dir, { recursive: true, force: true }); // a folder without .complete: an older, broken attempt
	try {
		fs.renameSync(tmp, dir);
	} catch (error) {
		if (!readComplete(dir)) throw error;
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** Unpacks the pinned Node (binary and headers) from the npm registry into the cache, unless it is there. */
async function ensureNode(runtime, context) {
	if (runtime.nodeSpec === 'system') return;
	if (readComplete(runtime.nodeDir) && fs.existsSync(runtime.nodeBin)) return;
	const pkg = `${nodePackageName()}@${runtime.nodeVersion}`;
	log(
		`install-n8n: installing Node ${runtime.nodeVersion} (${pkg} from the npm registry) into ${runtime.nodeDir}`,
	);
	const started = Date.now();
	fs.mkdirSync(runtime.cacheRoot, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(runtime.cacheRoot, `.node-${runtime.nodeVersion}.partial-`));
	try {
		const env = npmEnvironment(
			{ ...runtime, nodeBin: process.execPath, nodeDir: undefined },
			context.cleanHome,
		);
		const packed = await runLogged(
			NPM,
			['pack', pkg, '--json', '--loglevel=error', '--pack-destination', tmp],
			{
				cwd: tmp,
				env,
				logFile: context.logFile,
				echo: false,
			},
		);
		if (packed.code !== 0) {
			process.stderr.write(packed.output);
			const error = diagnose(packed.output, runtime, `npm pack ${pkg}`);
			if (/E404|ETARGET/.test(packed.output)) {
				error.fix = `the npm registry has no ${pkg} (is there a Node package for ${process.platform}-${process.arch}?). Pin another Node in scripts/n8n-versions.json, or install that Node yourself and run with --node=system.`;
			}
			throw error;
		}
		const [{ filename }] = JSON.parse(packed.output.slice(packed.output.indexOf('[')));
		const unpacked = path.join(tmp, 'node');
		fs.mkdirSync(unpacked);
		const tar = spawnSync(
			'tar',
			['-xzf', path.join(tmp, path.basename(filename)), '-C', unpacked, '--strip-components=1'],
			{
				encoding: 'utf8',
			},
		);
		if (tar.status !== 0)
			throw new InstallError(
				`could not unpack ${filename}: ${tar.stderr || tar.error?.message}`,
				'check that tar is installed and the disk has space.',
			);
		const bin = path.join(unpacked, 'bin', 'node');
		const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
		if (version.stdout?.trim() !== `v${runtime.nodeVersion}`) {
			throw new InstallError(
				`the Node binary of ${pkg} does not run here (${(version.stderr || version.error?.message || version.stdout || '').trim()})`,
				'this machine may lack the C library it needs; install that Node yourself and run with --node=system.',
			);
		}
		if (!fs.existsSync(path.join(unpacked, 'include', 'node', 'node.h'))) {
			throw new InstallError(
				`${pkg} has no include/node headers`,
				'pin a Node version whose package ships its headers (24.x does).',
			);
		}
		fs.writeFileSync(
			path.join(unpacked, '.complete'),
			`${JSON.stringify({ package: pkg, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		moveIntoPlace(unpacked, runtime.nodeDir);
		log(`install-n8n: Node ${runtime.nodeVersion} installed in ${seconds(Date.now() - started)}`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** Loads the native modules n8n needs, and runs `n8n --version`, on the runtime's Node; throws if either fails. */
function checkInstall(runtime, dir) {
	const script = `
		const fs = require('node:fs');
		const path = require('node:path');
		const root = path.join(${JSON.stringify(dir)}, 'node_modules');
		const found = [];
		const look = (base, depth) => {
			for (const name of ${JSON.stringify(NATIVE_CHECKS)}) if (fs.existsSync(path.join(base, name, 'package.json'))) found.push(path.join(base, name));
			if (depth === 0) return;
			for (const entry of fs.readdirSync(base)) {
				if (entry.startsWith('.')) continue;
				const scoped = entry.startsWith('@') ? fs.readdirSync(path.join(base, entry)).map((e) => path.join(entry, e)) : [entry];
				for (const pkg of scoped) {
					const nested = path.join(base, pkg, 'node_modules');
					if (fs.existsSync(nested)) look(nested, depth - 1);
				}
			}
		};
		look(root, 1);
		for (const dir of found) {
			const mod = require(dir);
			if (dir.endsWith('isolated-vm')) new mod.Isolate({ memoryLimit: 16 }).dispose();
			console.log('loaded ' + path.relative(root, dir));
		}
	`;
	const env = withNodeOnPath(runtime.nodeBin, { ...process.env });
	const natives = spawnSync(runtime.nodeBin, ['--no-node-snapshot', '-e', script], {
		cwd: dir,
		env,
		encoding: 'utf8',
	});
	if (natives.status !== 0) {
		const lines = (natives.stderr || natives.error?.message || '').trim().split('\n');
		const module = lines
			.find((line) => /node_modules/.test(line))
			?.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
		throw new InstallError(
			`a native module${module ? ` (${module})` : ''} does not load on Node ${runtime.nodeVersion}:\n${lines.slice(0, 6).join('\n')}`,
			`it was built for another Node or not built: delete ${dir} and run this again.`,
		);
	}
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-n8n-check-'));
	try {
		const cliEnv = { ...env, N8N_USER_FOLDER: userFolder, N8N_DIAGNOSTICS_ENABLED: 'false' };
		delete cliEnv.NODE_OPTIONS;
		const version = spawnSync(runtime.nodeBin, [n8nBin(dir), '--version'], {
			cwd: userFolder,
			env: cliEnv,
			encoding: 'utf8',
			timeout: 120_000,
		});
		const printed = `${version.stdout ?? ''}`.trim().split('\n').pop();
		if (version.status !== 0 || printed !== runtime.n8nVersion) {
			throw new InstallError(
				`n8n ${runtime.n8nVersion} does not start on Node ${runtime.nodeVersion} (n8n --version: ${`${version.stderr || version.error?.message || printed}`.trim().split('\n').slice(-6).join('\n')})`,
				`delete ${dir} and run this again; if it persists, this n8n needs another Node (see its package.json "engines").`,
			);
		}
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return natives.stdout.trim().split('\n').filter(Boolean);
}

/**
 * Takes `<n8nDir>.installing`. While another live process holds it, waits for that install to finish (done: it
 * completed the folder) or to die (its lock is then taken over). Two installs at once would only share two cores
 * and throw one result away.
 */
async function lockOrWait(runtime) {
	return await takeLock(`${runtime.n8nDir}.installing`, {
		done: () => Boolean(installInfo(runtime.n8nDir)),
		onWait: (holder) =>
			log(`install-n8n: another process (pid ${holder}) is installing ${runtime.label}; waiting for it`),
		pollMs: 5000,
	});
}

async function ensureN8n(runtime, context) {
	if (installInfo(runtime.n8nDir)) return { cached: true };
	fs.mkdirSync(runtime.cacheRoot, { recursive: true });
	const lock = await lockOrWait(runtime);
	if (lock.done) return { cached: true };
	try {
		if (installInfo(runtime.n8nDir)) return { cached: true };
		return await installN8n(runtime, context);
	} finally {
		lock.release();
	}
}

async function installN8n(runtime, context) {
	const started = Date.now();
	if (
		runtime.nodeSpec !== 'system' &&
		!fs.existsSync(path.join(runtime.nodeDir, 'include', 'node', 'node.h'))
	) {
		throw new InstallError(
			`the cached Node in ${runtime.nodeDir} has no headers (include/node), which sqlite3's build needs`,
			`delete ${runtime.nodeDir} and run this again (its npm package ships them).`,
		);
	}
	if (!runtime.nodeDir) {
		log(
			`install-n8n: warning: Node ${runtime.nodeVersion} has no headers next to it (${path.resolve(path.dirname(process.execPath), '..', 'include', 'node')}); native modules that build from source will try to download them from nodejs.org. If that is unreachable, set npm_config_nodedir to a folder with include/node of this Node.`,
		);
	}
	log(
		`install-n8n: installing ${runtime.label} into ${runtime.n8nDir} (first time only: ~6 min on 2 cores)${context.cleanHome ? ', with no npm config of this machine' : ''}`,
	);
	fs.mkdirSync(runtime.cacheRoot, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(runtime.cacheRoot, `.${path.basename(runtime.n8nDir)}.partial-`));
	const env = npmEnvironment(runtime, context.cleanHome);
	const lockFile = lockFileFor(runtime.n8nVersion);
	const locked = fs.existsSync(lockFile);
	const times = [];
	const step = async (label, args) => {
		const t = Date.now();
		const result = await runLogged(NPM, args, { cwd: tmp, env, logFile: context.logFile });
		times.push(`${label} ${seconds(Date.now() - t)}`);
		if (result.code !== 0)
			throw diagnose(result.output, runtime, `${label} (n8n ${runtime.n8nVersion})`, locked);
	};
	try {
		fs.writeFileSync(path.join(tmp, 'package.json'), installPackageJson(runtime.n8nVersion));
		if (locked) fs.copyFileSync(lockFile, path.join(tmp, 'package-lock.json'));
		else
			log(
				`install-n8n: no lockfile for n8n ${runtime.n8nVersion} (${path.relative(process.cwd(), lockFile)}): its dependencies resolve to their newest versions`,
			);
		const common = ['--no-audit', '--no-fund', '--loglevel=error'];
		const install = locked ? 'ci' : 'install';
		if (runtime.nodeSpec === 'system') {
			await step(`npm ${install}`, [install, ...common]);
		} else {
			await step(`npm ${install}`, [install, '--ignore-scripts', ...common]);
			for (const name of REBUILD) {
				if (fs.existsSync(path.join(tmp, 'node_modules', name)))
					await step(`npm rebuild ${name}`, ['rebuild', name, ...common]);
			}
		}
		const t = Date.now();
		const loaded = checkInstall(runtime, tmp);
		times.push(`check ${seconds(Date.now() - t)}`);
		fs.writeFileSync(
			path.join(tmp, '.complete'),
			`${JSON.stringify(
				{
					n8n: runtime.n8nVersion,
					node: runtime.nodeSpec,
					nodeVersion: runtime.nodeVersion,
					nodedir: runtime.nodeDir ?? null,
					cleanNpmConfig: !!context.cleanHome,
					natives: loaded,
					installedAt: new Date().toISOString(),
					seconds: Math.round((Date.now() - started) / 1000),
				},
				null,
				2,
			)}\n`,
		);
		moveIntoPlace(tmp, runtime.n8nDir);
	} catch (error) {
		fs.rmSync(tmp, { recursive: true, force: true });
		throw error;
	}
	log(`install-n8n: ${runtime.label} installed in ${seconds(Date.now() - started)} (${times.join(', ')})`);
	return { cached: false };
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const runtimes = [];
	for (const target of [...new Set(options.targets)]) {
		try {
			runtimes.push(resolveRuntime({ n8n: target, node: options.node }));
		} catch (error) {
			log(`install-n8n: ${error.message}`);
			process.exit(2);
		}
	}
	for (const runtime of runtimes) {
		const logFile = path.join(runtime.cacheRoot, 'logs', `${path.basename(runtime.n8nDir)}.log`);
		const context = { cleanHome: undefined, logFile };
		try {
			if (options.check) {
				if (!installInfo(runtime.n8nDir))
					throw new InstallError(
						`${runtime.label} is not installed in ${runtime.n8nDir}`,
						'run node scripts/install-n8n.js without --check.',
					);
				const t = Date.now();
				const loaded = checkInstall(runtime, runtime.n8nDir);
				log(
					`install-n8n: ${runtime.label}: complete; ${loaded.join(', ') || 'no native modules'}; n8n --version ok (${seconds(Date.now() - t)})`,
				);
			} else if (
				!installInfo(runtime.n8nDir) ||
				(runtime.nodeSpec !== 'system' && !readComplete(runtime.nodeDir))
			) {
				fs.mkdirSync(path.dirname(logFile), { recursive: true });
				fs.appendFileSync(
					logFile,
					`\n=== install-n8n ${runtime.label}, ${new Date().toISOString()} (pid ${process.pid})\n`,
				);
				if (options.clean) context.cleanHome = makeCleanHome();
				try {
					await ensureNode(runtime, context);
					await ensureN8n(runtime, context);
				} finally {
					if (context.cleanHome) fs.rmSync(context.cleanHome, { recursive: true, force: true });
				}
			}
		} catch (error) {
			log(`\ninstall-n8n: FAILED: ${error.message}`);
			if (error.fix) log(`install-n8n: fix: ${error.fix}`);
			if (!options.check) log(`install-n8n: full log: ${logFile}`);
			process.exit(1);
		}
		process.stdout.write(`${runtime.n8nDir}\n`);
	}
}

if (require.main === module) {
	main().catch((error) => {
		log(`install-n8n: ${error.stack || error.message}`);
		process.exit(1);
	});
}

module.exports = { diagnose };
