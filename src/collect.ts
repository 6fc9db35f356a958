// From inputs and the runner context to a report: which run and jobs to read, and
// which of the pure mappings to apply.
import type { RunnerContext } from './context.js'
import { GitHubError, type GitHubClient } from './github/client.js'
import { decideCd, type DeploymentTarget } from './github/deployments.js'
import { findCurrentJob, pickCurrentJob, type JobLocator } from './github/find-job.js'
import type { GitHubJob, GitHubRun } from './github/types.js'
import type { Clock } from './http/retry.js'
import type { Inputs } from './inputs.js'
import { pushedCommits, truncatedPush } from './mapping/commits.js'
import {
  buildJobReport,
  buildWorkflowReport,
  finishedRunEnd,
  type Report,
  type ReportOptions
} from './mapping/payload.js'
import { currentJobResult, jobResult } from './mapping/result.js'
import { runFromApi, runFromContext, type RunInfo } from './mapping/run-info.js'
import { toMillis } from './mapping/time.js'
import { validatePayload } from './sei/schema.js'

export interface Collected extends Report {
  /** What was reported, for the summary: "job" or "workflow run". */
  subject: 'job' | 'workflow'
}

/** The run being reported, whose deployments make it CD, and the job's matrix values. */
interface Plan {
  run: RunInfo
  cdTarget: DeploymentTarget
  /** Only for a job: the reporting job's matrix says nothing about a whole run. */
  matrix?: Record<string, unknown>
  /** A finished run read from the API, whose commits must be found another way. */
  finished?: GitHubRun
}

function reportOptions(
  inputs: Inputs,
  plan: Plan,
  cd: boolean,
  comparedCommits?: string[]
): ReportOptions {
  return {
    instanceGuid: inputs.instanceGuid,
    instanceName: inputs.instanceName,
    cd,
    artifacts: inputs.artifacts,
    params: inputs.params,
    ...(plan.matrix ? { matrix: plan.matrix } : {}),
    projectName: inputs.projectName,
    moduleName: inputs.moduleName,
    themes: inputs.themes,
    cfrStatus: inputs.cfrStatus,
    ...(comparedCommits ? { comparedCommits } : {})
  }
}

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

/** How a failed GitHub call ended, for a notice: its HTTP status, or no answer. */
function failureStatus(cause: unknown): string {
  return cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer'
}

/** The push's full commit list when its payload was cut short; undefined keeps the payload's. */
async function comparedCommits(
  run: RunInfo,
  client: GitHubClient,
  notices: string[]
): Promise<string[] | undefined> {
  const range = truncatedPush(run)
  if (!range) return undefined
  try {
    return await client.compareCommits(range.base, range.head)
  } catch (cause) {
    const status = failureStatus(cause)
    notices.push(
      `The push event lists only ${pushedCommits(run.event).length} commits and the compare API could not give the rest (${status} on ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}), so only those are reported.`
    )
    return undefined
  }
}

/**
 * The commits a finished push run brought, which its run object does not list: those
 * since the previous push run of the same workflow on the branch (the pushes between
 * them, as an in-workflow report of each would have listed them).
 */
async function finishedPushCommits(
  run: GitHubRun,
  client: GitHubClient,
  notices: string[]
): Promise<string[] | undefined> {
  if (run.event !== 'push' || !run.workflow_id || !run.head_branch) return undefined
  try {
    const previous = await client.previousPushRun(run.workflow_id, run.head_branch, run.created_at)
    if (!previous || previous.head_sha === run.head_sha) return undefined
    return await client.compareCommits(previous.head_sha, run.head_sha)
  } catch (cause) {
    const status = failureStatus(cause)
    notices.push(
      `The commits of push run ${run.id} could not be listed (${status}), so only its head commit is reported.`
    )
    return undefined
  }
}

/** cd and the commit list, which need requests of their own, then the options of the report. */
async function optionsFor(
  inputs: Inputs,
  plan: Plan,
  client: GitHubClient,
  notices: string[]
): Promise<ReportOptions> {
  const [decision, compared] = await Promise.all([
    decideCd(inputs.cd, client, plan.cdTarget),
    plan.finished
      ? finishedPushCommits(plan.finished, client, notices)
      : comparedCommits(plan.run, client, notices)
  ])
  if (decision.notice) notices.push(decision.notice)
  return reportOptions(inputs, plan, decision.cd, compared)
}

