// From inputs and the runner context to a report, in three stages:
//   plan   – which run, job and deployments to read, from inputs and the runner alone;
//   fetch  – every request starts as soon as what it needs is known: the job (or the
//            run's jobs) and the commit's deployments together, then the statuses of
//            candidate deployments with their environments' histories, then the
//            commits between deployments;
//   map    – the plain data go to the pure mapping (mapping/*), then the schema.
// Critical path of a job report: job ∥ deployments → [statuses ∥ environment history
// → earlier statuses → compare, only when the job deployed] → SEI.
import type { RunnerContext } from '../context.js'
import type { GitHubClient } from '../github/client.js'
import { GitHubError } from '../github/request.js'
import { jobCheck } from '../github/answers.js'
import { findCurrentJob, pickCurrentJob, type JobLocator } from '../github/find-job.js'
import type { GitHubDeployment, GitHubJob, GitHubRun } from '../github/types.js'
import type { Clock } from '../http/retry.js'
import type { Inputs } from '../inputs.js'
import {
  buildJobReport,
  buildWorkflowReport,
  finishedRunEnd,
  type Report,
  type ReportOptions
} from '../mapping/payload.js'
import { currentJobResult, jobResult } from '../mapping/result.js'
import { runFromApi, runFromContext, type RunInfo } from '../mapping/run-info.js'
import type { Shipped } from '../mapping/shipped.js'
import { toMillis } from '../mapping/time.js'
import { validatePayload } from '../sei/schema.js'
import { early } from './calls.js'
import {
  deploymentData,
  finishedHistory,
  listDeployments,
  NOT_DEPLOYED,
  runHistory,
  wholeRunDeployments,
  type DeploymentData
} from './deployed.js'
import type { RunHistoryQuery } from './shipped.js'
import { comparedCommits, finishedPushCommits } from './push-commits.js'

export interface Collected extends Report {
  /** What was reported, for the summary: "job" or "workflow run". */
  subject: 'job' | 'workflow'
  /** Per environment a CD report deployed to, what it shipped; empty for CI. */
  shipped: Shipped[]
  /**
   * With a whole run: the report of each of its jobs that deployed, as that job's own
   * step makes it (same SEI job and build number), so that every deployment is one SEI
   * run with its own environment and result, whoever reports it first.
   */
  deployJobs: Collected[]
}

// ---- options handed to the mapping ---------------------------------------------

function reportOptions(
  inputs: Inputs,
  deployed: DeploymentData,
  compared: string[] | undefined,
  matrix?: Record<string, unknown>
): ReportOptions {
  return {
    instanceGuid: inputs.instanceGuid,
    instanceName: inputs.instanceName,
    cd: deployed.cd,
    artifacts: inputs.artifacts,
    params: inputs.params,
    ...(matrix ? { matrix } : {}),
    projectName: inputs.projectName,
    moduleName: inputs.moduleName,
    themes: inputs.themes,
    cfrStatus: inputs.cfrStatus,
    ...(compared ? { comparedCommits: compared } : {}),
    environments: deployed.environments,
    ...(deployed.commits ? { shippedCommits: deployed.commits } : {}),
    changes: deployed.changes ?? [],
    hotfixBranches: inputs.hotfixBranches
  }
}

interface Built {
  report: Report
  shipped: Shipped[]
  deployJobs?: Collected[]
}

// ---- the three subjects --------------------------------------------------------

/** The finished run this step reports instead of its own, if any. */
async function upstreamRun(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient
): Promise<GitHubRun | undefined> {
  if (inputs.runId !== undefined) return client.getRun(inputs.runId)
  const upstream = context.event.workflow_run
  if (inputs.scope === 'workflow' && context.eventName === 'workflow_run' && upstream) {
    return upstream as GitHubRun
  }
  return undefined
}

