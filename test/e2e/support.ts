/** Small helpers the real-n8n end-to-end suites share. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

import type { TaalkSandbox } from '../sandbox/taalk';
import { TALKDESK_CLIENT_ID, type TalkdeskSandbox } from '../sandbox/talkdesk';
import type { TalkturoSandbox } from '../sandbox/talkturo';
import type { WhatTalkSandbox } from '../sandbox/whattalk';
import {
	ensureN8nInstalled,
	freePort,
	N8n,
	PACKAGE_NAME,
	packPackage,
	preparedFolder,
	type CredentialImport,
	type ExecuteResult,
	type WorkflowImport,
} from './n8n';

const MINUTE = 60_000;

export function loadWorkflow(file: string): WorkflowImport {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowImport;
}

/**
 * What every workflow in examples/ has: an id n8n imports (at most 21 characters), a name "Example: …", a sticky note
 * saying what to change, unique node names, nodes of n8n or of this package, each credential referenced by the id and
 * name `credentials` gives for its type, and connections (of any kind) between its own nodes only.
 */
export function expectExampleShape(
	workflow: WorkflowImport,
	credentials: Record<string, { id: string; name: string }>,
): void {
	expect(workflow.id.length).toBeLessThanOrEqual(21);
	expect(workflow.name).toMatch(/^Example: /);
	const nodes = workflow.nodes as Array<{
		name: string;
		type: string;
		credentials?: Record<string, unknown>;
	}>;
	const names = nodes.map((node) => node.name);
	expect(new Set(names).size).toBe(names.length);
	expect(nodes.some((node) => node.type === 'n8n-nodes-base.stickyNote')).toBe(true);
	for (const node of nodes) {
		expect(node.type).toMatch(new RegExp(`^(n8n-nodes-base|@n8n/n8n-nodes-langchain|${PACKAGE_NAME})\\.`));
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			expect({ node: node.name, type, ref }).toEqual({ node: node.name, type, ref: credentials[type] });
		}
	}
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		expect(names).toContain(from);
		const targets = Object.values(outputs as Record<string, Array<Array<{ node: string }>>>).flat(2);
		for (const target of targets) expect(names).toContain(target.node);
	}
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

/**
 * The setup every suite shares: n8n installed ($N8N_VERSION: latest, oldest or exact; cold: ~6 min, warm: instant), the package built and packed (cached while
 * the sources are unchanged), a fresh n8n with the tarball installed as a community package (a copy of the folder
 * `preparedFolder` makes once per build), then the credentials and workflows imported. Each phase is timed.
 */