async function finishedRunReport(
  run: GitHubRun,
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  notices: string[]
): Promise<Report> {
  const info = runFromApi(context, run)
  const attempt = run.run_attempt ?? 1
  if (run.status && run.status !== 'completed') {
    notices.push(
      `Workflow run ${run.id} is ${run.status}, not completed: its jobs are reported as they are now.`
    )
  }
  const start = toMillis(run.run_started_at) ?? toMillis(run.created_at) ?? 0
  const [jobs, options] = await Promise.all([
    client.listAttemptJobs(run.id, attempt),
    optionsFor(
      inputs,
      { run: info, cdTarget: { sha: run.head_sha, runId: run.id, since: start }, finished: run },
      client,
      notices
    )
  ])
  return buildWorkflowReport(
    info,
    jobs,
    { start, end: finishedRunEnd(jobs, run.updated_at), conclusion: run.conclusion },
    options
  )
}

/** What tells this step's job apart: its id when the runner gives one, else its runner. */
function jobLocator(context: RunnerContext, checkRunId?: number): JobLocator {
  return {
    runId: context.runId,
    runAttempt: context.runAttempt,
    runnerName: context.runnerName,
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
): Promise<Report> {
  const info = runFromContext(context)
  const [jobs, attempt] = await Promise.all([
    client.listAttemptJobs(context.runId, context.runAttempt),
    client.getRunAttempt(context.runId, context.runAttempt)
  ])
  const reporting =
    inputs.jobCheckRunId ??
    pickCurrentJob(jobs, context.runnerName)?.id ??
    (await reportingJobAfterLag(context, client, notices))
  const now = clock.now()
  const start = toMillis(attempt.run_started_at) ?? toMillis(attempt.created_at) ?? now
  const options = await optionsFor(
    inputs,
    { run: info, cdTarget: { sha: context.sha, runId: context.runId, since: start } },
    client,
    notices
  )
  return buildWorkflowReport(
    { ...info, workflowName: attempt.name || info.workflowName },
    jobs,
    { start, end: now },
    options,
    reporting
  )
}

async function currentJobReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock,
  notices: string[]
): Promise<Report> {
  const info = runFromContext(context)
  const job = await findCurrentJob(client, jobLocator(context, inputs.jobCheckRunId))
  const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? clock.now()
  const options = await optionsFor(
    inputs,
    {
      run: info,
      cdTarget: { sha: context.sha, runId: context.runId, jobId: job.id, since },
      ...(inputs.matrix ? { matrix: inputs.matrix } : {})
    },
    client,
    notices
  )
  const result = currentJobResult(inputs.jobStatus, job.steps ?? [])
  return buildJobReport(info, job, result, clock.now(), options)
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
  const info = runFromApi(context, { ...run, run_attempt: job.run_attempt ?? run.run_attempt })
  const end = toMillis(job.completed_at) ?? clock.now()
  const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? end
  const options = await optionsFor(
    inputs,
    {
      run: info,
      cdTarget: { sha: run.head_sha, runId: run.id, jobId: job.id, since },
      finished: run
    },
    client,
    notices
  )
  const report = buildJobReport(info, job, jobResult(job), end, options)
  return {
    payload: validatePayload(report.payload),
    notices: [...report.notices, ...notices],
    subject: 'job'
  }
}

export async function collectReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock
): Promise<Collected> {
  const notices: string[] = []
  const finished = await upstreamRun(inputs, context, client)
  let report: Report
  let subject: Collected['subject'] = 'workflow'
  if (finished) {
    report = await finishedRunReport(finished, inputs, context, client, notices)
  } else if (inputs.scope === 'workflow') {
    report = await currentRunReport(inputs, context, client, clock, notices)
  } else {
    subject = 'job'
    report = await currentJobReport(inputs, context, client, clock, notices)
  }
  return {
    payload: validatePayload(report.payload),
    notices: [...report.notices, ...notices],
    subject
  }
}
