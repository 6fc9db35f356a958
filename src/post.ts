// The post step: collect the job (or run) from the GitHub API, map it, validate it,
// send it, and tell the user what happened. It never fails the job unless
// fail-on-error is true.
import { CLI } from './cli/invocation.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { collectReport, type Collected } from './collect.js'
import { DEFAULT_SEI_ENDPOINT } from './defaults.js'
import { ContextError, readContext } from './context.js'
import { createGitHubClient, GitHubError } from './github/client.js'
import { Budget, realClock, retryLog } from './http/retry.js'
import {
  createTransport,
  ProxyConfigError,
  proxySecrets,
  type Transport
} from './http/transport.js'
import { failOnErrorAsked, InputError, keyMissing, readInputs, type Inputs } from './inputs.js'
import { NO_KEY_NOTICE } from './main.js'
import { keptPayloadBlock } from './report/kept-payload.js'
import { renderSummary, type SummaryOutcome } from './report/summary.js'
import * as runner from './runner.js'
import { deliver, DeliveryError, reportUrl, type Delivered } from './sei/deliver.js'
import { foldPayload } from './sei/fold.js'
import { PayloadError } from './sei/schema.js'
import { loadMainState } from './state.js'

/** Grace beyond timeout-seconds before the step stops itself, whatever is pending. */
export const DEADLINE_GRACE_MS = 5000

const KNOWN_ERRORS = [
  InputError,
  ContextError,
  GitHubError,
  DeliveryError,
  PayloadError,
  ProxyConfigError
]

function oneLine(cause: unknown): string {
  if (KNOWN_ERRORS.some((type) => cause instanceof type)) return (cause as Error).message
  const message = cause instanceof Error ? cause.message : String(cause)
  return `sei-cicd-action stopped on an unexpected error: ${message.split('\n')[0]}. Please report it.`
}

/** Tells the user about a problem: a failed step if they asked for it, else a warning. */
function complain(message: string, env: NodeJS.ProcessEnv): void {
  if (failOnErrorAsked(env)) runner.setFailed(message)
  else
    runner.warning(
      `${message} The job is not affected (fail-on-error is false).`,
      'sei-cicd-action'
    )
}

function setOutputs(
  collected: Collected | undefined,
  delivered: boolean,
  env: NodeJS.ProcessEnv
): void {
  if (collected) {
    runner.setOutput('payload', JSON.stringify(collected.payload), env)
    runner.setOutput('execution-id', collected.payload.execution_id, env)
    runner.setOutput('result', collected.payload.result, env)
  }
  runner.setOutput('delivered', String(delivered), env)
}

/** The report while it is on its way, so that the deadline can still keep it. */
interface InFlight {
  collected?: Collected
  kept: boolean
}

/** Saves an undelivered payload where `sei-cicd-action send` can re-post it. */
function keepPayload(collected: Collected, env: NodeJS.ProcessEnv): string | undefined {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'sei-cicd-action')
  const file = join(dir, `report-${collected.payload.execution_id}.json`)
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(file, runner.redact(JSON.stringify(collected.payload, null, 2)) + '\n', 'utf8')
    return file
  } catch (cause) {
    runner.warning(
      `Could not keep the payload in ${file}: ${(cause as Error).message}. The job is not affected.`,
      'sei-cicd-action'
    )
    return undefined
  }
}

/** Keeps an undelivered report in every place the user can find it, and says why. */
function keepUndelivered(
  collected: Collected,
  message: string,
  url: string,
  env: NodeJS.ProcessEnv
): void {
  const keptFile = keepPayload(collected, env)
  const outcome: SummaryOutcome = {
    status: 'failed',
    url,
    error: message,
    ...(keptFile ? { keptFile } : {})
  }
  setOutputs(collected, false, env)
  runner.appendSummary(
    renderSummary(collected.payload, outcome, collected.shipped) +
      keptPayloadBlock(JSON.stringify(collected.payload, null, 2), keptFile),
    env
  )
  const resend = keptFile
    ? ` The payload was kept in ${keptFile}; re-send it with \`${CLI} send ${keptFile}\`.`
    : ' The payload is in the payload output.'
  complain(`${message}${resend}`, env)
}

