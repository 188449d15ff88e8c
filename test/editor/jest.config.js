/**
 * The editor suite (n8n's editor in Chromium): its own jest project, run by `npm run test:editor` and the `editor`
 * step of `npm test`, one file at a time (one n8n and one browser per file).
 */
module.exports = {
	rootDir: '../..',
	displayName: 'editor',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testMatch: ['<rootDir>/test/editor/**/*.editor.ts'],
	reporters: ['default', '<rootDir>/test/editor/summary-reporter.js'],
};
