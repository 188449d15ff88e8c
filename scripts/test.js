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
 *   6. e2e-latest jest --selectProjects e2e agent --runInBand on the latest pinned n8n (scripts/n8n-versions.json),
 *                 which runs on its own Node 24 (cached beside it); jest itself stays on this Node. The agent project
 *                 (test/agent/) runs the example AI Agent with the action nodes as its tools against a scripted
 *                 chat model and prints `agent tools: <N> passed, <M> failed (<s> s)` (~1 min more)
 *   7. e2e-oldest the e2e project on the oldest supported n8n (2.8.4), on this machine's Node
 *      Each e2e step first installs its n8n (and Node) if missing (scripts/install-n8n.js: ~6 min cold, timed on
 *      its own line; the installs run one after the other) and ends with `e2e n8n <version> on node <version>:
 *      <N> passed, <M> failed`. Then both run at the same time (each mostly waits on one n8n CLI process, so
 *      together they use the two cores): the latest's output streams, the oldest's is printed once it ends. Each
 *      version's result is its own.
 *   8. queue      jest --selectProjects queue --runInBand   (the latest pinned n8n, 2.41.1 on its own Node 24, or
 *                 $N8N_VERSION's, in queue mode: main, 2 workers, webhook processor, Postgres, Redis; prints
 *                 `queue mode: <N> passed, <M> failed`; ~3.5 min, ~2.5 min on 2.8.4)
 *   9. editor     jest -c test/editor/jest.config.js --runInBand   (n8n's editor in Chromium, installed with apt-get
 *                 when missing, on the latest pinned n8n, 2.41.1 on its own Node 24, or $EDITOR_N8N_VERSION's
 *                 (`oldest`: 2.8.4): nodes panel, dropdowns, runs, each trigger published and fired by its sandbox;
 *                 prints `editor: <N> passed, <M> failed (<s> s)`; ~3.5 min)
 *      Queue and editor run at the same time too, after their installs (Redis and PostgreSQL, Chromium; apt-get
 *      one at a time): the queue suite spends much of its time waiting on n8n (a killed worker's execution is
 *      recorded ~30 s later), the editor on the browser.
 *
 * Options: --no-e2e skips steps 6-7; --only <step>[,<step>…] runs just those steps (`e2e` means both).
 * Prints how long each step took, and repeats jest's summary lines at the end. Exits non-zero on any failure.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { parseArgs: parseOptions } = require('node:util');

const { resolveRuntime } = require('./n8n-runtime');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')];

/**
 * One end-to-end step per pinned n8n version: its install (if missing), then the e2e jest project on it (and
 * `projects` more in the same jest run).
 */
const e2eStep = (pin, projects = []) => {
	const runtime = resolveRuntime({ n8n: pin });
	return {
		name: `e2e-${pin}`,
		runtime,
		prepare: {
			label: `install ${runtime.label}`,
			command: process.execPath,
			args: [path.join(__dirname, 'install-n8n.js'), `--n8n=${pin}`],
		},
		command: process.execPath,
		args: [...JEST, '--selectProjects', 'e2e', ...projects, '--runInBand'],
		env: { N8N_VERSION: pin },
		jest: true,
		together: 'e2e',
	};
};

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
	// The latest also runs the AI Agent suite (test/agent/: the action nodes as an agent's tools; its own line
	// `agent tools: <N> passed, <M> failed (<s> s)`): one more n8n after the e2e suites, while the oldest's run.
	e2eStep('latest', ['agent']),
	e2eStep('oldest'),
	{
		// n8n in queue mode: Postgres + Redis (installed with apt-get when missing), main + 2 workers + webhook processor.
		name: 'queue',
		// Installs Redis and PostgreSQL with apt-get when missing, before any step of its stage starts (apt-get runs
		// one at a time).
		together: 'queue-editor',
		prepare: {
			label: 'Redis and PostgreSQL',
			command: 'bash',
			args: [path.join(ROOT, 'scripts', 'queue-services.sh')],
		},
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
	{
		// n8n's editor in Chromium (test/editor/): the nodes as a person meets them; its config adds the summary line.
		name: 'editor',
		together: 'queue-editor',
		prepare: {
			label: 'Chromium',
			command: process.execPath,
			args: [path.join(ROOT, 'scripts', 'chromium.js')],
		},
		command: process.execPath,
		args: [...JEST, '-c', path.join(ROOT, 'test', 'editor', 'jest.config.js'), '--runInBand'],
		jest: true,
	},
];
const isE2e = (name) => name.startsWith('e2e-');

