import { run } from '../post.js'
import { warning } from '../runner.js'

process.on('unhandledRejection', (reason) => {
  warning(`sei-cicd-action: an unexpected error was ignored: ${String(reason).split('\n')[0]}`)
})

await run()
