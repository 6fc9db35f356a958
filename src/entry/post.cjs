const { run } = require('../post.ts')
const { warning } = require('../runner.ts')

function ignore(reason) {
  warning(`sei-cicd-action: an unexpected error was ignored: ${String(reason).split('\n')[0]}`)
}

process.on('unhandledRejection', ignore)
process.on('uncaughtException', ignore)

run()
