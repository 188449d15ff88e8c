#!/usr/bin/env node
/**
 * `npm run dev`: a real n8n with this package installed, next to the provider sandboxes, for trying the nodes by hand.
 *
 *   1. installs what is missing: node_modules (`npm ci`), n8n and the Node it runs on (scripts/install-n8n.js:
 *      ~6 min the first time);
 *   2. builds and packs the package, and (re)installs the tarball as a community package into `.n8n-dev/.n8n/nodes`;
 *   3. starts the sandboxes (test/sandbox/cli.ts; 127.0.0.1:5690 Taalk, 5691 Talkturo, 5692 WhatTalk, 5693 Talkdesk);
 *   4. imports one credential per provider ("Taalk sandbox", …, pointing at its sandbox) and, once, the example workflows;
 *   5. starts `n8n start` on 127.0.0.1:5678 (set N8N_PORT to change it) and prints what to do next.
 *
 * Which n8n: the latest pinned (scripts/n8n-versions.json; it runs on its own Node 24, cached beside it), or
 * `npm run dev -- --n8n=2.8.4` (also `--n8n=oldest`, or any exact version) for the oldest supported one.
 *
 * The n8n data (database, owner account, workflows) persists in `.n8n-dev/` (git-ignored; delete it to start over);
 * an n8n other than the latest keeps its own in `.n8n-dev/n8n-<version>/` (an older n8n cannot open a database a
 * newer one has migrated).
 * Ctrl-C stops n8n and the sandboxes. Other N8N_* variables of your shell are not passed to n8n (the dev instance
 * is kept self-contained); N8N_PORT is the exception.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs: parseOptions } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const DEV_FOLDER = path.join(ROOT, '.n8n-dev');
const PORT = Number(process.env.N8N_PORT || 5678);
const EXAMPLE_MARKER_NAME = '.example-workflows-imported';
const TALKDESK_SCOPES = 'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage';

/**
 * One sandbox credential per provider (ids match the example workflows), built from what the sandbox CLI
 * printed, and the example workflow (examples/) that uses it. Only the examples: the end-to-end test's workflows
 * change the sandboxes' data and are not meant to be opened by hand.
 */
const PROVIDERS = [
	{
		key: 'taalk',
		credential: (s) => ({
			id: 'vcTaalkSandbox01',
			name: 'Taalk sandbox',
			type: 'taalkApi',
			data: { apiKey: s.apiKey, baseUrl: s.baseUrl, datasource: '' },
		}),
		workflows: ['examples/crm-webhook-to-taalk.json'],
	},
	{
		key: 'talkturo',
		credential: (s) => ({
			id: 'vcTalkturoSandbx',
			name: 'Talkturo sandbox',
			type: 'talkturoApi',
			data: { baseUrl: s.baseUrl, apiToken: s.apiToken, teamId: s.teamId },
		}),
		workflows: ['examples/sheet-rows-to-talkturo.json'],
	},
	{
		key: 'whattalk',
		credential: (s) => ({
			id: 'vcWhatTalkSandbx',
			name: 'WhatTalk sandbox',
			type: 'whatTalkApi',
			data: { apiKey: s.apiKey, baseUrl: s.baseUrl },
		}),
		workflows: ['examples/whattalk-call-ended-to-crm.json'],
	},
	{
		key: 'talkdesk',
		credential: (s) => ({
			id: 'vcTalkdeskSandbx',
			name: 'Talkdesk sandbox',
			type: 'talkdeskOAuth2Api',
			data: {
				region: 'custom',
				tokenUrl: s.tokenUrl,
				apiBaseUrl: s.baseUrl,
				clientId: s.clientId,
				clientSecret: s.clientSecret,
				scope: TALKDESK_SCOPES,
			},
		}),
		workflows: ['examples/talkdesk-daily-campaign.json'],
	},
];

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const step = (text) => console.log(`\n▶ ${text}`);
const fail = (message) => {
	console.error(`\ndev: ${message}`);
	process.exit(1);
};

