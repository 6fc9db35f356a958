// The post step: report the job this step runs in, now that its other steps have run.
// Whatever the main step reported already, or told the user it will not report, is
// left alone. The job's request and the deployments look-up go out first, from a small
// first bundle; the code of the report is loaded while GitHub answers.
import type { Transport } from '../http/transport.js'
import { keyMissing, NO_KEY_NOTICE } from '../inputs/early.js'
import * as runner from '../runner.js'
import { sendFirstRequests, settlesWithin } from './first-requests.js'
import { reportsAtMain } from './stage.js'
import { loadMainState } from './state.js'

/** How long the loading waits at most for the first requests to be written. */
export const LEAVE_WAIT_MS = 1000

/**
 * Until the first requests are written to their connections: loading the report's code
 * blocks the event loop, and a request whose connection opens meanwhile would wait for
 * it. At most LEAVE_WAIT_MS: a connection that takes longer loads the code meanwhile.
 */
export async function requestsLeft(transport: Transport | undefined): Promise<void> {
  const flushed = transport?.flushed?.()
  if (!flushed) return new Promise((resolve) => setImmediate(resolve))
  await settlesWithin(flushed, LEAVE_WAIT_MS)
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  runner.setSecret(runner.getInput('api-key', env))
  runner.setSecret(runner.getInput('github-token', env))
  // The main step reported it, or said why not (even if it could not save its state).
  if (loadMainState(env)?.skip || reportsAtMain(env)) return
  if (keyMissing(env)) {
    runner.notice(NO_KEY_NOTICE)
    return
  }
  const first = await sendFirstRequests(env)
  await requestsLeft(first?.transport)
  const { runReport } = await import('./report-step.js')
  await runReport(env, { early: first?.transport, answered: first?.answered ?? Promise.resolve() })
}
