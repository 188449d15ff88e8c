/**
 * Jest reporter for the queue-mode suite: prints `queue mode: <N> passed, <M> failed` and the suite's time once the
 * run is over. jest.config.js lists it next to jest's default reporter (scripts/test.js's "queue" step passes both
 * too); it prints only when the run included the queue suite.
 */
class QueueSummaryReporter {
	onRunStart() {
		this.started = Date.now();
	}

	onRunComplete(_contexts, results) {
		const queue = results.testResults.some((result) =>
			result.testFilePath.split('\\').join('/').includes('/test/queue/'),
		);
		if (!queue) return;
		const seconds = ((Date.now() - (this.started ?? Date.now())) / 1000).toFixed(1);
		// A suite that failed before its tests ran (e.g. setup) counts as failed too.
		const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
		process.stdout.write(`\nqueue mode: ${results.numPassedTests} passed, ${failed} failed (${seconds} s)\n`);
	}
}

module.exports = QueueSummaryReporter;