function logPayload(collected: Collected): void {
  runner.startGroup(`SEI payload (${collected.payload.job_run.stages.length} stage(s))`)
  runner.info(JSON.stringify(collected.payload, null, 2))
  runner.endGroup()
}

async function report(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  inFlight: InFlight
): Promise<void> {
  const context = readContext(env)
  const budget = new Budget(inputs.timeoutSeconds * 1000)
  const client = createGitHubClient({
    apiUrl: context.apiUrl,
    token: inputs.githubToken,
    owner: context.owner,
    repo: context.repo,
    transport,
    budget,
    hooks: retryLog('GitHub API', runner.info)
  })
  const built = await collectReport(inputs, context, client, realClock)
  for (const line of built.notices) runner.notice(line)
  const folded = foldPayload(built.payload)
  if (folded.notice) runner.notice(folded.notice)
  const collected: Collected = { ...built, payload: folded.payload }
  logPayload(collected)
  const url = reportUrl(inputs.seiApiBase)
  if (inputs.dryRun) {
    setOutputs(collected, false, env)
    runner.appendSummary(
      renderSummary(collected.payload, { status: 'dry-run', url }, collected.shipped),
      env
    )
    runner.info(`Dry run: the report was built and validated, and not sent to ${url}.`)
    return
  }
  const target = {
    apiBase: inputs.seiApiBase,
    apiKey: inputs.apiKey,
    endpointName: runner.getInput('sei-endpoint', env) || DEFAULT_SEI_ENDPOINT
  }
  inFlight.collected = collected
  let delivered: Delivered
  try {
    delivered = await deliver(
      JSON.stringify(collected.payload),
      target,
      transport,
      budget,
      undefined,
      retryLog('SEI', runner.info)
    )
  } catch (cause) {
    if (inFlight.kept) return
    inFlight.kept = true
    keepUndelivered(collected, oneLine(cause), url, env)
    return
  }
  inFlight.collected = undefined
  setOutputs(collected, true, env)
  runner.info(
    `Reported ${collected.payload.job_full_name} #${collected.payload.build_number} to SEI: HTTP ${delivered.status} after ${delivered.attempts} attempt(s).`
  )
  runner.appendSummary(
    renderSummary(collected.payload, { status: 'delivered', url }, collected.shipped),
    env
  )
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  runner.setSecret(runner.getInput('api-key', env))
  runner.setSecret(runner.getInput('github-token', env))
  for (const secret of proxySecrets(env)) runner.setSecret(secret)
  const state = loadMainState(env)
  if (state?.skip) {
    setOutputs(undefined, false, env)
    return
  }
  if (keyMissing(env)) {
    runner.notice(NO_KEY_NOTICE)
    setOutputs(undefined, false, env)
    return
  }
  let transport: Transport | undefined
  const inFlight: InFlight = { kept: false }
  try {
    const inputs = readInputs(env)
    const deadline = setTimeout(
      () => {
        const message = `The report did not finish within timeout-seconds (${inputs.timeoutSeconds} s) and was abandoned.`
        if (inFlight.collected && !inFlight.kept) {
          inFlight.kept = true
          keepUndelivered(inFlight.collected, message, reportUrl(inputs.seiApiBase), env)
        } else if (!inFlight.kept) {
          setOutputs(undefined, false, env)
          complain(message, env)
        }
        process.exit()
      },
      inputs.timeoutSeconds * 1000 + DEADLINE_GRACE_MS
    )
    deadline.unref()
    transport = await createTransport(env)
    await report(inputs, env, transport, inFlight)
  } catch (cause) {
    setOutputs(undefined, false, env)
    complain(oneLine(cause), env)
  } finally {
    await transport?.close()
  }
}
