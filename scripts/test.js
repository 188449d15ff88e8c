#!/usr/bin/env node
/**
 * `npm test`: every check, in order, stopping at the first failure.
 *
 *   1. build      npm run build
 *   2. lint       npm run lint   (ESLint, then n8n's verification scanner over the source: scripts/scan.js)
 *   3. scan       n8n's verification scanner over the packed tarball (scripts/scan.js tarball)
 *   4. typecheck  npm run typecheck
 *   5. unit       jest --selectProjects unit --maxWorkers=2   (two test files at once: the fault matrix's
 *                 files wait on backoffs and hung requests much of the time; ~5 min on two cores)
 *   6. e2e        jest --selectProjects e2e --runInBand   (real n8n; the first run installs it: ~5 min)
 *   7. queue      jest --selectProjects queue --runInBand   (n8n 2.8.4 in queue mode: main, 2 workers, webhook
 *                 processor, Postgres, Redis; prints `queue mode: <N> passed, <M> failed`; ~1.5 min)
 *
 * Options: --no-e2e skips step 6; --only <step>[,<step>…] runs just those steps.
 * Prints how long each step took, and repeats jest's summary lines at the end. Exits non-zero on any failure.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')];

const STEPS = [
	{ name: 'build', command: NPM, args: ['run', 'build'] },
	{ name: 'lint', command: NPM, args: ['run', 'lint'] },
	{ name: 'scan', command: process.execPath, args: [path.join(ROOT, 'scripts', 'scan.js'), 'tarball'] },
	{ name: 'typecheck', command: NPM, args: ['run', 'typecheck'] },
	{
		name: 'unit',
		command: process.execPath,
		args: [...JEST, '--selectProjects', 'unit', '--maxWorkers=2'],
		jest: true,
	},
	{
		name: 'e2e',
		command: process.execPath,
		args: [...JEST, '--selectProjects', 'e2e', '--runInBand'],
		jest: true,
	},
	{
		// n8n in queue mode: Postgres + Redis (installed with apt-get when missing), main + 2 workers + webhook processor.
		name: 'queue',
		command: process.execPath,
		args: [
			...JEST,
			'--selectProjects',
			'queue',
			'--runInBand',
			'--reporters=default',
			`--reporters=${path.join(ROOT, 'test', 'queue', 'summary-reporter.js')}`,
		],
		jest: true,
	},
];

function parseArgs(argv) {
	let selected = STEPS.map((s) => s.name);
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--no-e2e') selected = selected.filter((name) => name !== 'e2e');
		else if (arg === '--only' || arg.startsWith('--only=')) {
			const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
			const names = String(value ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			const unknown = names.filter((name) => !STEPS.some((s) => s.name === name));
			if (!names.length || unknown.length) usage(`unknown step(s): ${unknown.join(', ') || '(none)'}`);
			selected = names;
		} else if (arg === '-h' || arg === '--help') usage();
		else usage(`unknown option ${arg}`);
	}
	return STEPS.filter((s) => selected.includes(s.name));
}

function usage(error) {
	const text = `usage: node scripts/test.js [--no-e2e] [--only ${STEPS.map((s) => s.name).join(',')}]`;
	if (error) {
		console.error(`test: ${error}\n${text}`);
		process.exit(2);
	}
	console.log(text);
	process.exit(0);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rule = (text) => `\n━━━ ${text} ${'━'.repeat(Math.max(3, 76 - text.length))}`;

/** Runs a step with its output streaming through; for jest, also keeps the summary lines. */
function runStep(step) {
	return new Promise((resolve) => {
		const env = { ...process.env };
		// Keep colours when we are on a terminal even though jest's output goes through a pipe.
		if (step.jest && process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
		const child = spawn(step.command, step.args, {
			cwd: ROOT,
			env,
			stdio: ['ignore', step.jest ? 'pipe' : 'inherit', step.jest ? 'pipe' : 'inherit'],
		});
		const summary = [];
		if (step.jest) {
			const scan = (stream, out) => {
				let buffered = '';
				stream.on('data', (chunk) => {
					out.write(chunk);
					buffered += chunk.toString('utf8');
					const lines = buffered.split('\n');
					buffered = lines.pop();
					for (const line of lines) {
						// eslint-disable-next-line no-control-regex
						const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
						if (/^(Test Suites|Tests|Snapshots|Time):/.test(plain)) summary.push(plain);
					}
				});
			};
			scan(child.stdout, process.stdout);
			scan(child.stderr, process.stderr);
		}
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('error', (error) => {
			console.error(`test: could not run ${step.command}: ${error.message}`);
		});
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve({ code: code ?? (signal ? 128 : 1), signal, summary });
		});
	});
}

async function main() {
	const steps = parseArgs(process.argv.slice(2));
	const results = [];
	const started = Date.now();
	let failed;

	for (const [index, step] of steps.entries()) {
		console.log(rule(`[${index + 1}/${steps.length}] ${step.name}`));
		const stepStarted = Date.now();
		const { code, signal, summary } = await runStep(step);
		const ms = Date.now() - stepStarted;
		results.push({ step, ms, ok: code === 0, summary });
		console.log(
			code === 0
				? `✓ ${step.name} passed in ${seconds(ms)}`
				: `✗ ${step.name} FAILED in ${seconds(ms)} (${signal ? `signal ${signal}` : `exit code ${code}`})`,
		);
		if (code !== 0) {
			failed = { step, code };
			break;
		}
	}

	console.log(rule('summary'));
	for (const { step, ms, ok, summary } of results) {
		console.log(`${ok ? '✓' : '✗'} ${step.name.padEnd(10)} ${seconds(ms).padStart(8)}`);
		for (const line of summary) console.log(`    ${line}`);
	}
	for (const step of steps.slice(results.length)) console.log(`- ${step.name.padEnd(10)}  skipped`);
	console.log(`total ${seconds(Date.now() - started)}`);
	if (failed) {
		console.log(`\nnpm test FAILED at step "${failed.step.name}"`);
		process.exit(failed.code || 1);
	}
	console.log('\nnpm test passed');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
