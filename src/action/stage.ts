// Which step reports: a run whose jobs have all ended when the step starts (scope:
// workflow in a last job, a workflow_run reporter, run-id) is reported by the main
// step, so that its outputs reach the workflow; a job only by the post step, after
// its other steps. Read from the raw inputs so that both steps agree even when the
// main step could not hand anything over.
import { getInput } from '../runner.js'

export function reportsAtMain(env: NodeJS.ProcessEnv): boolean {
  return getInput('run-id', env) !== '' || getInput('scope', env).toLowerCase() === 'workflow'
}
