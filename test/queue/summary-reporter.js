/**
 * Jest reporter for the queue-mode suite: prints `queue mode: <N> passed, <M> failed (<seconds> s)` once the run is
 * over. jest.config.js lists it next to jest's default reporter (scripts/test.js's "queue" step passes both too); it
 * prints only when the run included the queue suite.
 */
const { summaryReporter } = require('../support/summary-reporter');

module.exports = summaryReporter('queue mode', '/test/queue/');
