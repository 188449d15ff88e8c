// Build steps that run after `tsc` (see `npm run build`):
//  1. copy node/credential icons and codex files next to the compiled JavaScript;
//  2. bundle third-party code the nodes import (libphonenumber-js) into dist, once;
//  3. check that nothing in dist requires a package n8n would have to resolve at run time.
const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');

const DIST = path.join(__dirname, 'dist');

/** Every vendored entry point: the compiled shim is replaced by a self-contained bundle of itself. */
const VENDOR_BUNDLES = ['nodes/common/vendor/phoneLib.js'];

/** What compiled code may require: n8n itself provides n8n-workflow; crypto is a Node built-in. */
const ALLOWED_RUNTIME_MODULES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/**
 * libphonenumber-js checks a number against its country's patterns with `new RegExp(pattern).test(text)`, building
 * the same few expressions again for every number. Inside a busy n8n, V8's own regexp cache rarely keeps them, so
 * compiling them is most of the cost of validating a phone. The bundle gets the same function with each expression
 * built once: without the `g` and `y` flags a RegExp keeps no state between calls, so the results are identical.
 */
const memoizedMatchesEntirely = {
	name: 'memoized-matches-entirely',
	setup(build) {
		build.onLoad({ filter: /libphonenumber-js[\\/]build[\\/]helpers[\\/]matchesEntirely\.js$/ }, () => ({
			loader: 'js',
			contents: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = matchesEntirely;
var compiled = new Map();
function matchesEntirely(text, regularExpressionText) {
	text = text || '';
	var regExp = compiled.get(regularExpressionText);
	if (regExp === undefined) {
		regExp = new RegExp('^(?:' + regularExpressionText + ')$');
		compiled.set(regularExpressionText, regExp);
	}
	return regExp.test(text);
}`,
		}));
	},
};

async function bundleVendor() {
	for (const rel of VENDOR_BUNDLES) {
		const file = path.join(DIST, rel);
		if (!fs.existsSync(file)) throw new Error(`Vendor shim missing after tsc: ${rel}`);
		await esbuild.build({
			entryPoints: [file],
			outfile: file,
			allowOverwrite: true,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			minify: true,
			legalComments: 'inline',
			external: [...ALLOWED_RUNTIME_MODULES],
			plugins: [memoizedMatchesEntirely],
			// The library logs a cache miss and a caught pattern error to the console. A node must not write to
			// n8n's console (n8n's verification scanner refuses console calls in a package): the calls are dropped,
			// which changes nothing else (their results were unused).
			drop: ['console'],
			logLevel: 'warning',
		});
	}
}

function listJs(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return listJs(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

async function checkNoRuntimeDependencies() {
	const offenders = [];
	for (const file of listJs(DIST)) {
		const code = fs.readFileSync(file, 'utf8');
		for (const match of code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
			const id = match[1];
			if (id.startsWith('.') || ALLOWED_RUNTIME_MODULES.has(id)) continue;
			offenders.push(`${path.relative(__dirname, file)} requires "${id}"`);
		}
	}
	if (offenders.length) {
		throw new Error(
			`dist would need runtime dependencies; bundle them or import them through nodes/common/vendor:\n  ${offenders.join('\n  ')}`,
		);
	}
}

exports.build = series(copyAssets, bundleVendor, checkNoRuntimeDependencies);
exports.default = exports.build;
