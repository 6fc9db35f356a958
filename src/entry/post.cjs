const { run } = require('../action/post.ts')
const { explain } = require('../errors.ts')
const { warning } = require('../runner.ts')

// A post step must never fail the job on its own defect: say it in one line and go on.
function ignore(reason) {
  warning(`${explain(reason)} The job is not affected.`)
}

process.on('unhandledRejection', ignore)
process.on('uncaughtException', ignore)

run()
