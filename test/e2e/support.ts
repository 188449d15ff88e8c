/** Small helpers the real-n8n end-to-end suites share. */
import { readFileSync } from 'node:fs';

import type { ExecuteResult, WorkflowImport } from './n8n';

export function loadWorkflow(file: string): WorkflowImport {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowImport;
}

/** What to print when `n8n execute` did not do what a test expected: exit code, error and n8n's last lines. */
export function describeFailure(result: ExecuteResult): string {
	const lines = (result.stdout + '\n' + result.stderr).trimEnd().split('\n');
	return [
		`n8n execute exited with ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}: ${result.error ?? 'no error reported'}`,
		'--- n8n output (last 60 lines) ---',
		...lines.slice(-60),
	].join('\n');
}

/** Polls `check` every 250 ms until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Times the phases of a suite's setup and prints them once at the end. */
export class Timings {
	private readonly entries: Record<string, number> = {};

	timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await step();
		} finally {
			this.entries[label] = Date.now() - started;
		}
	};

	print(suite: string): void {
		const summary = Object.entries(this.entries)
			.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`)
			.join(', ');
		if (summary) process.stdout.write(`\n[e2e ${suite}] timings: ${summary}\n`);
	}
}
