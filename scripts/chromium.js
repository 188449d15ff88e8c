#!/usr/bin/env node
/**
 * Chromium for the editor suite: Debian's `chromium` package (driven by playwright-core; no browser download).
 *
 * `findChromium()` looks at CHROMIUM_PATH, then the usual Debian paths; `ensureChromium()` installs the package
 * with apt-get first when none is there and we may (root on a Debian-like machine, as in CI).
 * `node scripts/chromium.js` does the same from the command line (npm test runs it before the editor step) and
 * prints the binary's path.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const MINUTE = 60_000;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
	return CANDIDATES.find((path) => fs.existsSync(path));
}

/** Runs a command with its output on stderr (stdout stays for the path); rejects unless it exits 0. */
function runQuietly(command, args, timeoutMs) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.pipe(process.stderr, { end: false });
		child.stderr.pipe(process.stderr, { end: false });
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
		});
	});
}

/** The Chromium binary; installs Debian's package when it is missing and we may (root, apt-get present). */
async function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(
			'Chromium is not installed: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary)',
		);
	}
	process.stderr.write('Installing Chromium (apt-get install -y chromium)…\n');
	await runQuietly('apt-get', ['update'], 10 * MINUTE);
	await runQuietly('apt-get', ['install', '-y', 'chromium'], 15 * MINUTE);
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found');
	return installed;
}

module.exports = { findChromium, ensureChromium };

if (require.main === module) {
	ensureChromium().then(
		(path) => console.log(path),
		(error) => {
			console.error(`chromium: ${error.message}`);
			process.exit(1);
		},
	);
}
