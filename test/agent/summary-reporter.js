/**
 * Jest reporter for the AI Agent suite: prints `agent tools: <N> passed, <M> failed (<seconds> s)` once the run is
 * over, counting only test/agent/ (npm test runs it in the same jest run as the latest n8n's e2e suite); silent when
 * the run did not include it.
 */
const { summaryReporter } = require('../support/summary-reporter');

module.exports = summaryReporter('agent tools', '/test/agent/');
