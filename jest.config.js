/** Projects: fast in-process tests (unit + n8n-core workflow runs), the real-n8n end-to-end run, n8n in queue mode. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

module.exports = {
	// The queue suite's summary line (`queue mode: <N> passed, <M> failed`); silent when that suite did not run.
	reporters: ['default', '<rootDir>/test/queue/summary-reporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/', '<rootDir>/test/queue/'],
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
			// n8n in queue mode (main, workers, webhook processor; Postgres and Redis): scripts/test.js step "queue".
			displayName: 'queue',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
		},
	],
};
