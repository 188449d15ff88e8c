#!/usr/bin/env node
/**
 * `npm run screenshots`: regenerates the README's pictures of the nodes' panels (docs/images/*.png). They are taken
 * by the editor suite (test/editor/) as it checks each node in n8n's editor, so this runs that suite with its
 * screenshots going to docs/images/ instead of .tmp/editor-screenshots/. Extra arguments go to jest.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const IMAGES = path.join('docs', 'images');
const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

const result = spawnSync(
	process.execPath,
	[jest, '-c', path.join('test', 'editor', 'jest.config.js'), '--runInBand', ...process.argv.slice(2)],
	{ cwd: ROOT, stdio: 'inherit', env: { ...process.env, EDITOR_SCREENSHOTS_DIR: IMAGES } },
);
const images = fs.existsSync(path.join(ROOT, IMAGES))
	? fs.readdirSync(path.join(ROOT, IMAGES)).filter((file) => file.endsWith('.png'))
	: [];
console.log(`\nscreenshots: ${images.length} in ${IMAGES}/: ${images.join(', ')}`);
if (result.status !== 0) {
	console.error('screenshots: the editor suite failed, so some pictures may be missing or stale');
	process.exit(result.status ?? 1);
}
