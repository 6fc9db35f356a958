// What a job or run deployed: CD or CI, the environments, the commits shipped to each,
// from the commit's deployments or, for a named environment without a record, from
// the earlier runs of the same job.
import type { RunnerContext } from '../context.js'
import type { GitHubClient } from '../github/client.js'
import type { GitHubDeployment, GitHubJob, GitHubRun } from '../github/types.js'
import type { Inputs } from '../inputs.js'
import { isRollback, type EnvironmentChange, type HistoryFacts } from '../mapping/change-failure.js'
import {
  environmentChanges,
  shippedReport,
  type RangeCommits,
  type Shipped,
  type ShippedRange
} from '../mapping/shipped.js'
import { MAX_COMMITS } from '../sei/schema.js'
import { early, failureStatus, readsDeployments, rememberReads } from './calls.js'
import { deploymentsMade, unreadableDeployments, type DeploymentTarget } from './deployments.js'
import { commitsOrNotice, readDeployments, runRange, type RunHistoryQuery } from './shipped.js'

/**
 * The commit's deployments request, started at once (it needs only the SHA), or none:
 * `cd: true` and `cd: false` decide without them, unless an environment is named.
 */
export function listDeployments(
  inputs: Inputs,
  client: GitHubClient,
  sha: string
): Promise<GitHubDeployment[]> | undefined {
  if (!readsDeployments(inputs, sha)) return undefined
  return early(client.listDeployments(sha))
}

/** What the deployments decided, as plain data for the mapping. */
export interface DeploymentData {
  cd: boolean
  environments: string[]
  /** Set for a CD report with an environment: replaces the event's commits. */
  commits?: string[]
  shipped: Shipped[]
  /** Per environment, what the change-failure rule needs. */
  changes?: EnvironmentChange[]
}

/** A report that deployed nothing: CI. */
export const NOT_DEPLOYED: DeploymentData = { cd: false, environments: [], shipped: [] }

/** A CD report's environments, commits and summary lines from what was read. */
function fromRanges(
  environments: string[],
  ranges: ShippedRange[],
  compared: RangeCommits[],
  head: string,
  notices: string[],
  facts: HistoryFacts[] = []
): DeploymentData {
  const changes = environmentChanges(ranges, compared, facts)
  // A rollback ships nothing new, even where the compare API lists commits (diverged),
  // except its head when that is older than anything the environment ran before.
  const shippedNew = compared.map((read, i) => {
    const change = changes[i]!
    if (!isRollback(change)) return read
    return change.neverShipped ? { commits: [change.head], total: 1 } : NO_COMMITS
  })
  const shipped = shippedReport(head, ranges, shippedNew)
  if (shipped.notice) notices.push(shipped.notice)
  return { cd: true, environments, commits: shipped.commits, shipped: shipped.shipped, changes }
}

const NO_COMMITS: RangeCommits = { commits: [], total: 0 }

/**
 * `listed`: the commit's deployments, requested before the target was known. `history`:
 * how to find the previous run of the same job when the deployment has no GitHub record.
 */
export async function deploymentData(
  inputs: Inputs,
  client: GitHubClient,
  target: DeploymentTarget,
  listed: Promise<GitHubDeployment[]> | undefined,
  history: RunHistoryQuery | undefined,
  notices: string[]
): Promise<DeploymentData> {
  if (!listed)
    return { ...NOT_DEPLOYED, cd: inputs.cd === 'true' || inputs.environment !== undefined }
  const named = inputs.environment
  let read
  try {
    read = await readDeployments(client, await listed, target, MAX_COMMITS)
  } catch (cause) {
    if (!named) {
      notices.push(unreadableDeployments(target.sha, cause))
      return NOT_DEPLOYED
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
    return fromRanges(environments, ranges, read.compared, read.made[0]!.sha, notices, read.facts)
  }
  if (!named) return NOT_DEPLOYED
  return namedWithoutRecord(named, client, target, history, notices)
}

/** How a whole run's deploying jobs are found and reported. */
export interface WholeRunJobs<T> {
  /** The earlier runs to read when a named environment has no deployment record. */
  history: RunHistoryQuery | undefined
  /** The attempt's jobs that may have deployed. */
  jobs: readonly GitHubJob[]
  /** A job's own report; `reader` has the statuses read already. */
  report(job: GitHubJob, reader: GitHubClient): Promise<T>
}

/**
 * What a whole run deployed. With `cd: auto` and no `environment` input, the run itself
 * is CI and each job that made a deployment gets a CD report of its own, with its own
 * environments and result: a run whose staging deploy succeeded and whose production
 * deploy failed is one success in staging and one failure in production, never a
 * failure in both. With an `environment` named, or `cd: true` or `false`, the run is the
 * deployment (or not), as the user said.
 */
export async function wholeRunDeployments<T>(
  inputs: Inputs,
  client: GitHubClient,
  target: DeploymentTarget,
  listed: Promise<GitHubDeployment[]> | undefined,
  notices: string[],
  jobs: WholeRunJobs<T>
): Promise<{ deployed: DeploymentData; deployJobs: T[] }> {
  if (!listed || inputs.environment !== undefined) {
    const deployed = await deploymentData(inputs, client, target, listed, jobs.history, notices)
    return { deployed, deployJobs: [] }
  }
  const reader = rememberReads(client)
  let made
  try {
    made = await deploymentsMade(reader, await listed, target)
  } catch (cause) {
    notices.push(unreadableDeployments(target.sha, cause))
    return { deployed: NOT_DEPLOYED, deployJobs: [] }
  }
  const deployers = new Set(made.map((deployment) => deployment.jobId))
  const deploying = jobs.jobs.filter((job) => deployers.has(job.id))
  return {
    deployed: NOT_DEPLOYED,
    deployJobs: await Promise.all(deploying.map((job) => jobs.report(job, reader)))
  }
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

/** The earlier runs to look at when a named environment has no deployment record. */
export function runHistory(
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
export function finishedHistory(
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