async function finishedRunReport(
  run: GitHubRun,
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  notices: string[]
): Promise<Built> {
  const info = runFromApi(context, run)
  if (run.status && run.status !== 'completed') {
    notices.push(
      `Workflow run ${run.id} is ${run.status}, not completed: its jobs are reported as they are now.`
    )
  }
  const start = toMillis(run.run_started_at) ?? toMillis(run.created_at) ?? 0
  const listed = listDeployments(inputs, client, run.head_sha)
  const compared = early(finishedPushCommits(run, client, notices))
  const jobs = await client.listAttemptJobs(run.id, run.run_attempt ?? 1)
  const target = { sha: run.head_sha, runId: run.id, jobIds: jobs.map((j) => j.id), since: start }
  const whole = await wholeRunDeployments(inputs, client, target, listed, notices, {
    history: finishedHistory(inputs, run),
    jobs,
    report: (job, reader) => finishedJobReport(inputs, info, job, reader, listed)
  })
  const report = buildWorkflowReport(
    info,
    jobs,
    { start, end: finishedRunEnd(jobs, run.updated_at), conclusion: run.conclusion },
    reportOptions(inputs, whole.deployed, await compared)
  )
  return { report, shipped: whole.deployed.shipped, deployJobs: whole.deployJobs }
}

/** What tells this step's job apart: its id when the runner gives one, else its runner. */
function jobLocator(context: RunnerContext, checkRunId?: number): JobLocator {
  return {
    runId: context.runId,
    runAttempt: context.runAttempt,
    runnerName: context.runnerName,
    jobKey: context.jobKey,
    ...(checkRunId === undefined ? {} : { checkRunId })
  }
}

/**
 * The reporting job when the first listing did not show it running (the API lags the
 * runner; without job.check_run_id, on older GHES, the runner name is all there is).
 */
async function reportingJobAfterLag(
  context: RunnerContext,
  client: GitHubClient,
  notices: string[]
): Promise<number | undefined> {
  try {
    const job = await findCurrentJob(client, jobLocator(context))
    return job.id
  } catch (cause) {
    if (!(cause instanceof GitHubError)) throw cause
    notices.push(
      `The job running this step could not be told apart (runner "${context.runnerName}"), so it is reported as a stage too.`
    )
    return undefined
  }
}

async function currentRunReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock,
  notices: string[]
): Promise<Built> {
  const info = runFromContext(context)
  const listed = listDeployments(inputs, client, context.sha)
  const compared = early(comparedCommits(info, client, notices))
  const [jobs, attempt] = await Promise.all([
    client.listAttemptJobs(context.runId, context.runAttempt),
    client.getRunAttempt(context.runId, context.runAttempt)
  ])
  const now = clock.now()
  const start = toMillis(attempt.run_started_at) ?? toMillis(attempt.created_at) ?? now
  const named = { ...info, workflowName: attempt.name || info.workflowName }
  const target = {
    sha: context.sha,
    runId: context.runId,
    jobIds: jobs.map((j) => j.id),
    since: start
  }
  const [reporting, whole] = await Promise.all([
    inputs.jobCheckRunId ??
      pickCurrentJob(jobs, context.runnerName)?.id ??
      reportingJobAfterLag(context, client, notices),
    wholeRunDeployments(inputs, client, target, listed, notices, {
      history: runHistory(inputs, context, attempt.created_at),
      jobs: jobs.filter((job) => job.status === 'completed'),
      report: (job, reader) => finishedJobReport(inputs, named, job, reader, listed)
    })
  ])
  const report = buildWorkflowReport(
    named,
    jobs,
    { start, end: now },
    reportOptions(inputs, whole.deployed, await compared),
    reporting
  )
  return { report, shipped: whole.deployed.shipped, deployJobs: whole.deployJobs }
}

async function currentJobReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock,
  notices: string[]
): Promise<Built> {
  const info = runFromContext(context)
  const listed = listDeployments(inputs, client, context.sha)
  const compared = early(comparedCommits(info, client, notices))
  const job = await findCurrentJob(client, jobLocator(context, inputs.jobCheckRunId))
  const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? clock.now()
  const target = { sha: context.sha, runId: context.runId, jobIds: [job.id], since }
  const history = runHistory(inputs, context, job.created_at ?? job.started_at, job.name)
  const deployed = await deploymentData(inputs, client, target, listed, history, notices)
  const result = currentJobResult(inputs.jobStatus, job.steps ?? [])
  const options = reportOptions(inputs, deployed, await compared, inputs.matrix)
  return {
    report: buildJobReport(info, job, result, clock.now(), options),
    shipped: deployed.shipped
  }
}

