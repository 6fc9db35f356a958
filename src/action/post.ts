// The post step: report the job this step runs in, now that its other steps have run.
// Whatever the main step reported already, or told the user it will not report, is
// left alone.
import { keyMissing, NO_KEY_NOTICE } from '../inputs.js'
import { runReport } from './report-step.js'
import * as runner from '../runner.js'
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
  await runReport(env)
}
