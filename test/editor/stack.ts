/**
 * What the editor suite runs against: the n8n that `npm run dev` starts, started the same way but on free ports.
 *
 *   - the provider sandboxes with the dev seeds (test/sandbox/providers.ts), in this process, on free 127.0.0.1 ports;
 *   - a real n8n (EDITOR_N8N_VERSION, default EDITOR_N8N_DEFAULT: the latest pin) in a temporary user folder, with
 *     the packed package installed as a community package, the dev credentials ("Taalk sandbox", …) and workflows
 *     (the examples) of scripts/dev.js imported, serving the editor on a free 127.0.0.1 port;
 *   - an owner account, created through n8n's REST API.
 *
 * `stop()` stops n8n (its whole process group) and the sandboxes and deletes the user folder; it is safe to call
 * after a failed start and more than once.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	ensureN8nInstalled,
	freePort,
	killTree,
	N8n,
	packPackage,
	REPO_ROOT,
	type CredentialImport,
	type WorkflowImport,
} from '../e2e/n8n';
import { Timings } from '../e2e/support';
import { resolveRuntime } from '../../scripts/n8n-runtime';
import { setUpOwner } from '../support/owner';
import {
	SANDBOX_PROVIDERS,
	type SandboxProviderName,
	type StartedProviderSandbox,
} from '../sandbox/providers';

const MINUTE = 60_000;

/**
 * The n8n the editor suite runs on unless EDITOR_N8N_VERSION names another (an exact version, or a pin of
 * scripts/n8n-versions.json: `latest`, `oldest`): the latest pinned n8n (2.41.1 on its own Node 24), as users get it.
 */
export const EDITOR_N8N_DEFAULT = 'latest';
export const EDITOR_N8N_VERSION = process.env.EDITOR_N8N_VERSION || EDITOR_N8N_DEFAULT;
/** That n8n, its exact version and the Node it runs on. */
export const EDITOR_RUNTIME = resolveRuntime({ n8n: EDITOR_N8N_VERSION });

// The dev launcher is plain JavaScript; its provider table says which credential each sandbox gets.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dev = require(join(REPO_ROOT, 'scripts', 'dev.js')) as {
	PROVIDERS: Array<{
		key: SandboxProviderName;
		credential: (info: Record<string, unknown>) => CredentialImport;
		workflows: string[];
	}>;
};

export const OWNER = {
	email: 'owner@voice-campaigns.test',
	firstName: 'Ada',
	lastName: 'Owner',
	password: 'Editor-suite-1',
};

/** What the sandbox CLI prints with --json, per provider: `{ baseUrl, ...info }`. */
export type SandboxInfo = Record<string, unknown> & { baseUrl: string };

export interface Stack {
	/** The exact n8n version. */
	n8nVersion: string;
	/** The editor's address, ending in `/`. */
	baseUrl: string;
	sandboxes: Partial<Record<SandboxProviderName, SandboxInfo>>;
	/** The started sandboxes themselves (`callEnded` makes one call n8n's webhook as the provider does). */
	providers: Partial<Record<SandboxProviderName, StartedProviderSandbox>>;
	credentials: CredentialImport[];
	workflows: WorkflowImport[];
	n8n: N8n;
	stop(): Promise<void>;
}

export interface StackOptions {
	version?: string;
	timings?: Timings;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const version = options.version
		? resolveRuntime({ n8n: options.version }).n8nVersion
		: EDITOR_RUNTIME.n8nVersion;
	const timings = options.timings ?? new Timings();
	const { timed } = timings;
	const started: StartedProviderSandbox[] = [];
	let n8n: N8n | undefined;
	let server: ChildProcess | undefined;
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		if (server) killTree(server, 'SIGTERM');
		await n8n?.dispose();
		await Promise.allSettled(started.map((sandbox) => sandbox.close()));
	};

	try {
		const n8nDir = await timed('install n8n', () =>
			ensureN8nInstalled({ version, echo: true, timeoutMs: 15 * MINUTE }),
		);
		const tarball = await timed('build + pack', () => packPackage());

		const sandboxes: Partial<Record<SandboxProviderName, SandboxInfo>> = {};
		const providers: Partial<Record<SandboxProviderName, StartedProviderSandbox>> = {};
		await timed('sandboxes', async () => {
			for (const [name, starter] of Object.entries(SANDBOX_PROVIDERS)) {
				const sandbox = await starter!.start({ port: 0 });
				started.push(sandbox);
				providers[name as SandboxProviderName] = sandbox;
				sandboxes[name as SandboxProviderName] = { baseUrl: sandbox.baseUrl, ...sandbox.info };
			}
		});

		const present = dev.PROVIDERS.filter((provider) => sandboxes[provider.key]);
		const credentials = present.map((provider) => provider.credential(sandboxes[provider.key]!));
		const workflows = devWorkflows(present.map((provider) => provider.key));

		n8n = await N8n.create({ n8nDir, env: { N8N_SECURE_COOKIE: 'false' } });
		const instance = n8n;
		await timed('install package', () => instance.installPackage(tarball));
		await timed('import credentials', () => instance.importCredentials(credentials));
		await timed('import workflows', () => instance.importWorkflow(workflows));
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}/`;
		server = await timed('n8n start', () =>
			instance.start({
				port,
				timeoutMs: 4 * MINUTE,
				env: { WEBHOOK_URL: baseUrl, N8N_EDITOR_BASE_URL: baseUrl },
			}),
		);
		await timed('owner', () => setUpOwner(baseUrl, OWNER));
		return { n8nVersion: version, baseUrl, sandboxes, providers, credentials, workflows, n8n, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The workflows `npm run dev` imports (the examples), for the providers whose sandbox runs. */
export function devWorkflows(providers: SandboxProviderName[]): WorkflowImport[] {
	return dev.PROVIDERS.filter((provider) => providers.includes(provider.key)).flatMap((provider) =>
		provider.workflows.map(
			(file) => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as WorkflowImport,
		),
	);
}
