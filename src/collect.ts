// From inputs and the runner context to a report, in three stages:
//   plan   – which run, job and deployments to read, from inputs and the runner alone;
//   fetch  – every request starts as soon as what it needs is known: the job (or the
//            run's jobs) and the commit's deployments together, then the statuses of
//            candidate deployments with their environments' histories, then the
//            commits between deployments;
//   map    – the plain data go to the pure mapping (mapping/*), then the schema.
// Critical path of a job report: job ∥ deployments → [statuses ∥ environment history
// → earlier statuses → compare, only when the job deployed] → SEI.
import type { RunnerContext } from './context.js'
import type { ComparedCommits, GitHubClient } from './github/client.js'
import { GitHubError } from './github/request.js'
import { unreadableDeployments, type DeploymentTarget } from './collect/deployments.js'
import { findCurrentJob, pickCurrentJob, type JobLocator } from './github/find-job.js'
import {
  commitsOrNotice,
  readDeployments,
  runRange,
  type RunHistoryQuery
} from './collect/shipped.js'
import type { GitHubDeployment, GitHubJob, GitHubRun } from './github/types.js'
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
import { shippedReport, type Shipped, type ShippedRange } from './mapping/shipped.js'
import { toMillis } from './mapping/time.js'
import { MAX_COMMITS, validatePayload } from './sei/schema.js'

export interface Collected extends Report {
  /** What was reported, for the summary: "job" or "workflow run". */
  subject: 'job' | 'workflow'
  /** Per environment a CD report deployed to, what it shipped; empty for CI. */
  shipped: Shipped[]
}

/**
 * The commit's deployments request, started at once (it needs only the SHA), or none:
 * `cd: true` and `cd: false` decide without them, unless an environment is named.
 */
function listDeployments(
  inputs: Inputs,
  client: GitHubClient,
  sha: string
): Promise<GitHubDeployment[]> | undefined {
  if (!sha || (inputs.cd !== 'auto' && inputs.environment === undefined)) return undefined
  return early(client.listDeployments(sha))
}

/** Marks a request started early as handled, so that a sibling's failure leaves it quiet. */
function early<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

/** How a failed GitHub call ended, for a notice: its HTTP status, or no answer. */
function failureStatus(cause: unknown): string {
  return cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer'
}

// ---- commits of CI reports -------------------------------------------------------

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
    notices.push(
      `The push event lists only ${pushedCommits(run.event).length} commits and the compare API could not give the rest (${failureStatus(cause)} on ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}), so only those are reported.`
    )
    return undefined
  }
}

/**
 * The commits a finished push run brought, which its run object does not list: those
 * since the previous push run of the same workflow on the branch.
 */
async function finishedPushCommits(
  run: GitHubRun,
  client: GitHubClient,
  notices: string[]
): Promise<string[] | undefined> {
  if (run.event !== 'push' || !run.workflow_id || !run.head_branch) return undefined
  try {
    const previous = await client.previousPushRun({
      workflowId: run.workflow_id,
      branch: run.head_branch,
      before: run.created_at
    })
    if (!previous || previous.head_sha === run.head_sha) return undefined
    return await client.compareCommits(previous.head_sha, run.head_sha)
  } catch (cause) {
    notices.push(
      `The commits of push run ${run.id} could not be listed (${failureStatus(cause)}), so only its head commit is reported.`
    )
    return undefined
  }
}

// ---- deployments: CD or CI, environments, shipped commits -------------------------

/** What the deployments decided, as plain data for the mapping. */
interface DeploymentData {
  cd: boolean
  environments: string[]
  /** Set for a CD report with an environment: replaces the event's commits. */
  commits?: string[]
  shipped: Shipped[]
}

const CI: DeploymentData = { cd: false, environments: [], shipped: [] }

/** A CD report's environments, commits and summary lines from what was read. */
function fromRanges(
  environments: string[],
  ranges: ShippedRange[],
  compared: ComparedCommits[],
  head: string,
  notices: string[]
): DeploymentData {
  const shipped = shippedReport(head, ranges, compared)
  if (shipped.notice) notices.push(shipped.notice)
  return { cd: true, environments, commits: shipped.commits, shipped: shipped.shipped }
}

/**
 * `listed`: the commit's deployments, requested before the target was known. `history`:
 * how to find the previous run of the same job when the deployment has no GitHub record.
 */
async function deploymentData(
  inputs: Inputs,
  client: GitHubClient,
  target: DeploymentTarget,
  listed: Promise<GitHubDeployment[]> | undefined,
  history: RunHistoryQuery | undefined,
  notices: string[]
): Promise<DeploymentData> {
  if (!listed) return { ...CI, cd: inputs.cd === 'true' || inputs.environment !== undefined }
  const named = inputs.environment
  let read
  try {
    read = await readDeployments(client, await listed, target, MAX_COMMITS)
  } catch (cause) {
    if (!named) {
      notices.push(unreadableDeployments(target.sha, cause))
      return CI
    }
    notices.push(
      `The deployments of commit ${target.sha.slice(0, 12)} could not be read (${failureStatus(cause)}), so the commits shipped to ${named} are counted from the previous successful run of this job; add \`deployments: read\` under \`permissions:\` if the job has an environment.`
    )
    read = undefined
  }
  if (read) notices.push(...read.notices)
  if (read && read.made.length > 0) {
    const environments = named ? [named] : [...new Set(read.made.map((d) => d.environment))]
    const ranges = named ? read.ranges.map((r) => ({ ...r, environment: named })) : read.ranges
    return fromRanges(environments, ranges, read.compared, read.made[0]!.sha, notices)
  }
  if (!named) return CI
  return namedWithoutRecord(named, client, target, history, notices)
}

