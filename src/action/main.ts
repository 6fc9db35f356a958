// The main step: mask the key, check every input at once, and hand over to the post
// step. A run that is final already (scope: workflow in a last job, a workflow_run
// reporter, run-id) is reported here instead, so that the outputs reach the workflow:
// the runner drops outputs set in a post step. Job scope keeps this step as cheap as a
// bare node start: the HTTP stack and the report are loaded only to report here, the
// summary of a skipped report only when there is one.
import { explain } from '../errors.js'
import { failOnErrorAsked, keyMissing, NO_KEY_NOTICE } from '../inputs/early.js'
import { inputsArePlain } from '../inputs/plain.js'
import { appendSummary, getInput, notice, setOutput, setSecret } from '../runner.js'
import { reportsAtMain } from './stage.js'
import { saveMainState } from './state.js'
import { complain } from './tell.js'

/** Nothing will be reported: say why in the summary too, and set the one output there is. */
async function skipped(
  env: NodeJS.ProcessEnv,
  status: 'skipped' | 'not-made',
  message: string
): Promise<void> {
  setOutput('delivered', 'false', env)
  const { renderEarlySummary, runUrlOf } = await import('../report/early-summary.js')
  const runUrl = runUrlOf(env)
  appendSummary(
    renderEarlySummary({
      status,
      message,
      instanceGuid: getInput('instance-guid', env),
      ...(runUrl ? { runUrl } : {})
    }),
    env
  )
}

export function run(env: NodeJS.ProcessEnv = process.env): Promise<void> | undefined {
  setSecret(getInput('api-key', env))
  setSecret(getInput('github-token', env))
  if (keyMissing(env)) {
    notice(NO_KEY_NOTICE)
    saveMainState({ skip: 'no-key' }, env)
    return skipped(env, 'skipped', NO_KEY_NOTICE)
  }
  if (inputsArePlain(env)) return handOver(env)
  // Only an input set to something else loads the full checks, which say what is wrong.
  return import('../inputs.js')
    .then(({ readInputs }) => readInputs(env))
    .then(
      () => handOver(env),
      (cause: unknown) => notMade(env, cause)
    )
}

/** An input is wrong: nothing will be reported, and the user is told which and why. */
function notMade(env: NodeJS.ProcessEnv, cause: unknown): Promise<void> {
  const message = explain(cause)
  saveMainState({ skip: 'input' }, env)
  const failOnError = failOnErrorAsked(env)
  return skipped(env, 'not-made', message).then(() =>
    complain(failOnError ? message : `${message} Nothing will be reported.`, failOnError)
  )
}

/** The inputs are right: a job is reported by the post step, a finished run here. */
function handOver(env: NodeJS.ProcessEnv): Promise<void> | undefined {
  // The post step reports: an empty hand-over would tell it nothing, so none is written.
  if (!reportsAtMain(env)) return undefined
  saveMainState({ skip: 'reported' }, env)
  return import('./report-step.js').then((step) => step.runReport(env))
}
