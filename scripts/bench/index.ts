/**
 * `npm run bench`: every benchmark in one go, then one table of numbers and one of targets (PASS / MISS).
 * Not a test: numbers depend on the machine; nothing here runs in `npm test`.
 *
 * Each part runs in a fresh process (so one part's heap and JIT state do not colour the next), with the provider
 * sandboxes in processes of their own, at each injected latency:
 *   package.ts            packed tarball size, cold load time of every node and credential class
 *   talkdesk-append.ts    Talkdesk append 10,000 records (in-process, n8n-core)
 *   whattalk-add-leads.ts WhatTalk add 1,000 leads vs the bound N × latency / concurrency (in-process, n8n-core)
 *   taalk-append.ts       Taalk append 10,000 contacts: HTTP Request per item, Aggregate + one HTTP Request, and the
 *                         Taalk node (ordered, Batch Size 5,000, Parallel Batches), in a real n8n; the Taalk node
 *                         again in-process (CPU per item)
 *
 *   npm run bench [-- --latency 0,50] [--only package,talkdesk,whattalk,taalk] [--strict] (exit 1 on a MISS)
 *
 * The real n8n is the latest pinned one (scripts/n8n-versions.json; N8N_VERSION=oldest for the oldest), installed in
 * ~/.cache/n8n-nodes-voice-campaigns the first time (~6 minutes). The whole run takes about 15 minutes on 2 cores,
 * most of it (a) HTTP Request per item.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { N8N_VERSION } from '../../test/e2e/n8n';
import { formatMs, machine, measurementsTable, parseFlags, runMain, targetsTable } from './common';
import type { PartResult } from './common';

const PARTS: Record<string, { file: string; args: (latency: string) => string[] }> = {
	package: { file: 'package.ts', args: () => [] },
	talkdesk: { file: 'talkdesk-append.ts', args: (latency) => ['--latency', latency] },
	whattalk: { file: 'whattalk-add-leads.ts', args: (latency) => ['--latency', latency] },
	taalk: { file: 'taalk-append.ts', args: (latency) => ['--latency', latency] },
};

/** Runs one part in a fresh process; its progress goes to stderr, its result comes back as a BENCH_RESULT line. */
function runPart(name: string, latency: string): Promise<PartResult> {
	const part = PARTS[name];
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', join(__dirname, part.file), '--json', ...part.args(latency)],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.once('error', reject);
		child.once('close', (code) => {
			const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
			if (code !== 0 || !line) {
				reject(new Error(`${part.file} exited with ${code}\n${stdout.slice(-2000)}`));
				return;
			}
			resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as PartResult);
		});
	});
}

async function main(): Promise<void> {
	const { values, switches } = parseFlags(process.argv.slice(2), {
		values: ['latency', 'only'],
		switches: ['strict'],
	});
	const latency = values.latency ?? '0,50';
	const names = values.only ? values.only.split(',') : Object.keys(PARTS);
	const unknown = names.filter((name) => !PARTS[name]);
	if (unknown.length)
		throw new Error(`--only takes ${Object.keys(PARTS).join(', ')}; got ${unknown.join(', ')}`);

	const started = Date.now();
	const machineBefore = machine();
	console.log(`Benchmarks: ${names.join(', ')}; sandbox latency ${latency} ms; n8n ${N8N_VERSION}`);
	console.log(`Machine: ${machineBefore}\n`);
	const results: PartResult[] = [];
	for (const name of names) {
		const partStarted = Date.now();
		console.error(`▶ ${name}`);
		results.push(await runPart(name, latency));
		console.error(`  ${name} done in ${formatMs(Date.now() - partStarted)}`);
	}

	const measurements = results.flatMap((r) => r.measurements);
	const targets = results.flatMap((r) => r.targets);
	console.log(`\n${measurementsTable(measurements)}\n`);
	console.log(`${targetsTable(targets)}\n`);
	console.log(
		`Ran ${new Date().toISOString()} in ${formatMs(Date.now() - started)}; machine at the end: ${machine()}`,
	);
	if (switches.has('strict') && targets.some((t) => !t.pass)) process.exitCode = 1;
}

runMain(main);
