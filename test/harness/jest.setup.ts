/**
 * Runs before every test file of the `unit` project (jest.config.js `setupFilesAfterEnv`).
 *
 * n8n-core's SSHClientsManager starts a 60 s `setInterval` when it is first taken from the DI container, which
 * happens as soon as any node execution context is built (their helpers include the SSH tunnel functions).
 * Left running it keeps jest from exiting, so it is shut down after each file through the same container.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { cleanupHarnessEnvironment, ensureHarnessEnvironment } from './environment';

ensureHarnessEnvironment();

afterAll(() => {
	Container.get(SSHClientsManager).onShutdown();
	cleanupHarnessEnvironment();
});
