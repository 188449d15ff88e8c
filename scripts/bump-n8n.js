#!/usr/bin/env node
/**
 * Moves the "latest" pin of scripts/n8n-versions.json to the newest n8n 2.x that can be installed from the npm
 * registry, and its Node to the newest release of the same major line that the registry ships as
 * `node-<platform>-<arch>`.
 *
 *   node scripts/bump-n8n.js               find, check and write
 *   node scripts/bump-n8n.js --dry-run     find and check only
 *   options: --n8n=<x.y.z>     check and pin this n8n version instead of the newest
 *            --node-major=<N>  take Node from another major line (when a new n8n needs it; see its "engines")
 *
 * "Installable" means npm resolves n8n's whole dependency tree from the registry (a lockfile-only install, with the
 * same package.json as scripts/install-n8n.js, dependencies as published up to a week after that n8n release): a
 * release whose dependencies are not all served yet fails here and the next older one is tried. The resolved tree is
 * written to scripts/n8n-locks/n8n-<version>.package-lock.json, which scripts/install-n8n.js installs with `npm ci`,
 * so the tree never drifts afterwards. Nothing is installed; after a bump, `node scripts/install-n8n.js` installs the
 * new pin (and checks it starts on its Node) and `npm test` runs the end-to-end test on it.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const {
	VERSIONS_FILE,
	installPackageJson,
	lockFileFor,
	nodePackageName,
	readVersions,
} = require('./n8n-runtime');

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MAJOR = 2;
const MAX_CANDIDATES = 6;

const log = (text) => process.stderr.write(`${text}\n`);

function npm(args, options = {}) {
	const env = { ...process.env, npm_config_update_notifier: 'false' };
	for (const key of Object.keys(env))
		if (
			/^npm_(?!config_(registry|cafile|userconfig|cache)$)/i.test(key) &&
			key !== 'npm_config_update_notifier'
		)
			delete env[key];
	return spawnSync(NPM, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, ...options });
}

const compare = (a, b) => {
	const [x, y] = [a, b].map((v) => v.split('.').map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

function registryVersions(pkg) {
	const result = npm(['view', pkg, 'versions', '--json']);
	if (result.status !== 0) throw new Error(`npm view ${pkg} versions failed:\n${result.stderr}`);
	return JSON.parse(result.stdout).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
}

/** When n8n@version was published (the resolution takes its dependencies as they were a week later). */
function publishedAt(version) {
	const result = npm(['view', `n8n@${version}`, 'time', '--json']);
	const time = result.status === 0 ? JSON.parse(result.stdout)[version] : undefined;
	if (!time) throw new Error(`npm view n8n@${version} time gave no publish date`);
	return new Date(time);
}

/**
 * Resolves n8n@version's whole tree against the registry without installing it (a lockfile-only install) and
 * returns the lockfile's text, or the error. Dependencies are taken as published up to a week after n8n itself
 * (npm's `--before`): the tree its users got, and not a package published since whose own dependencies the registry
 * may not serve yet. The lockfile carries no registry URLs (each user's npm resolves names against its own registry).
 */
function resolveTree(version) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-bump-'));
	try {
		fs.writeFileSync(path.join(dir, 'package.json'), installPackageJson(version));
		const before = new Date(Math.min(Date.now(), publishedAt(version).getTime() + 7 * 24 * 3600_000));
		const started = Date.now();
		const result = npm(
			[
				'install',
				'--package-lock-only',
				'--ignore-scripts',
				'--omit-lockfile-registry-resolved',
				`--before=${before.toISOString()}`,
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: dir, timeout: 10 * 60_000 },
		);
		log(
			`  n8n ${version}: ${result.status === 0 ? 'resolves' : 'does not resolve'} with dependencies published before ${before.toISOString().slice(0, 10)} (${Math.round((Date.now() - started) / 1000)} s)`,
		);
		if (result.status === 0) return { lock: fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8') };
		return {
			error: (result.stderr || result.error?.message || 'unknown error')
				.split('\n')
				.filter((line) => /error/i.test(line))
				.slice(0, 4)
				.join('\n'),
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function main() {
	const { values } = parseArgs({
		options: {
			'node-major': { type: 'string' },
			n8n: { type: 'string' },
			'dry-run': { type: 'boolean', default: false },
		},
	});
	const dryRun = values['dry-run'];
	const pins = readVersions();
	const nodeMajor = Number(values['node-major'] ?? pins.latest.node.split('.')[0]);
	if (!Number.isInteger(nodeMajor)) throw new Error(`--node-major must be a number`);

	const wanted = values.n8n;
	const candidates = wanted
		? [wanted]
		: registryVersions('n8n')
				.filter((v) => Number(v.split('.')[0]) === MAJOR)
				.sort(compare)
				.reverse()
				.slice(0, MAX_CANDIDATES);
	log(`Checking n8n ${candidates.join(', ')} (newest first) against the npm registry…`);
	let n8n;
	let lock;
	for (const version of candidates) {
		const resolved = resolveTree(version);
		if (resolved.lock) {
			n8n = version;
			lock = resolved.lock;
			break;
		}
		log(`    ${resolved.error.replace(/\n/g, '\n    ')}`);
	}
	if (!n8n) throw new Error(`none of n8n ${candidates.join(', ')} resolves from the registry`);

	const engines = npm(['view', `n8n@${n8n}`, 'engines.node']).stdout.trim();
	const nodePackage = nodePackageName();
	const node = registryVersions(nodePackage)
		.filter((v) => Number(v.split('.')[0]) === nodeMajor)
		.sort(compare)
		.pop();
	if (!node) throw new Error(`the registry has no ${nodePackage} ${nodeMajor}.x`);

	const next = { ...pins, latest: { n8n, node } };
	const lockFile = lockFileFor(n8n);
	const changed = JSON.stringify(next) !== JSON.stringify(pins) || !fs.existsSync(lockFile);
	console.log(`latest: n8n ${n8n} (engines.node "${engines}") on Node ${node} (${nodePackage})`);
	console.log(`was:    n8n ${pins.latest.n8n} on Node ${pins.latest.node}`);
	if (!changed) console.log('already pinned: nothing to change');
	else if (dryRun) console.log('--dry-run: scripts/n8n-versions.json left as it is');
	else {
		const text = `{\n${Object.entries(next)
			.map(
				([key, value]) =>
					`  ${JSON.stringify(key)}: { "n8n": ${JSON.stringify(value.n8n)}, "node": ${JSON.stringify(value.node)} }`,
			)
			.join(',\n')}\n}\n`;
		fs.mkdirSync(path.dirname(lockFile), { recursive: true });
		fs.writeFileSync(lockFile, lock);
		const keep = new Set(Object.values(next).map((pin) => path.basename(lockFileFor(pin.n8n))));
		for (const old of fs.readdirSync(path.dirname(lockFile))) {
			if (old.endsWith('.package-lock.json') && !keep.has(old))
				fs.rmSync(path.join(path.dirname(lockFile), old));
		}
		fs.writeFileSync(VERSIONS_FILE, text);
		const shown = (file) => path.relative(process.cwd(), file);
		console.log(
			`wrote ${shown(VERSIONS_FILE)} and ${shown(lockFile)}; next: node scripts/install-n8n.js && npm test`,
		);
	}
}

try {
	main();
} catch (error) {
	log(`bump-n8n: ${error.message}`);
	process.exit(1);
}
