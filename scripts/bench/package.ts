/**
 * Benchmark (not a test): the package as n8n gets it.
 *
 * - Tarball: `npm run build` + `npm pack` (test/e2e/n8n.ts's packPackage), its size on disk.
 * - Cold load: the tarball unpacked into a temp folder, then fresh Node processes that each require every node and
 *   credential file package.json's "n8n" section lists and construct each class (what n8n's loader does), timed
 *   inside the process. n8n-workflow is loaded first and not counted: n8n has it loaded already. Median of several.
 *
 *   ts-node --transpile-only scripts/bench/package.ts [--runs 7] [--json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { packPackage, REPO_ROOT } from '../../test/e2e/n8n';
import {
	emitResult,
	formatMs,
	measurementsTable,
	median,
	parseFlags,
	positiveInt,
	runMain,
	targetsTable,
} from './common';
import type { PartResult } from './common';

export const TARBALL_TARGET_BYTES = 400 * 1024;

/** Runs in each fresh process (cwd = the unpacked package): prints the timings as JSON. */
const LOADER = `
const started = process.hrtime.bigint();
require('n8n-workflow');
const workflowLoaded = process.hrtime.bigint();
const { n8n } = require('./package.json');
const files = [...n8n.nodes, ...n8n.credentials];
let classes = 0;
for (const file of files) {
	for (const exported of Object.values(require('./' + file))) {
		if (typeof exported === 'function') { new exported(); classes++; }
	}
}
const done = process.hrtime.bigint();
process.stdout.write(JSON.stringify({
	files: files.length,
	classes,
	loadMs: Number(done - workflowLoaded) / 1e6,
	withWorkflowMs: Number(done - started) / 1e6,
}));
`;

export async function runPackage(options: { runs: number }): Promise<PartResult> {
	const tarball = await packPackage();
	const bytes = statSync(tarball).size;

	const dir = mkdtempSync(join(tmpdir(), 'voice-campaigns-bench-load-'));
	try {
		execFileSync('tar', ['-xzf', tarball, '-C', dir]);
		const root = join(dir, 'package');
		// Only n8n-workflow, as in n8n: the package has no dependencies of its own.
		mkdirSync(join(root, 'node_modules'));
		symlinkSync(join(REPO_ROOT, 'node_modules', 'n8n-workflow'), join(root, 'node_modules', 'n8n-workflow'));
		const samples: Array<{ files: number; classes: number; loadMs: number; withWorkflowMs: number }> = [];
		for (let i = 0; i < options.runs; i++) {
			const child = spawnSync(process.execPath, ['-e', LOADER], { cwd: root, encoding: 'utf8' });
			if (child.status !== 0) throw new Error(`loading the package failed:\n${child.stderr}`);
			samples.push(JSON.parse(child.stdout));
		}
		const loadMs = median(samples.map((s) => s.loadMs));
		const withWorkflowMs = median(samples.map((s) => s.withWorkflowMs));
		const { files, classes } = samples[0];
		return {
			measurements: [
				{
					benchmark: 'Package',
					variant: `cold load: ${files} node + credential files, ${classes} classes constructed`,
					where: `fresh node ${process.version}`,
					wallMs: loadMs,
					note: `median of ${options.runs}; ${formatMs(withWorkflowMs)} counting n8n-workflow's own load`,
				},
				{
					benchmark: 'Package',
					variant: 'packed tarball (npm pack)',
					where: 'npm pack',
					note: `${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString('en-US')} bytes)`,
				},
			],
			targets: [
				{
					target: `Tarball ≤ ${TARBALL_TARGET_BYTES / 1024} KB`,
					measured: `${(bytes / 1024).toFixed(1)} KB`,
					pass: bytes <= TARBALL_TARGET_BYTES,
				},
			],
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const { values, switches } = parseFlags(process.argv.slice(2), { values: ['runs'], switches: ['json'] });
	const result = await runPackage({ runs: positiveInt(values.runs ?? '7', 'runs') });
	if (switches.has('json')) emitResult(result);
	else console.log(`${measurementsTable(result.measurements)}\n\n${targetsTable(result.targets)}`);
}

if (require.main === module) runMain(main);
