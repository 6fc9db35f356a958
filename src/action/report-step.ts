// Making and sending a report, from the inputs to the one ending of the step: run by
// the post step for a job, and by the main step for a run that is final when it runs
// (so that its outputs reach the workflow). It never fails the job unless fail-on-error
// is true, and ends the same way on the deadline and on the runner's signals. The post
// step sends its first requests before it loads this (first-requests.ts).
import { early } from '../collect/calls.js'
import { collectReport, primeJobReport, type Collected } from '../collect/report.js'
import { DEFAULT_SEI_ENDPOINT } from '../defaults.js'
import { explain } from '../errors.js'
import { readContext, type RunnerContext } from '../context.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { StepEnd, type Ending } from './finish.js'
import { settlesWithin } from './first-requests.js'
import { Budget, realClock, retryLog } from '../http/retry.js'
import { createTransport, proxySecrets, type Transport } from '../http/transport.js'
import { readInputs, type Inputs } from '../inputs.js'
import { failOnErrorAsked } from '../inputs/early.js'
import { runUrlOf } from '../report/early-summary.js'
import type { SeiPayload } from '../sei/schema.js'
import { complain } from './tell.js'
import * as runner from '../runner.js'
import { deliver, reportUrl } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import { maskValues } from '../secrets.js'

/** Grace beyond timeout-seconds before the step stops itself, whatever is pending. */
export const DEADLINE_GRACE_MS = 5000

/**
 * What a cancelled step keeps for delivery after SIGINT: the runner sends SIGTERM
 * 7.5 s after it, and kills the process 2.5 s later.
 */
export const CANCEL_GRACE_MS = 6000

/** The runner's context, its event masked, and the client for this repository. */
interface GitHubSide {
  context: RunnerContext
  client: GitHubClient
}

function connect(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  budget: Budget
): GitHubSide {
  const read = readContext(env)
  const client = createGitHubClient({
    apiUrl: read.apiUrl,
    insecureHttp: inputs.allowInsecureHttp,
    optIn: 'the input allow-insecure-http: true',
    token: inputs.githubToken,
    owner: read.owner,
    repo: read.repo,
    transport,
    budget,
    hooks: retryLog('GitHub API', runner.info)
  })
  // The event is text from outside.
  return { context: { ...read, event: maskValues(read.event) }, client }
}

function logPayloads(reports: readonly Collected[]): void {
  for (const collected of reports) {
    runner.startGroup(`SEI payload (${collected.payload.job_run.stages.length} stage(s))`)
    runner.info(JSON.stringify(collected.payload, null, 2))
    runner.endGroup()
  }
}

async function report(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  budget: Budget,
  end: StepEnd,
  post?: PostStep
): Promise<Ending> {
  const { context, client } = connect(inputs, env, transport, budget)
  // SEI's connection (and TLS handshake) is made while GitHub answers.
  if (!inputs.dryRun) transport.preconnect?.(inputs.seiApiBase)
  const building = early(collectReport(inputs, context, client, realClock))
  if (post) {
    // Once the requests are out, the code that maps the answers is compiled while they
    // are awaited, unless they come back within PRIME_AFTER_MS.
    await transport.flushed?.()
    if (!(await settlesWithin(post.answered, PRIME_AFTER_MS))) primeJobReport(inputs, context)
  }
  const built = await building
  const collected = ready(built)
  const deployJobs = built.deployJobs.map(ready)
  end.built(collected)
  const url = reportUrl(inputs.seiApiBase)
  if (inputs.dryRun) {
    logPayloads([collected, ...deployJobs])
    return {
      status: 'dry-run',
      line: `Dry run: the report was built and validated, and not sent to ${url}.`
    }
  }
  const target = {
    apiBase: inputs.seiApiBase,
    apiKey: inputs.apiKey,
    endpointName: end.target.endpoint
  }
  const send = (payload: SeiPayload) =>
    deliver(
      JSON.stringify(payload),
      target,
      transport,
      budget,
      undefined,
      retryLog('SEI', runner.info)
    )
  try {
    const sending = early(send(collected.payload))
    // What the step prints and draws, it does once the report has left, while SEI answers.
    await transport.flushed?.()
    logPayloads([collected, ...deployJobs])
    end.prepare()
    const delivered = await sending
    for (const deployJob of deployJobs) await sendDeployJob(deployJob.payload, send, end)
    return {
      status: 'delivered',
      line: `Reported ${collected.payload.job_full_name} #${collected.payload.build_number} to SEI: HTTP ${delivered.status} after ${delivered.attempts} attempt(s).`
    }
  } catch (cause) {
    return { status: 'failed', message: explain(cause) }
  }
}

