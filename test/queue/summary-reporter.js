/**
 * Jest reporter for the queue-mode suite: prints `queue mode: <N> passed, <M> failed` and the suite's time once the
 * run is over (used by scripts/test.js's "queue" step next to jest's default reporter).
 */
class QueueSummaryReporter {
	onRunStart() {
		this.started = Date.now();
	}

	onRunComplete(_contexts, results) {
		const seconds = ((Date.now() - (this.started ?? Date.now())) / 1000).toFixed(1);
		// A suite that failed before its tests ran (e.g. setup) counts as failed too.
		const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
		process.stdout.write(`\nqueue mode: ${results.numPassedTests} passed, ${failed} failed (${seconds} s)\n`);
	}
}

module.exports = QueueSummaryReporter;
