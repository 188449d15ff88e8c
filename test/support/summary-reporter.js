/**
 * Jest reporters that end a run with one line for a suite: `<label>: <N> passed, <M> failed (<seconds> s)`.
 * `summaryReporter(label, folder)` makes one; with a folder (e.g. `/test/queue/`) it counts (and times) only the test
 * files under it and stays silent when the run had none of them, so it can sit in a config that runs other suites.
 */
function summaryReporter(label, folder) {
	return class SummaryReporter {
		onRunStart() {
			this.started = Date.now();
		}

		onRunComplete(_contexts, results) {
			const files = results.testResults.filter(
				(result) => !folder || result.testFilePath.split('\\').join('/').includes(folder),
			);
			if (folder && !files.length) return;
			// The suite's own time: the whole run, or with a folder, the time its files took.
			const ms = folder
				? files.reduce((sum, file) => sum + (file.perfStats.end - file.perfStats.start), 0)
				: Date.now() - (this.started ?? Date.now());
			const seconds = (ms / 1000).toFixed(1);
			const passed = files.reduce((sum, file) => sum + file.numPassingTests, 0);
			// A file that failed before its tests ran (e.g. n8n did not start) counts as failed too.
			const failed = files.reduce(
				(sum, file) => sum + file.numFailingTests + (file.testExecError ? 1 : 0),
				0,
			);
			process.stdout.write(`\n${label}: ${passed} passed, ${failed} failed (${seconds} s)\n`);
		}
	};
}

module.exports = { summaryReporter };