function collected(built: Built, notices: string[], subject: Collected['subject']): Collected {
  return {
    payload: validatePayload(built.report.payload),
    notices: [...built.report.notices, ...notices],
    subject,
    changeFailures: built.report.changeFailures,
    shipped: built.shipped,
    deployJobs: built.deployJobs ?? []
  }
}

/** What a finished job's report reads besides its deployments. */
interface FinishedJobReads {
  history?: RunHistoryQuery
  /** The push's commits, for a CI report. */
  compared?: Promise<string[] | undefined>
  /** The end of a job GitHub gives no completion time. */
  now?: number
  notices?: string[]
}

/**
 * A finished job, reported as its own post step reports it: for a job of a whole run
 * that made deployments, a CD report of the environments it deployed to, with its own
 * result.
 */
async function finishedJobReport(
  inputs: Inputs,
  run: RunInfo,
  job: GitHubJob,
  client: GitHubClient,
  listed: Promise<GitHubDeployment[]> | undefined,
  reads: FinishedJobReads = {}
): Promise<Collected> {
  const notices = reads.notices ?? []
  const info = { ...run, runAttempt: job.run_attempt ?? run.runAttempt }
  const end = toMillis(job.completed_at) ?? reads.now ?? toMillis(job.started_at) ?? 0
  const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? end
  const target = { sha: run.sha, runId: run.runId, jobIds: [job.id], since }
  const deployed = await deploymentData(inputs, client, target, listed, reads.history, notices)
  const options = reportOptions(inputs, deployed, await reads.compared)
  const report = buildJobReport(info, job, jobResult(job), end, options)
  return collected({ report, shipped: deployed.shipped }, notices, 'job')
}

/**
 * Runs the checks and the mapping of a job report once, on a made-up job with this
 * step's inputs and context, and drops the result. Called while GitHub answers, it has
 * V8 compile that code then, so that the real report, built once the answer is in,
 * leaves for SEI sooner. It reads and sends nothing; true when it ran through.
 */
export function primeJobReport(inputs: Inputs, context: RunnerContext): boolean {
  const at = new Date().toISOString()
  const step = { status: 'completed', conclusion: 'success', started_at: at, completed_at: at }
  const answer = {
    id: 1,
    run_id: context.runId || 1,
    run_attempt: 1,
    name: 'prime',
    status: 'completed',
    conclusion: 'success',
    created_at: at,
    started_at: at,
    completed_at: at,
    steps: [
      { ...step, name: 'Set up job', number: 1 },
      { ...step, name: 'Run a step', number: 2 }
    ]
  }
  try {
    const parsed = jobCheck.safeParse(answer)
    if (!parsed.success) return false
    const job = parsed.data
    const options = reportOptions(inputs, NOT_DEPLOYED, undefined, inputs.matrix)
    const result = currentJobResult('success', job.steps ?? [])
    validatePayload(
      buildJobReport(runFromContext(context), job, result, Date.now(), options).payload
    )
    return true
  } catch {
    // Only a head start: the real report tells its own errors.
    return false
  }
}

/** A finished job of a finished run, as its own post step would have reported it. */
export async function collectFinishedJob(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  run: GitHubRun,
  job: GitHubJob,
  clock: Clock
): Promise<Collected> {
  const notices: string[] = []
  const listed = listDeployments(inputs, client, run.head_sha)
  return finishedJobReport(inputs, runFromApi(context, run), job, client, listed, {
    history: finishedHistory(inputs, run, job.name),
    compared: early(finishedPushCommits(run, client, notices)),
    now: clock.now(),
    notices
  })
}

/**
 * The report of this step's job (scope: job), of this run (scope: workflow), or of a
 * finished run (run-id, or the run a workflow_run event names), ready to send.
 */
export async function collectReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock
): Promise<Collected> {
  const notices: string[] = []
  const finished = await upstreamRun(inputs, context, client)
  if (finished) {
    return collected(
      await finishedRunReport(finished, inputs, context, client, notices),
      notices,
      'workflow'
    )
  }
  if (inputs.scope === 'workflow') {
    return collected(
      await currentRunReport(inputs, context, client, clock, notices),
      notices,
      'workflow'
    )
  }
  return collected(await currentJobReport(inputs, context, client, clock, notices), notices, 'job')
}
