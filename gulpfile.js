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

/** libphonenumber-js's own folder (the version package-lock.json pins). */
const PHONE_LIB = path.dirname(require.resolve('libphonenumber-js/package.json'));

/**
 * libphonenumber-js ships its code twice: `build/` (and `es6/`), transpiled for old browsers by Babel, and `source/`,
 * the same modules as written (the package's `es6/` and `source/` hold the same files). The transpiled form spreads
 * every options object through Babel's `_objectSpread` helper and destructures through iterator helpers: about a
 * third of the garbage a phone check makes and a fifth of its time. The bundle takes the modules from `source/`, for
 * the Node version n8n runs on: the same code, minus the helpers.
 */
const phoneLibFromSource = {
	name: 'phone-lib-from-source',
	setup(build) {
		// `libphonenumber-js/max` resolves to the CommonJS entry for a `require`: take the ES module entry instead.
		build.onResolve({ filter: /^libphonenumber-js\/max$/ }, () => ({
			path: path.join(PHONE_LIB, 'max', 'index.js'),
		}));
		// Its ES modules import from `es6/`: the same file under `source/`.
		build.onResolve({ filter: /[\\/]es6[\\/]/ }, (args) => {
			const inside = path.relative(path.join(PHONE_LIB, 'es6'), path.resolve(args.resolveDir, args.path));
			if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
			return { path: path.join(PHONE_LIB, 'source', inside) };
		});
	},
};

/**
 * libphonenumber-js checks a number against its country's patterns with `new RegExp(pattern).test(text)`, building
 * the same few expressions again for every number. Inside a busy n8n, V8's own regexp cache rarely keeps them, so
 * compiling them is most of the cost of validating a phone. The bundle gets the same function with each expression
 * built once: without the `g` and `y` flags a RegExp keeps no state between calls, so the results are identical.
 */
const memoizedMatchesEntirely = {
	name: 'memoized-matches-entirely',
	setup(build) {
		build.onLoad({ filter: /libphonenumber-js[\\/]source[\\/]helpers[\\/]matchesEntirely\.js$/ }, () => ({
			loader: 'js',
			contents: `const compiled = new Map();
export default function matchesEntirely(text, regularExpressionText) {
	text = text || '';
	let regExp = compiled.get(regularExpressionText);
	if (regExp === undefined) {
		regExp = new RegExp('^(?:' + regularExpressionText + ')$');
		compiled.set(regularExpressionText, regExp);
	}
	return regExp.test(text);
}`,
		}));
	},
};

/** Fails the build when a plugin above no longer applies (a new libphonenumber-js layout): nothing silently slower. */
function checkPhoneLibInputs(metafile) {
	const inputs = Object.keys(metafile.inputs).filter((file) => file.includes('libphonenumber-js'));
	const transpiled = inputs.filter((file) => /[\\/](build|es6)[\\/]/.test(file));
	const memoized = inputs.some((file) => /source[\\/]helpers[\\/]matchesEntirely\.js$/.test(file));
	if (transpiled.length || !memoized || !inputs.some((file) => /[\\/]source[\\/]/.test(file))) {
		throw new Error(
			`libphonenumber-js was not bundled from its source/ modules (transpiled: ${transpiled.length}, memoized matchesEntirely: ${memoized}): see phoneLibFromSource in gulpfile.js`,
		);
	}
}

async function bundleVendor() {
	for (const rel of VENDOR_BUNDLES) {
		const file = path.join(DIST, rel);
		if (!fs.existsSync(file)) throw new Error(`Vendor shim missing after tsc: ${rel}`);
		const { metafile } = await esbuild.build({
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
			plugins: [phoneLibFromSource, memoizedMatchesEntirely],
			metafile: true,
			// The library logs a cache miss and a caught pattern error to the console. A node must not write to
			// n8n's console (n8n's verification scanner refuses console calls in a package): the calls are dropped,
			// which changes nothing else (their results were unused).
			drop: ['console'],
			logLevel: 'warning',
		});
		checkPhoneLibInputs(metafile);
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