/** Runs a setup command in the foreground (its output shows); exits on failure. */
function runSetup(command, args, what) {
	const t = Date.now();
	const result = spawnSync(command, args, {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	if (result.error) fail(`${what}: ${result.error.message}`);
	if (result.status !== 0) {
		process.stdout.write(result.stdout ?? '');
		fail(`${what} failed (exit code ${result.status})`);
	}
	console.log(`  ${what}: done in ${seconds(Date.now() - t)}`);
	return result.stdout;
}

/** Starts the sandbox CLI (`--json`) and resolves with what it printed once every sandbox listens. */
function startSandboxes(driver) {
	const tsNode = path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');
	const child = driver.spawnTracked(
		process.execPath,
		[tsNode, '--transpile-only', 'test/sandbox/cli.ts', '--json'],
		{
			cwd: ROOT,
		},
	);
	child.stderr.pipe(process.stderr);
	return new Promise((resolve, reject) => {
		let buffered = '';
		let done = false;
		const timer = setTimeout(() => {
			driver.killTree(child);
			reject(new Error('the sandboxes did not start within 60 s'));
		}, 60_000);
		// With --json the CLI prints exactly one line, once every sandbox listens; anything after it is ignored.
		child.stdout.on('data', (chunk) => {
			if (done) return;
			buffered += chunk.toString('utf8');
			const newline = buffered.indexOf('\n');
			if (newline < 0) return;
			done = true;
			clearTimeout(timer);
			try {
				resolve({ child, info: JSON.parse(buffered.slice(0, newline)) });
			} catch {
				driver.killTree(child);
				reject(new Error(`unexpected sandbox output: ${buffered.slice(0, newline)}`));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(
				new Error(`the sandbox CLI exited with code ${code} (is port 5690 in use by another npm run dev?)`),
			);
		});
	});
}

/** `--n8n=<version>` (latest, oldest or exact; default latest). */
function parseArgs(argv) {
	let parsed;
	try {
		parsed = parseOptions({
			args: argv,
			options: { n8n: { type: 'string', default: 'latest' }, help: { type: 'boolean', short: 'h' } },
		});
	} catch (error) {
		fail(`${error.message} (usage: npm run dev -- --n8n=2.8.4)`);
	}
	if (parsed.values.help) {
		console.log('usage: npm run dev [-- --n8n=<latest|oldest|x.y.z>]   (default: the latest pinned n8n)');
		process.exit(0);
	}
	return { n8n: parsed.values.n8n };
}

async function main() {
	if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535)
		fail(`N8N_PORT must be a port number, got ${process.env.N8N_PORT}`);
	const args = parseArgs(process.argv.slice(2));
	let runtime;
	try {
		runtime = require('./n8n-runtime').resolveRuntime({ n8n: args.n8n });
	} catch (error) {
		fail(error.message);
	}
	const userFolder =
		runtime.name === 'latest' ? DEV_FOLDER : path.join(DEV_FOLDER, `n8n-${runtime.n8nVersion}`);
	const EXAMPLE_MARKER = path.join(userFolder, EXAMPLE_MARKER_NAME);

	step('Dependencies');
	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json'))) {
		console.log('  node_modules is missing: npm ci');
		runSetup(NPM, ['ci', '--no-audit', '--no-fund'], 'npm ci');
	} else {
		console.log('  node_modules present');
	}
	const n8nDir = runSetup(
		process.execPath,
		[
			path.join(ROOT, 'scripts', 'install-n8n.js'),
			`--n8n=${runtime.n8nVersion}`,
			`--node=${runtime.nodeSpec}`,
		],
		runtime.label,
	)
		.trim()
		.split('\n')
		.pop();
	console.log(`  ${runtime.label}: ${n8nDir}`);

	// The n8n driver is TypeScript, shared with the end-to-end test.
	process.env.N8N_VERSION = runtime.n8nVersion;
	require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
	const driver = require('../test/e2e/n8n.ts');

	step('Build and pack the package');
	const packages = path.join(DEV_FOLDER, 'packages');
	fs.rmSync(packages, { recursive: true, force: true });
	const tarball = await driver.packPackage({ destination: packages });
	console.log(`  ${path.relative(ROOT, tarball)}`);

	const n8n = await driver.N8n.create({
		n8nDir,
		userFolder,
		// A browser on http://localhost is fine with secure cookies, but not every setup is; this n8n is local only.
		env: { N8N_SECURE_COOKIE: 'false' },
	});
	let sandboxes;
	let server;
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandboxes…');
		const children = [server, sandboxes].filter(Boolean);
		for (const child of children) driver.killTree(child, 'SIGTERM');
		const exited = children.map(
			(child) =>
				new Promise((resolve) =>
					child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve),
				),
		);
		const grace = setTimeout(() => driver.killAllChildren('SIGKILL'), 10_000);
		await Promise.all(exited);
		clearTimeout(grace);
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	process.on('SIGHUP', () => stop(0));

	step(`Install it into ${path.relative(ROOT, n8n.nodesDir)}`);
	await n8n.installPackage(tarball);
	console.log(`  installed ${driver.PACKAGE_NAME}`);

	step('Start the sandboxes');
	let info;
	try {
		({ child: sandboxes, info } = await startSandboxes(driver));
	} catch (error) {
		fail(error.message);
	}
	sandboxes.once('exit', (code) => {
		if (!stopping) {
			console.error(`\ndev: the sandboxes exited unexpectedly (code ${code})`);
			stop(1);
		}
	});
	const taalk = info.taalk;
	if (!taalk) fail('the sandbox CLI did not start a Taalk sandbox');
	for (const [name, sandbox] of Object.entries(info)) console.log(`  ${name}: ${sandbox.baseUrl}`);

	step('Import the sandbox credentials and the example workflows');
	const present = PROVIDERS.filter((provider) => info[provider.key]);
	const credentials = present.map((provider) => provider.credential(info[provider.key]));
	await n8n.importCredentials(credentials);
	for (const credential of credentials) console.log(`  credential "${credential.name}"`);
	console.log('  (re-imported every start, so they always point at the sandboxes)');
	const workflows = present.flatMap((provider) =>
		provider.workflows.map((file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))),
	);
	const imported = new Set(
		fs.existsSync(EXAMPLE_MARKER) ? fs.readFileSync(EXAMPLE_MARKER, 'utf8').split('\n').filter(Boolean) : [],
	);
	const fresh = workflows.filter((workflow) => !imported.has(workflow.id));
	if (fresh.length) await n8n.importWorkflow(fresh);
	for (const workflow of workflows) {
		const note = imported.has(workflow.id) ? ' (imported before, left as you saved it)' : '';
		console.log(`  workflow "${workflow.name}"${note}`);
		imported.add(workflow.id);
	}
	fs.writeFileSync(EXAMPLE_MARKER, `${[...imported].join('\n')}\n`);

	step(`Start n8n on http://localhost:${PORT}`);
	try {
		server = await n8n.start({ port: PORT });
	} catch (error) {
		console.error(`\ndev: ${error.message} (is port ${PORT} in use? set N8N_PORT to use another)`);
		await stop(1);
		return;
	}
	server.once('exit', (code) => {
		if (!stopping) {
			console.error(`\ndev: n8n exited unexpectedly (code ${code})`);
			stop(1);
		}
	});

	console.log(`
────────────────────────────────────────────────────────────────────────────
 ${runtime.label} is ready (setup took ${seconds(Date.now() - started)}):  http://localhost:${PORT}/

 • First visit: n8n asks you to create the owner account (any email and password; stored only in ${path.relative(ROOT, userFolder)}/).
 • Example workflows (open one and click "Execute workflow"):
${workflows.map((w) => `     - ${w.name}`).join('\n')}
 • Credentials "<Provider> sandbox" point at the local sandboxes:
${present.map((p) => `     - ${p.key}: ${info[p.key].baseUrl}`).join('\n')}
 • To re-import an example you changed, delete ${path.relative(ROOT, EXAMPLE_MARKER)} (or the workflow) and restart.
 • After changing the node code: Ctrl-C and npm run dev again (it rebuilds and reinstalls the package).

 Ctrl-C stops n8n and the sandboxes.
────────────────────────────────────────────────────────────────────────────`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`\ndev: ${error.stack || error.message}`);
		process.exit(1);
	});
}

/** For the editor suite (test/editor/), which starts the same n8n as `npm run dev`. */
module.exports = { PROVIDERS, TALKDESK_SCOPES };
