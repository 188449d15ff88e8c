/** Projects: fast in-process tests (unit + n8n-core workflow runs), the real-n8n end-to-end run, n8n in queue mode. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

module.exports = {
	// The queue and agent suites' summary lines (`queue mode: …`, `agent tools: <N> passed, <M> failed`); each is
	// silent when its suite did not run.
	reporters: [
		'default',
		'<rootDir>/test/queue/summary-reporter.js',
		'<rootDir>/test/agent/summary-reporter.js',
	],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/', '<rootDir>/test/queue/', '<rootDir>/test/agent/'],
			setupFilesAfterEnv: ['<rootDir>/test/harness/jest.setup.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/e2e/jest.setup.ts'],
		},
		{
			// n8n's AI Agent with the action nodes as tools, on the latest pinned n8n: run by scripts/test.js's
			// e2e-latest step, in the same jest run as the e2e project.
			displayName: 'agent',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/agent/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/agent/jest.setup.ts'],
		},
		{
			// n8n in queue mode (main, workers, webhook processor; Postgres and Redis): scripts/test.js step "queue".
			displayName: 'queue',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
		},
	],
};
