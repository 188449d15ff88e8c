/** Types of scripts/n8n-runtime.js (which n8n runs on which Node, and where they are cached). */

export interface N8nPin {
	n8n: string;
	/** An exact Node version from the npm registry, or "system" (the machine's Node). */
	node: string;
}

export interface N8nRuntime {
	/** `latest` / `oldest` when the version is pinned in scripts/n8n-versions.json. */
	name?: string;
	n8nVersion: string;
	/** As asked: an exact version or "system". */
	nodeSpec: string;
	/** The exact Node version n8n runs on. */
	nodeVersion: string;
	/** The folder with include/node (npm's nodedir for native builds); undefined if the machine's Node has none. */
	nodeDir?: string;
	nodeBin: string;
	n8nDir: string;
	cacheRoot: string;
	/** "n8n <version> on node <version>" */
	label: string;
}

export interface InstallInfo {
	n8n?: string;
	node: string;
	nodeBin: string;
	[key: string]: unknown;
}

export const VERSIONS_FILE: string;
export function readVersions(): Record<string, N8nPin>;
export function lockFileFor(n8nVersion: string): string;
export function installPackageJson(n8nVersion: string): string;
export function cacheRoot(env?: NodeJS.ProcessEnv): string;
export function nodePackageName(): string;
export function systemNodeDir(): string | undefined;
export function resolveRuntime(options?: {
	n8n?: string;
	node?: string;
	env?: NodeJS.ProcessEnv;
}): N8nRuntime;
export function n8nBin(n8nDir: string): string;
export function readComplete(dir: string): Record<string, unknown> | undefined;
export function installInfo(n8nDir: string): InstallInfo | undefined;
export function isInstalled(runtime: N8nRuntime): boolean;
export function withNodeOnPath(nodeBin: string, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
