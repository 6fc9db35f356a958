// Bundle entries are CommonJS: Node starts a CommonJS file measurably faster than an
// ES module (docs/benchmarks.md), and the main step runs in every job.
require('../main.ts').run()
