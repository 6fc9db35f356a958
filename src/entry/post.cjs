const { run } = require('../post.ts')
const { warning } = require('../runner.ts')

process.on('unhandledRejection', (reason) => {
  warning(`sei-cicd-action: an unexpected error was ignored: ${String(reason).split('\n')[0]}`)
})

run()
