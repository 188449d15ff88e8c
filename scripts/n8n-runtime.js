/**
 * Which n8n the project runs, on which Node, and where those installs live. Shared by scripts/install-n8n.js,
 * scripts/dev.js, scripts/test.js and the end-to-end driver (test/e2e/n8n.ts), so they all agree.
 *
 * The versions are pinned in scripts/n8n-versions.json (`node scripts/bump-n8n.js` moves "latest"):
 *   latest: the newest installable n8n 2.x, on the Node it needs (an exact 24.x from the npm registry's
 *           `node-<platform>-<arch>` package, cached beside the n8n install; the machine's Node is not touched)
 *   oldest: the oldest n8n the package supports, on the machine's own Node ("system")
 *
 * Cache layout (root: $N8N_CACHE_DIR, default ~/.cache/n8n-nodes-voice-campaigns):
 *   node-<node version>/                 bin/node, include/node (headers for native builds), .complete
 *   n8n-<n8n version>/                   an n8n that runs on the machine's Node
 *   n8n-<n8n version>-node-<node version>/  an n8n that runs on that cached Node
 * Each install folder has `.complete` (JSON: what it was installed with) once it is whole; installs are built in a
 * temporary folder beside it and renamed into place, so a folder without `.complete` is never used.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VERSIONS_FILE = path.join(__dirname, 'n8n-versions.json');
const LOCKS_DIR = path.join(__dirname, 'n8n-locks');
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** The pins of scripts/n8n-versions.json: `{ latest: { n8n, node }, oldest: { n8n, node } }`. */
function readVersions() {
	return JSON.parse(fs.readFileSync(VERSIONS_FILE, 'utf8'));
}

/**
 * The lockfile an n8n version is installed from (written by scripts/bump-n8n.js; for the pinned versions it is in
 * the repository), so that its dependency tree does not drift with what is published after it.
 */
function lockFileFor(n8nVersion) {
	return path.join(LOCKS_DIR, `n8n-${n8nVersion}.package-lock.json`);
}

/**
 * The package.json of an n8n install folder. `xlsx` is overridden: n8n-nodes-base pins it to a tarball on a CDN
 * that is often unreachable (the install then fails after minutes with ENOTFOUND); 0.18.5 is on the npm registry.
 */
function installPackageJson(n8nVersion) {
	const pkg = {
		name: 'n8n-runtime-cache',
		private: true,
		dependencies: { n8n: n8nVersion },
		overrides: { xlsx: '0.18.5' },
	};
	return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Where installs are cached: $N8N_CACHE_DIR, else ~/.cache/n8n-nodes-voice-campaigns. */
function cacheRoot(env = process.env) {
	if (env.N8N_CACHE_DIR) return path.resolve(env.N8N_CACHE_DIR);
	return path.join(env.HOME || os.homedir() || os.tmpdir(), '.cache', 'n8n-nodes-voice-campaigns');
}

/** The npm package that ships a Node binary for this machine (`bin/node`, `include/node`). */
function nodePackageName() {
	return `node-${process.platform}-${process.arch}`;
}

/** The folder whose `include/node` holds the running Node's headers (node-gyp's nodedir), if it has them. */
function systemNodeDir() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/**
 * Resolves an n8n version (an exact version, or `latest` / `oldest` from n8n-versions.json; default
 * $N8N_VERSION, else `latest`) and the Node it runs on (default: its pin, $N8N_NODE_VERSION for versions that
 * are not pinned, else the machine's Node) to folders and binaries.
 */
function resolveRuntime(options = {}) {
	const env = options.env ?? process.env;
	const spec = String(options.n8n || env.N8N_VERSION || 'latest').trim();
	const versions = readVersions();
	const name = Object.prototype.hasOwnProperty.call(versions, spec)
		? spec
		: Object.keys(versions).find((key) => versions[key].n8n === spec);
	const entry = name ? versions[name] : undefined;
	const n8nVersion = entry ? entry.n8n : spec;
	if (!EXACT_VERSION.test(n8nVersion)) {
		throw new Error(
			`unknown n8n version "${spec}": use an exact version (e.g. 2.8.4) or one of ${Object.keys(versions).join(', ')} (scripts/n8n-versions.json)`,
		);
	}
	const nodeSpec = String(options.node || (entry ? entry.node : env.N8N_NODE_VERSION) || 'system').trim();
	const root = cacheRoot(env);
	const base = { name, n8nVersion, nodeSpec, cacheRoot: root };
	if (nodeSpec === 'system') {
		const n8nDir = path.join(root, `n8n-${n8nVersion}`);
		const nodeVersion = process.versions.node;
		return {
			...base,
			nodeVersion,
			nodeDir: systemNodeDir(),
			nodeBin: process.execPath,
			n8nDir,
			label: `n8n ${n8nVersion} on node ${nodeVersion}`,
		};
	}
	if (!EXACT_VERSION.test(nodeSpec)) {
		throw new Error(`Node version "${nodeSpec}" must be exact (e.g. 24.22.3) or "system"`);
	}
	const nodeDir = path.join(root, `node-${nodeSpec}`);
	return {
		...base,
		nodeVersion: nodeSpec,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir: path.join(root, `n8n-${n8nVersion}-node-${nodeSpec}`),
		label: `n8n ${n8nVersion} on node ${nodeSpec}`,
	};
}

/** n8n's CLI entry point inside an install folder (run as `<node> <bin>`). */
function n8nBin(n8nDir) {
	return path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** A folder's `.complete` record (`{}` for an older, empty one), or undefined while it is not complete. */
function readComplete(dir) {
	const file = path.join(dir, '.complete');
	if (!fs.existsSync(file)) return undefined;
	const text = fs.readFileSync(file, 'utf8').trim();
	if (!text) return {};
	try {
		return JSON.parse(text);
	} catch {
		return {};
	}
}

/**
 * What a complete n8n install runs on, from its `.complete` record: `{ n8n, node, nodeBin }` (`node` is an exact
 * version or "system"; the Node of a cached version lives beside the install, in `node-<version>`). Undefined while
 * the folder is not a complete install.
 */
function installInfo(n8nDir) {
	const record = readComplete(n8nDir);
	if (!record || !fs.existsSync(n8nBin(n8nDir))) return undefined;
	const node = record.node || 'system';
	const nodeBin =
		node === 'system' ? process.execPath : path.join(path.dirname(n8nDir), `node-${node}`, 'bin', 'node');
	if (node !== 'system' && !fs.existsSync(nodeBin)) return undefined;
	return { ...record, node, nodeBin };
}

/** True when the runtime's n8n (and its cached Node, if any) is installed completely. */
function isInstalled(runtime) {
	if (runtime.nodeSpec !== 'system' && !readComplete(runtime.nodeDir)) return false;
	return installInfo(runtime.n8nDir) !== undefined;
}

/**
 * The environment for a process that must run on `nodeBin`: its folder first on PATH (so that n8n's own child
 * processes, e.g. its task runner, and `node` in scripts get the same Node).
 */
function withNodeOnPath(nodeBin, env = process.env) {
	if (nodeBin === process.execPath) return { ...env };
	const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
	return { ...env, [pathKey]: [path.dirname(nodeBin), env[pathKey]].filter(Boolean).join(path.delimiter) };
}

module.exports = {
	VERSIONS_FILE,
	readVersions,
	lockFileFor,
	installPackageJson,
	cacheRoot,
	nodePackageName,
	systemNodeDir,
	resolveRuntime,
	n8nBin,
	readComplete,
	installInfo,
	isInstalled,
	withNodeOnPath,
};
