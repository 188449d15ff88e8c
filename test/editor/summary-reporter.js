/**
 * Jest reporter for the editor suite: prints `editor: <N> passed, <M> failed (<seconds> s)` once the run is over
 * (test/editor/jest.config.js uses it next to jest's default reporter, for `npm run test:editor` and `npm test`).
 */
const { summaryReporter } = require('../support/summary-reporter');

module.exports = summaryReporter('editor');