function parseArgs(argv) {
	let tokens;
	try {
		({ tokens } = parseOptions({
			args: argv,
			tokens: true,
			options: {
				'no-e2e': { type: 'boolean' },
				only: { type: 'string' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (error) {
		usage(error.message);
	}
	let selected = STEPS.map((s) => s.name);
	// In the order given: a later --only replaces the selection, --no-e2e takes the e2e steps out of it.
	for (const { name, value } of tokens.filter((token) => token.kind === 'option')) {
		if (name === 'no-e2e') selected = selected.filter((step) => !isE2e(step));
		else if (name === 'only') {
			const names = String(value ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
				.flatMap((step) => (step === 'e2e' ? STEPS.filter((s) => isE2e(s.name)).map((s) => s.name) : [step]));
			const unknown = names.filter((step) => !STEPS.some((s) => s.name === step));
			if (!names.length || unknown.length) usage(`unknown step(s): ${unknown.join(', ') || '(none)'}`);
			selected = names;
		} else if (name === 'help') usage();
	}
	return STEPS.filter((s) => selected.includes(s.name));
}

function usage(error) {
	const text = `usage: node scripts/test.js [--no-e2e] [--only ${STEPS.map((s) => s.name).join(',')},e2e]`;
	if (error) {
		console.error(`test: ${error}\n${text}`);
		process.exit(2);
	}
	console.log(text);
	process.exit(0);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rule = (text) => `\n━━━ ${text} ${'━'.repeat(Math.max(3, 76 - text.length))}`;

/** Runs a step with its output streaming through; for jest, also keeps the summary lines and test counts. */
function runStep(step, options = {}) {
	// Buffered: the output is kept (in order, stdout and stderr interleaved as they came) and printed by the caller.
	const buffer = options.buffered ? [] : undefined;
	const sink = (stream) => (buffer ? { write: (chunk) => buffer.push([stream, chunk]) } : stream);
	return new Promise((resolve) => {
		const env = { ...process.env, ...step.env };
		// Keep colours when we are on a terminal even though jest's output goes through a pipe.
		if (step.jest && process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
		const child = spawn(step.command, step.args, {
			cwd: ROOT,
			env,
			stdio: ['ignore', step.jest ? 'pipe' : 'inherit', step.jest ? 'pipe' : 'inherit'],
		});
		const summary = [];
		const counts = { passed: 0, failed: 0, reported: false };
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
						// jest's summary, and the lines our reporters add (`agent tools: …`, `queue mode: …`, `editor: …`).
						if (/^(Test Suites|Tests|Snapshots|Time):|^[a-z ]+: \d+ passed, \d+ failed/.test(plain))
							summary.push(plain);
						if (/^Tests:/.test(plain)) {
							counts.reported = true;
							counts.passed = Number(plain.match(/(\d+) passed/)?.[1] ?? 0);
							counts.failed = Number(plain.match(/(\d+) failed/)?.[1] ?? 0);
						}
					}
				});
			};
			scan(child.stdout, sink(process.stdout));
			scan(child.stderr, sink(process.stderr));
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
			resolve({ code: code ?? (signal ? 128 : 1), signal, summary, counts, buffer });
		});
	});
}

/** `e2e n8n <version> on node <version>: <N> passed, <M> failed` for an e2e step's result. */
function e2eLine(step, result) {
	const { passed, failed, reported } = result.counts ?? {};
	const note = reported
		? ''
		: result.code === 0
			? ''
			: ` (${result.note ?? `jest reported no tests, exit code ${result.code}`})`;
	return `e2e ${step.runtime.label}: ${passed ?? 0} passed, ${failed ?? 0} failed${note}`;
}

/** Runs a step's prepare (an install), printing how long it took; undefined when the step has none. */
async function prepareStep(step) {
	if (!step.prepare) return undefined;
	const t = Date.now();
	const { code } = await runStep({
		name: step.prepare.label,
		command: step.prepare.command,
		args: step.prepare.args,
	});
	const prepared = { label: step.prepare.label, ms: Date.now() - t, ok: code === 0 };
	console.log(
		`${code === 0 ? '✓' : '✗'} ${step.prepare.label}: ${code === 0 ? 'ready' : 'FAILED'} in ${seconds(prepared.ms)}`,
	);
	return prepared;
}

/** Runs a prepared step (its output live, or kept when `buffered`) and returns its record for the summary. */
async function runPrepared(step, prepared, started, buffered) {
	const result =
		prepared && !prepared.ok
			? { code: 1, signal: null, summary: [], counts: undefined, note: 'not run: the install failed' }
			: await runStep(step, { buffered });
	const ms = Date.now() - started;
	const line = step.runtime ? e2eLine(step, result) : undefined;
	return {
		step,
		ms,
		ok: result.code === 0,
		code: result.code,
		signal: result.signal,
		summary: result.summary,
		prepared,
		line,
		buffer: result.buffer,
	};
}

/** Prints a step's kept output and its closing lines. */
function finishStep(record) {
	for (const [stream, chunk] of record.buffer ?? []) stream.write(chunk);
	const { step, ms, code, signal, line } = record;
	if (line) console.log(line);
	console.log(
		code === 0
			? `✓ ${step.name} passed in ${seconds(ms)}`
			: `✗ ${step.name} FAILED in ${seconds(ms)} (${signal ? `signal ${signal}` : `exit code ${code}`})`,
	);
}

/**
 * Consecutive steps of one `together` group run at the same time, after their prepares ran one by one: the e2e
 * steps spend most of their time in one n8n process at a time (one core), so the two versions share the machine's
 * two cores. The first step's output streams; the others' is printed, whole, once each ends.
 */
function stages(steps) {
	const result = [];
	for (const step of steps) {
		const last = result[result.length - 1];
		if (step.together && last && last[0].together === step.together) last.push(step);
		else result.push([step]);
	}
	return result;
}

async function main() {
	const steps = parseArgs(process.argv.slice(2));
	const results = [];
	const started = Date.now();
	let failed;
	let index = 0;

	for (const stage of stages(steps)) {
		if (failed) break;
		const stageStarted = Date.now();
		const prepared = [];
		for (const step of stage) {
			console.log(
				rule(`[${++index}/${steps.length}] ${step.name}${step.runtime ? ` (${step.runtime.label})` : ''}`),
			);
			if (stage.length > 1 && step === stage[0]) {
				console.log(
					`(${stage.map((s) => s.name).join(' and ')} run at the same time; ${stage
						.slice(1)
						.map((s) => s.name)
						.join(', ')} printed when done)`,
				);
			}
			prepared.push(await prepareStep(step));
		}
		const records = await Promise.all(
			stage.map((step, i) => runPrepared(step, prepared[i], stageStarted, i > 0)),
		);
		for (const [i, record] of records.entries()) {
			if (i > 0)
				console.log(
					rule(
						`${record.step.name}${record.step.runtime ? ` (${record.step.runtime.label})` : ''}: its output`,
					),
				);
			finishStep(record);
			results.push(record);
			if (!record.ok && !failed) failed = { step: record.step, code: record.code };
		}
	}

	console.log(rule('summary'));
	for (const { step, ms, ok, summary, prepared, line } of results) {
		console.log(`${ok ? '✓' : '✗'} ${step.name.padEnd(10)} ${seconds(ms).padStart(8)}`);
		if (prepared)
			console.log(`    ${prepared.label}: ${seconds(prepared.ms)}${prepared.ok ? '' : ' FAILED'}`);
		for (const text of summary) console.log(`    ${text}`);
	}
	const ran = new Set(results.map((r) => r.step));
	for (const step of steps.filter((s) => !ran.has(s))) console.log(`- ${step.name.padEnd(10)}  skipped`);
	for (const { line } of results) if (line) console.log(line);
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
