// Reads what the shipped-commits rule (mapping/shipped.ts) needs: the earlier
// deployments to an environment and their statuses, or, without a deployment record,
// the earlier runs of the same job; then the commits between.
import {
  earlierDeployments,
  rangeToCompare,
  previousSuccessfulRun,
  wasSuccessful,
  type DeploymentRecord,
  type RangeCommits,
  type RunRecord,
  type ShippedRange
} from '../mapping/shipped.js'
import { toMillis } from '../mapping/time.js'
import type { ComparedCommits, GitHubClient } from '../github/client.js'
import {
  candidateDeployments,
  deploymentRecord,
  deploymentsMade,
  type DeploymentTarget
} from './deployments.js'
import type { GitHubDeployment } from '../github/types.js'

/** Earlier deployments (or runs) whose statuses (or jobs) are read at once, window by window. */
export const HISTORY_WINDOW = 5

/** The first item, in order, that `test` accepts, reading `load` for a window at a time. */
async function firstInWindows<T, R>(
  items: readonly T[],
  load: (item: T) => Promise<R>,
  test: (loaded: R) => boolean
): Promise<R | undefined> {
  for (let from = 0; from < items.length; from += HISTORY_WINDOW) {
    const loaded = await Promise.all(items.slice(from, from + HISTORY_WINDOW).map(load))
    const found = loaded.find(test)
    if (found !== undefined) return found
  }
  return undefined
}

function rangeFrom(
  environment: string,
  head: string,
  previous: { sha: string; createdAt: number; url?: string } | undefined
): ShippedRange {
  if (!previous) return { environment, head }
  const { sha, createdAt, url } = previous
  return { environment, head, previous: { sha, createdAt, ...(url ? { url } : {}) } }
}

/**
 * The range a deployment shipped: from the previous successful deployment to the same
 * environment (`history`: that environment's deployments as GitHub listed them).
 */
export async function deploymentRange(
  client: Pick<GitHubClient, 'listDeploymentStatuses'>,
  current: DeploymentRecord,
  history: readonly GitHubDeployment[]
): Promise<ShippedRange> {
  const earlier = earlierDeployments(
    current,
    history.map((d) => deploymentRecord(d, []))
  )
  const byId = new Map(history.map((d) => [d.id, d]))
  const previous = await firstInWindows(
    earlier,
    async (record) =>
      deploymentRecord(byId.get(record.id)!, await client.listDeploymentStatuses(record.id)),
    wasSuccessful
  )
  return rangeFrom(current.environment, current.sha, previous)
}

export interface RunHistoryQuery {
  environment: string
  head: string
  runId: number
  /** Workflow id or file name. */
  workflow: number | string
  /** ISO; runs created earlier are candidates. */
  before: string
  /** The job whose earlier successes count; absent for a whole run (the run's own conclusion). */
  jobName?: string
}

/** Without a deployment record: the range since the previous successful run of the same job. */
export async function runRange(
  client: Pick<GitHubClient, 'listCompletedRuns' | 'listAttemptJobs'>,
  query: RunHistoryQuery
): Promise<ShippedRange> {
  const runs = (await client.listCompletedRuns(query.workflow, query.before)).filter(
    (run) => run.id !== query.runId
  )
  const toRecord = async (run: (typeof runs)[number]): Promise<RunRecord> => {
    const base = {
      runId: run.id,
      sha: run.head_sha,
      createdAt: toMillis(run.created_at) ?? 0,
      ...(run.html_url ? { url: run.html_url } : {})
    }
    if (query.jobName === undefined) return { ...base, jobConclusion: run.conclusion }
    const jobs = await client.listAttemptJobs(run.id, run.run_attempt ?? 1)
    const job = jobs.find((j) => j.name === query.jobName)
    return {
      ...base,
      jobConclusion: job?.conclusion,
      ...(job?.html_url ? { url: job.html_url } : {})
    }
  }
  const previous = await firstInWindows(
    runs,
    toRecord,
    (record) => previousSuccessfulRun(query.runId, [record]) !== undefined
  )
  return rangeFrom(query.environment, query.head, previous)
}

/** The commits of a range, newest `limit` of them; none for a first deployment or a redeploy. */
export async function rangeCommits(
  client: Pick<GitHubClient, 'compareNewest'>,
  compare: { base: string; head: string } | undefined,
  limit: number
): Promise<ComparedCommits> {
  if (!compare) return { commits: [], total: 0 }
  return client.compareNewest({ ...compare, limit })
}

