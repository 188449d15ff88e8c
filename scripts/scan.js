#!/usr/bin/env node
/**
 * n8n's verification scanner, run here as n8n runs it before a package can be verified.
 *
 *   node scripts/scan.js source    lints nodes/, credentials/ and package.json with the scanner's own rules
 *                                  (`npm run lint`)
 *   node scripts/scan.js tarball   builds, packs and unpacks the package, then lints the tarball's `**\/*.js` and
 *                                  package.json as the scanner does (a step of `npm test`)
 *   node scripts/scan.js           both
 *
 * `@n8n/scan-community-package` only takes published package names (it checks npm provenance first), but its
 * module exports the analysis it runs: `analyzePackage(dir, patterns)` and `SOURCE_FILE_PATTERNS`. That is what this
 * script calls. The scanner is installed once into ~/.cache/n8n-nodes-voice-campaigns/ with `--ignore-scripts`
 * (its dependency chain would otherwise build a native module that needs Node 24; nothing the analysis uses
 * needs an install script), pinned to SCANNER_VERSION.
 */
const { spawnSync } = require('node:child_process');
const {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} = require('node:fs');
const { homedir, tmpdir } = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { parseArgs } = require('node:util');

const SCANNER_VERSION = '0.32.0';
const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CACHE_ROOT = process.env.N8N_CACHE_DIR ?? path.join(homedir(), '.cache', 'n8n-nodes-voice-campaigns');
const SCANNER_DIR = path.join(CACHE_ROOT, `scan-community-package-${SCANNER_VERSION}`);
const SCANNER_MODULE = path.join(
	SCANNER_DIR,
	'node_modules',
	'@n8n',
	'scan-community-package',
	'scanner',
	'scanner.mjs',
);

function run(command, args, options = {}) {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		...options,
	});
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
	}
	return result.stdout;
}

/** Installs the pinned scanner into the cache, once; a half-done install never takes the final folder's place. */
function ensureScanner() {
	if (existsSync(path.join(SCANNER_DIR, '.complete')) && existsSync(SCANNER_MODULE)) return;
	mkdirSync(CACHE_ROOT, { recursive: true });
	const staging = mkdtempSync(path.join(CACHE_ROOT, '.scanner-'));
	console.log(`scan: installing @n8n/scan-community-package@${SCANNER_VERSION} into ${SCANNER_DIR} (once)`);
	writeFileSync(
		path.join(staging, 'package.json'),
		JSON.stringify({ name: 'n8n-scanner-cache', private: true }, null, 2),
	);
	try {
		run(
			NPM,
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				`@n8n/scan-community-package@${SCANNER_VERSION}`,
			],
			{ cwd: staging },
		);
	} catch (error) {
		rmSync(staging, { recursive: true, force: true });
		throw new Error(
			`${error.message}\nscan: could not install the scanner from the npm registry. Check that the registry is reachable (npm config get registry).`,
		);
	}
	writeFileSync(path.join(staging, '.complete'), '');
	rmSync(SCANNER_DIR, { recursive: true, force: true });
	renameSync(staging, SCANNER_DIR);
}

/** Builds and packs the package, and unpacks the tarball as the scanner does (`--strip-components=1`). */
function unpackedTarball() {
	run(NPM, ['run', 'build'], { cwd: ROOT });
	const work = mkdtempSync(path.join(tmpdir(), 'voice-campaigns-scan-'));
	run(NPM, ['pack', '--pack-destination', work, '--loglevel=error'], { cwd: ROOT });
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const dir = path.join(work, 'package');
	mkdirSync(dir);
	run('tar', ['-xzf', path.join(work, tarball), '-C', dir, '--strip-components=1']);
	return { dir, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

async function main() {
	let which;
	try {
		const { positionals } = parseArgs({ allowPositionals: true, options: {} });
		which = positionals.length <= 1 ? (positionals[0] ?? 'all') : undefined;
	} catch {
		which = undefined;
	}
	if (!['source', 'tarball', 'all'].includes(which)) {
		console.error('usage: node scripts/scan.js [source|tarball]');
		process.exit(2);
	}
	ensureScanner();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(SCANNER_MODULE).href);
	const legs = [];
	if (which !== 'tarball') legs.push({ name: 'source', dir: ROOT, patterns: SOURCE_FILE_PATTERNS });
	let cleanup = () => {};
	if (which !== 'source') {
		const unpacked = unpackedTarball();
		cleanup = unpacked.cleanup;
		legs.push({ name: 'tarball', dir: unpacked.dir, patterns: ['**/*.js', 'package.json'] });
	}
	let failed = false;
	try {
		for (const leg of legs) {
			const result = await analyzePackage(leg.dir, leg.patterns);
			console.log(
				`scan ${leg.name} (@n8n/scan-community-package ${SCANNER_VERSION}): ${result.passed ? 'passed' : `FAILED: ${result.message}`}`,
			);
			if (!result.passed) {
				failed = true;
				if (result.details) console.log(result.details);
			}
		}
	} finally {
		cleanup();
	}
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.error(`scan: ${error.message}`);
	process.exit(1);
});