/** A report folded to fit and masked, its notices told. */
function ready(built: Collected): Collected {
  for (const line of built.notices) runner.notice(line)
  const folded = foldPayload(built.payload)
  if (folded.notice) runner.notice(folded.notice)
  return { ...built, payload: maskValues(folded.payload) }
}

/**
 * The report of a job of the run that deployed. One that cannot be delivered is kept
 * and told as a warning; the run's own report stands.
 */
async function sendDeployJob(
  payload: SeiPayload,
  send: (payload: SeiPayload) => Promise<{ status: number; attempts: number }>,
  end: StepEnd
): Promise<void> {
  const what = `${payload.job_full_name} #${payload.build_number}`
  try {
    const delivered = await send(payload)
    runner.info(
      `Reported ${what} to SEI: HTTP ${delivered.status} after ${delivered.attempts} attempt(s).`
    )
  } catch (cause) {
    complain(
      `The report of the deploying job ${what} was not delivered: ${explain(cause)}${end.keepAnother(payload)}`,
      end.target.failOnError
    )
  }
}

/**
 * Ends the step on the deadline and on the runner's signals. SIGINT (cancellation)
 * keeps the report at once and leaves CANCEL_GRACE_MS to deliver it; SIGTERM ends
 * the step at once. Returns the function that stops watching.
 */
function watchEnds(end: StepEnd, budget: Budget, timeoutSeconds: number): () => void {
  let timer: NodeJS.Timeout | undefined
  let stopAt = Infinity
  const stopBy = (at: number, message: string) => {
    if (at >= stopAt) return
    stopAt = at
    clearTimeout(timer)
    timer = setTimeout(() => abandon(message), Math.max(0, at - Date.now()))
  }
  const abandon = (message: string) => {
    end.finish({ status: 'failed', message })
    process.exit()
  }
  const onInterrupt = () => {
    end.keepNow()
    budget.limit(CANCEL_GRACE_MS)
    stopBy(
      Date.now() + CANCEL_GRACE_MS,
      `The job was cancelled, and the report could not be delivered within the ${CANCEL_GRACE_MS / 1000} s a cancelled step has.`
    )
  }
  const onTerminate = () =>
    abandon('The job was cancelled (SIGTERM) before the report was delivered.')
  stopBy(
    Date.now() + timeoutSeconds * 1000 + DEADLINE_GRACE_MS,
    `The report did not finish within timeout-seconds (${timeoutSeconds} s) and was abandoned.`
  )
  timer?.unref()
  process.on('SIGINT', onInterrupt)
  process.on('SIGTERM', onTerminate)
  return () => {
    clearTimeout(timer)
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onTerminate)
  }
}

/** How the post step runs a report, unlike the main step. */
export interface PostStep {
  /** The transport it sent its first requests with (first-requests.ts). */
  early: Transport | undefined
  /** Settles once they are all answered; until then, the report's code is compiled. */
  answered: Promise<void>
}

/**
 * How long the post step waits for its first answers before it compiles the report's
 * code meanwhile: answers from a nearby API are in by then, and compiling first would
 * only hold them up.
 */
export const PRIME_AFTER_MS = 3

/**
 * Reports. From the post step (`post`), the first requests' answers are taken from its
 * transport, and no output is set: the runner drops what a post step sets.
 */
export async function runReport(
  env: NodeJS.ProcessEnv = process.env,
  post?: PostStep
): Promise<void> {
  const early = post?.early
  // Masked already when the post step sent its first requests: a known secret is not told twice.
  for (const secret of proxySecrets(env)) runner.setSecret(secret)
  const end = new StepEnd(env, {
    outputs: !post,
    endpoint: runner.getInput('sei-endpoint', env) || DEFAULT_SEI_ENDPOINT,
    instanceGuid: runner.getInput('instance-guid', env),
    failOnError: failOnErrorAsked(env),
    ...(runUrlOf(env) ? { runUrl: runUrlOf(env)! } : {})
  })
  let inputs: Inputs
  try {
    inputs = readInputs(env)
  } catch (cause) {
    end.finish({ status: 'failed', message: explain(cause) })
    // The first requests' answers are not awaited.
    await early?.close()
    return
  }
  end.target.url = reportUrl(inputs.seiApiBase)
  const reported = runUrlOf(env, inputs.runId)
  if (reported) end.target.runUrl = reported
  const budget = new Budget(inputs.timeoutSeconds * 1000)
  const stopWatching = watchEnds(end, budget, inputs.timeoutSeconds)
  let transport: Transport | undefined
  try {
    transport = early ?? (await createTransport(env))
    end.finish(await report(inputs, env, transport, budget, end, post))
  } catch (cause) {
    end.finish({ status: 'failed', message: explain(cause) })
  } finally {
    stopWatching()
    await transport?.close()
  }
}
