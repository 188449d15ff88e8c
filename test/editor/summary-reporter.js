/**
 * Jest reporter for the editor suite: prints `editor: <N> passed, <M> failed (<seconds> s)` once the run is over
 * (test/editor/jest.config.js uses it next to jest's default reporter, for `npm run test:editor` and `npm test`).
 */
class EditorSummaryReporter {
	onRunStart() {
		this.started = Date.now();
	}

	onRunComplete(_contexts, results) {
		const seconds = ((Date.now() - (this.started ?? Date.now())) / 1000).toFixed(1);
		// A file that failed before its tests ran (e.g. n8n did not start) counts as failed too.
		const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
		process.stdout.write(`\neditor: ${results.numPassedTests} passed, ${failed} failed (${seconds} s)\n`);
	}
}

module.exports = EditorSummaryReporter;
