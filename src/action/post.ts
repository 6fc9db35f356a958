// The post step: report the job this step runs in, now that its other steps have run.
// Whatever the main step reported already, or told the user it will not report, is
// left alone. The job's request and the deployments look-up go out first; the code of
// the report is loaded while GitHub answers.
import { keyMissing, NO_KEY_NOTICE } from '../inputs.js'
import * as runner from '../runner.js'
import { startRequests } from './early-requests.js'
import { reportsAtMain } from './stage.js'
import { loadMainState } from './state.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  runner.setSecret(runner.getInput('api-key', env))
  runner.setSecret(runner.getInput('github-token', env))
  // The main step reported it, or said why not (even if it could not save its state).
  if (loadMainState(env)?.skip || reportsAtMain(env)) return
  if (keyMissing(env)) {
    runner.notice(NO_KEY_NOTICE)
    return
  }
  const started = await startRequests(env)
  // One turn of the event loop, so that the requests leave before the loading starts.
  await new Promise((resolve) => setImmediate(resolve))
  const { runReport } = await import('./report-step.js')
  await runReport(env, started)
}
