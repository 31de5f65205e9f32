'use strict';
// Spec output, then one plain closing line that any CI can read: "N passed, N failed[, N skipped]".
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      // Spec prints its epilogue on the same event; print after it.
      setImmediate(() => {
        const skipped = pending > 0 ? `, ${pending} skipped` : '';
        process.stdout.write(`${passes} passed, ${failures} failed${skipped}\n`);
      });
    });
  }
}
module.exports = SummaryReporter;