/** What the deployments say about a report: what the target made and what each shipped. */
export interface DeploymentsRead {
  /** The deployments the target made, newest first. */
  made: DeploymentRecord[]
  /** One per environment deployed to, from the oldest deployment the target made there. */
  ranges: ShippedRange[]
  /** The commits of each range, in the same order. */
  compared: RangeCommits[]
  /** Whether an earlier successful deployment, before the previous one, ran each head. */
  ranBefore: boolean[]
  notices: string[]
}

type Reader = Pick<
  GitHubClient,
  'listDeploymentStatuses' | 'listEnvironmentDeployments' | 'compareNewest'
>

/** The oldest deployment per environment: where this target's shipping started. */
function firstPerEnvironment(made: readonly DeploymentRecord[]): DeploymentRecord[] {
  const first = new Map<string, DeploymentRecord>()
  for (const record of [...made].reverse()) {
    if (!first.has(record.environment)) first.set(record.environment, record)
  }
  return [...first.values()]
}

function failureStatus(cause: unknown): string {
  const status = (cause as { status?: number } | undefined)?.status
  return status ? `HTTP ${status}` : 'no answer'
}

/** A range's commits, or none with a notice when they cannot be read. */
export async function commitsOrNotice(
  client: Pick<GitHubClient, 'compareNewest'>,
  range: ShippedRange,
  limit: number,
  notices: string[]
): Promise<RangeCommits> {
  try {
    return await rangeCommits(client, rangeToCompare(range), limit)
  } catch (cause) {
    notices.push(
      `The commits shipped to ${range.environment} since ${range.previous?.sha.slice(0, 7)} could not be listed (${failureStatus(cause)}), so only the deployed commit is reported.`
    )
    return { commits: [], total: 0, unread: true }
  }
}

/**
 * Reads, as early as each request can start: the statuses of the commit's candidate
 * deployments together with the deployments of their environments; then the statuses
 * of earlier deployments, window by window, until a successful one; then the commits
 * between. A failure to read the deployments themselves is thrown (the caller decides
 * CI or CD); a failure past that costs only the commit range, with a notice.
 */
export async function readDeployments(
  client: Reader,
  listed: readonly GitHubDeployment[],
  target: DeploymentTarget,
  limit: number
): Promise<DeploymentsRead> {
  const candidates = candidateDeployments(listed, target)
  const histories = new Map(
    [...new Set(candidates.map((d) => d.environment))].map((env) => {
      const history = client.listEnvironmentDeployments(env)
      history.catch(() => undefined)
      return [env, history] as const
    })
  )
  const made = await deploymentsMade(client, listed, target)
  const notices: string[] = []
  const ranges = await Promise.all(
    firstPerEnvironment(made).map(async (current): Promise<ShippedRange> => {
      try {
        return await deploymentRange(client, current, await histories.get(current.environment)!)
      } catch (cause) {
        notices.push(
          `The earlier deployments to ${current.environment} could not be read (${failureStatus(cause)}), so only the deployed commit is reported.`
        )
        return { environment: current.environment, head: current.sha }
      }
    })
  )
  const compared = await Promise.all(
    ranges.map((range) => commitsOrNotice(client, range, limit, notices))
  )
  const ranBefore = await Promise.all(
    ranges.map((range, i) =>
      headRanBefore(client, range, compared[i]!, histories.get(range.environment))
    )
  )
  return { made, ranges, compared, ranBefore, notices }
}

/**
 * Whether a deployment that is not a plain redeploy, and whose head is no ancestor of
 * the previous one, goes back to a SHA an earlier successful deployment to the same
 * environment ran. Reads the statuses of the environment's earlier deployments of that
 * SHA (none in the usual case), newest first, until one succeeded.
 */
async function headRanBefore(
  client: Pick<GitHubClient, 'listDeploymentStatuses'>,
  range: ShippedRange,
  read: RangeCommits,
  history: Promise<GitHubDeployment[]> | undefined
): Promise<boolean> {
  const previous = range.previous
  if (!previous || previous.sha === range.head || read.status === 'behind' || !history) {
    return false
  }
  try {
    const same = (await history).filter(
      (d) => d.sha === range.head && (toMillis(d.created_at) ?? 0) < previous.createdAt
    )
    const found = await firstInWindows(
      same,
      async (d) => deploymentRecord(d, await client.listDeploymentStatuses(d.id)),
      wasSuccessful
    )
    return found !== undefined
  } catch {
    return false
  }
}
