// Bundle entries are CommonJS: Node starts a CommonJS file measurably faster than an
// ES module (docs/benchmarks.md), and the main step runs in every job.
const reported = require('../action/main.ts').run()

// Reporting a finished run from the main step, and the summary of a report it will not
// make, are loaded when needed and catch their own errors; this is for defects.
reported?.catch((cause) => {
  const { explain } = require('../errors.ts')
  require('../runner.ts').warning(`${explain(cause)} The job is not affected.`)
})