/** `environment` on a job that made no GitHub deployment: the previous successful run. */
async function namedWithoutRecord(
  environment: string,
  client: GitHubClient,
  target: DeploymentTarget,
  history: RunHistoryQuery | undefined,
  notices: string[]
): Promise<DeploymentData> {
  let range: ShippedRange = { environment, head: target.sha }
  if (history) {
    try {
      range = await runRange(client, history)
    } catch (cause) {
      notices.push(
        `The earlier runs of this job could not be read (${failureStatus(cause)}), so only the deployed commit is reported for ${environment}.`
      )
    }
  }
  const compared = await commitsOrNotice(client, range, MAX_COMMITS, notices)
  return fromRanges([environment], [range], [compared], target.sha, notices)
}

/** The workflow to read earlier runs of: its file name from GITHUB_WORKFLOW_REF. */
function workflowFile(context: RunnerContext): string | undefined {
  const path = /^[^/]+\/[^/]+\/(.+?)@/.exec(context.workflowRef ?? '')?.[1]
  return path?.split('/').pop()
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
    ...(deployed.commits ? { shippedCommits: deployed.commits } : {})
  }
}

interface Built {
  report: Report
  shipped: Shipped[]
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
  const target = { sha: run.head_sha, runId: run.id, since: start }
  const history = finishedHistory(inputs, run)
  const [jobs, compared, deployed] = await Promise.all([
    client.listAttemptJobs(run.id, run.run_attempt ?? 1),
    finishedPushCommits(run, client, notices),
    deploymentData(inputs, client, target, listed, history, notices)
  ])
  const report = buildWorkflowReport(
    info,
    jobs,
    { start, end: finishedRunEnd(jobs, run.updated_at), conclusion: run.conclusion },
    reportOptions(inputs, deployed, compared)
  )
  return { report, shipped: deployed.shipped }
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

/** The earlier runs to look at when a named environment has no deployment record. */
function runHistory(
  inputs: Inputs,
  context: RunnerContext,
  before: string | null | undefined,
  jobName?: string
): RunHistoryQuery | undefined {
  const workflow = workflowFile(context)
  if (!inputs.environment || !workflow || !before) return undefined
  return {
    environment: inputs.environment,
    head: context.sha,
    runId: context.runId,
    workflow,
    before,
    ...(jobName === undefined ? {} : { jobName })
  }
}

/** The same for a finished run read from the API, which names its workflow by id. */
function finishedHistory(
  inputs: Inputs,
  run: GitHubRun,
  jobName?: string
): RunHistoryQuery | undefined {
  if (!inputs.environment || !run.workflow_id) return undefined
  return {
    environment: inputs.environment,
    head: run.head_sha,
    runId: run.id,
    workflow: run.workflow_id,
    before: run.created_at,
    ...(jobName === undefined ? {} : { jobName })
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
  const target = { sha: context.sha, runId: context.runId, since: start }
  const history = runHistory(inputs, context, attempt.created_at)
  const [reporting, deployed] = await Promise.all([
    inputs.jobCheckRunId ??
      pickCurrentJob(jobs, context.runnerName)?.id ??
      reportingJobAfterLag(context, client, notices),
    deploymentData(inputs, client, target, listed, history, notices)
  ])
  const report = buildWorkflowReport(
    { ...info, workflowName: attempt.name || info.workflowName },
    jobs,
    { start, end: now },
    reportOptions(inputs, deployed, await compared),
    reporting
  )
  return { report, shipped: deployed.shipped }
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
  const target = { sha: context.sha, runId: context.runId, jobId: job.id, since }
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
    shipped: built.shipped
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
  const info = runFromApi(context, { ...run, run_attempt: job.run_attempt ?? run.run_attempt })
  const end = toMillis(job.completed_at) ?? clock.now()
  const since = toMillis(job.created_at) ?? toMillis(job.started_at) ?? end
  const listed = listDeployments(inputs, client, run.head_sha)
  const target = { sha: run.head_sha, runId: run.id, jobId: job.id, since }
  const history = finishedHistory(inputs, run, job.name)
  const [compared, deployed] = await Promise.all([
    finishedPushCommits(run, client, notices),
    deploymentData(inputs, client, target, listed, history, notices)
  ])
  const report = buildJobReport(
    info,
    job,
    jobResult(job),
    end,
    reportOptions(inputs, deployed, compared)
  )
  return collected({ report, shipped: deployed.shipped }, notices, 'job')
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
