/**
 * Process environment for running n8n-core in-process.
 *
 * n8n-core reads its configuration from environment variables the first time a service is taken from
 * its DI container (lazily, not at import time), so this only has to run before the first workflow run:
 *
 * - `InstanceSettings` (created by every node execution context) loads or *creates* `<N8N_USER_FOLDER>/.n8n/config`
 *   holding an encryption key. We point it at a throwaway folder so tests never touch `~/.n8n` nor a developer's
 *   real n8n folder (whose key could mismatch an exported `N8N_ENCRYPTION_KEY` and make n8n-core throw).
 * - The container-provided `Logger` logs at `info` to the console by default; tests run it `silent` unless
 *   `HARNESS_LOG_LEVEL` (error | warn | info | debug) asks otherwise.
 *
 * Under jest each test file gets its own copy of `process.env`, so none of this leaks between files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let userFolder: string | undefined;

export function ensureHarnessEnvironment(): void {
	if (userFolder !== undefined && process.env.N8N_USER_FOLDER === userFolder) return;

	userFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	delete process.env.N8N_ENCRYPTION_KEY; // let n8n-core generate one inside the throwaway folder
	process.env.N8N_LOG_LEVEL = process.env.HARNESS_LOG_LEVEL ?? 'silent';
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

	// Under jest, jest.setup.ts removes the folder after each test file; elsewhere remove it at exit.
	if (process.env.JEST_WORKER_ID === undefined) {
		const folder = userFolder;
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	}
}

/** Deletes the throwaway n8n user folder now (jest.setup calls this after all tests of a file). */
export function cleanupHarnessEnvironment(): void {
	if (userFolder === undefined) return;
	rmSync(userFolder, { recursive: true, force: true });
	userFolder = undefined;
}