export async function n8nWithPackage(
	timings: Timings,
	setup: { credentials: CredentialImport[]; workflows: WorkflowImport[] },
): Promise<N8n> {
	const { timed } = timings;
	// Cold: ~6 min (and the Node it runs on); `npm test` installs it before jest starts.
	const n8nDir = await timed('install n8n', () => ensureN8nInstalled({ echo: true }));
	const tarball = await timed('build + pack', () => packPackage());
	const template = await timed('package + database', () => preparedFolder(n8nDir, tarball));
	const n8n = await N8n.create({ n8nDir, template });
	try {
		await timed('import credentials', () => n8n.importCredentials(setup.credentials));
		await timed('import workflows', () => n8n.importWorkflow(setup.workflows));
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
	return n8n;
}

/**
 * Publishes workflows (`n8n publish:workflow`, one command each: n8n has no bulk form) and starts `n8n start` on a
 * free loopback port whose production webhook URLs are `<baseUrl>webhook/…`. Triggers register while the server
 * comes up: wait for what each one does (`waitFor`, `waitForWebhook`) before using it.
 */
export async function publishAndStart(
	n8n: N8n,
	timings: Timings,
	workflowIds: string[],
): Promise<{ server: ChildProcess; baseUrl: string }> {
	await timings.timed('publish', async () => {
		for (const id of workflowIds) await n8n.cliOrThrow(['publish:workflow', `--id=${id}`]);
	});
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}/`;
	const server = await timings.timed('n8n start', () =>
		n8n.start({ port, env: { WEBHOOK_URL: baseUrl }, timeoutMs: 4 * MINUTE }),
	);
	return { server, baseUrl };
}

/**
 * Waits until a trigger answers as itself, and returns that answer. Right after publishing (or `n8n start`), n8n may
 * not serve the URL yet (404), answer while the webhook is still starting up (n8n 2.41 answered 200 without running
 * the workflow), or not have stored the token a trigger registered with (401, WhatTalk): `probe` is sent again every
 * `intervalMs` until `isItself(answer)` says the trigger itself answered. A probe that throws (n8n not listening
 * yet) counts as not yet. Throws after `timeoutMs`, naming the last answer.
 *
 * Probe with what the trigger answers without running its workflow where there is such a request (an unsigned post
 * that a signing trigger refuses with 401, the CORS preflight of `waitForWebhook`), or with the provider's own
 * delivery, which it makes again after a failure as a webhook sender does.
 */
export async function waitForTrigger<T>(
	what: string,
	probe: () => Promise<T>,
	isItself: (answer: T) => boolean,
	options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const answer = await probe();
			if (isItself(answer)) return answer;
			last = answer;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			const seen = last instanceof Error ? last.message : JSON.stringify(last);
			throw new Error(`timed out waiting for ${what} (last answer: ${seen?.slice(0, 300)})`);
		}
		await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
	}
}

/**
 * Waits until n8n serves a production webhook for `method` (its workflow is active): `waitForTrigger` with a CORS
 * preflight, which n8n answers 204 once such a webhook is registered (an error status before), without running the
 * workflow. The probe for webhooks with nothing else to ask (n8n's own Webhook node).
 */
export async function waitForWebhook(url: string, timeoutMs: number, method = 'POST'): Promise<void> {
	const preflight = {
		method: 'OPTIONS',
		headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
	};
	await waitForTrigger(
		`n8n to serve ${url}`,
		async () => await fetch(url, { ...preflight, signal: AbortSignal.timeout(5000) }),
		(response) => response.ok,
		{ timeoutMs },
	);
}

/** The credentials `npm run dev` creates (scripts/dev.js): the examples use exactly these ids and names. */
export const DEV_CREDENTIALS: Record<string, { id: string; name: string }> = {
	taalkApi: { id: 'vcTaalkSandbox01', name: 'Taalk sandbox' },
	talkturoApi: { id: 'vcTalkturoSandbx', name: 'Talkturo sandbox' },
	whatTalkApi: { id: 'vcWhatTalkSandbx', name: 'WhatTalk sandbox' },
	talkdeskOAuth2Api: { id: 'vcTalkdeskSandbx', name: 'Talkdesk sandbox' },
};

/** The sandboxes a suite started and the secrets they accept, for `sandboxCredentials`. */
export interface SandboxEndpoints {
	taalk?: { baseUrl: string; apiKey: string };
	talkturo?: { url: string; teamId: string; apiKey: string };
	whattalk?: { baseUrl: string; apiKey: string };
	talkdesk?: { url: string; tokenUrl: string; clientId: string; clientSecret: string };
}

/** The four started sandboxes' endpoints, each with the key (Talkdesk: client secret) it was started with. */
export function sandboxEndpoints(
	sandboxes: {
		taalk: TaalkSandbox;
		talkturo: TalkturoSandbox;
		whattalk: WhatTalkSandbox;
		talkdesk: TalkdeskSandbox;
	},
	keys: { taalk: string; talkturo: string; whattalk: string; talkdesk: string },
): Required<SandboxEndpoints> {
	const { taalk, talkturo, whattalk, talkdesk } = sandboxes;
	return {
		taalk: { baseUrl: taalk.baseUrl, apiKey: keys.taalk },
		talkturo: { url: talkturo.url, teamId: talkturo.teamId, apiKey: keys.talkturo },
		whattalk: { baseUrl: whattalk.baseUrl, apiKey: keys.whattalk },
		talkdesk: {
			url: talkdesk.url,
			tokenUrl: talkdesk.tokenUrl,
			clientId: TALKDESK_CLIENT_ID,
			clientSecret: keys.talkdesk,
		},
	};
}

const TALKDESK_SCOPES = 'campaigns:read campaigns:write record-lists:manage do-not-call-lists:manage';

/**
 * One credential per started sandbox, in the shape `n8n import:credentials` takes, with the id and name the suite's
 * workflows reference (`ids` by credential type).
 */
export function sandboxCredentials(
	ids: Partial<
		Record<'taalkApi' | 'talkturoApi' | 'whatTalkApi' | 'talkdeskOAuth2Api', { id: string; name: string }>
	>,
	sandboxes: SandboxEndpoints,
): CredentialImport[] {
	const { taalk, talkturo, whattalk, talkdesk } = sandboxes;
	const credentials: CredentialImport[] = [];
	const add = (type: keyof typeof ids, data: Record<string, unknown>) => {
		const named = ids[type];
		if (!named) throw new Error(`sandboxCredentials: no id and name given for ${type}`);
		credentials.push({ ...named, type, data });
	};
	if (taalk) add('taalkApi', { apiKey: taalk.apiKey, baseUrl: taalk.baseUrl, datasource: '' });
	if (talkturo) {
		add('talkturoApi', { baseUrl: talkturo.url, apiToken: talkturo.apiKey, teamId: talkturo.teamId });
	}
	if (whattalk) add('whatTalkApi', { apiKey: whattalk.apiKey, baseUrl: whattalk.baseUrl });
	if (talkdesk) {
		add('talkdeskOAuth2Api', {
			region: 'custom',
			tokenUrl: talkdesk.tokenUrl,
			apiBaseUrl: talkdesk.url,
			clientId: talkdesk.clientId,
			clientSecret: talkdesk.clientSecret,
			scope: TALKDESK_SCOPES,
		});
	}
	return credentials;
}
