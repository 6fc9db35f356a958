// Reads what the shipped-commits rule (mapping/shipped.ts) needs: the earlier
// deployments to an environment and their statuses, or, without a deployment record,
// the earlier runs of the same job; then the commits between.
import {
  isRollback,
  remediatingReverts,
  type DeploymentName,
  type HistoryFacts
} from '../mapping/change-failure.js'
import {
  earlierDeployments,
  environmentChanges,
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
  loggedJob,
  type DeploymentTarget
} from './deployments.js'
import { PAGE_SIZE } from '../github/paths.js'
import type { GitHubDeployment } from '../github/types.js'

/** Earlier deployments (or runs) whose statuses (or jobs) are read at once, window by window. */
export const HISTORY_WINDOW = 5

/**
 * The items `test` accepts, in order, read by `load` a window at a time and only as far
 * as asked: `nth(0)` reads windows until one holds an accepted item.
 */
function acceptedInWindows<T, R>(
  items: readonly T[],
  load: (item: T) => Promise<R>,
  test: (loaded: R) => boolean
): (nth: number) => Promise<R | undefined> {
  const accepted: R[] = []
  let from = 0
  return async (nth) => {
    while (accepted.length <= nth && from < items.length) {
      const loaded = await Promise.all(items.slice(from, (from += HISTORY_WINDOW)).map(load))
      accepted.push(...loaded.filter(test))
    }
    return accepted[nth]
  }
}

/** The first item, in order, that `test` accepts, reading `load` for a window at a time. */
const firstInWindows = <T, R>(
  items: readonly T[],
  load: (item: T) => Promise<R>,
  test: (loaded: R) => boolean
): Promise<R | undefined> => acceptedInWindows(items, load, test)(0)

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
  const previous = await firstInWindows(
    listedBefore(current, history),
    withStatuses(client),
    wasSuccessful
  )
  return rangeFrom(current.environment, current.sha, previous)
}

/** A listed deployment as a record, its statuses read. */
const withStatuses =
  (client: Pick<GitHubClient, 'listDeploymentStatuses'>) =>
  async (deployment: GitHubDeployment): Promise<DeploymentRecord> =>
    deploymentRecord(deployment, await client.listDeploymentStatuses(deployment.id))

/** The environment's deployments made before `current`, newest first, as GitHub listed them. */
function listedBefore(
  current: Pick<DeploymentRecord, 'id' | 'environment' | 'createdAt'>,
  history: readonly GitHubDeployment[]
): GitHubDeployment[] {
  const byId = new Map(history.map((d) => [d.id, d]))
  const records = history.map((d) => deploymentRecord(d, []))
  return earlierDeployments(current, records).map((record) => byId.get(record.id)!)
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
  /** What each environment's earlier deployments say of its range, in the same order. */
  facts: HistoryFacts[]
  notices: string[]
}

type Reader = Pick<
  GitHubClient,
  'listDeploymentStatuses' | 'listEnvironmentDeployments' | 'compareNewest' | 'getRun'
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
  const facts = await Promise.all(
    ranges.map((range, i) =>
      historyFacts(client, range, compared[i]!, histories.get(range.environment))
    )
  )
  return { made, ranges, compared, facts, notices }
}

/**
 * What the change-failure rule needs from the environment's earlier deployments, read
 * only when the range calls for it (none for a first deployment, a redeploy, or a
 * deployment that moves forward without a revert): for a rollback, whether its head is
 * older than the environment's first successful deployment; otherwise whether an
 * earlier successful deployment ran head, and for a revert, who shipped what it reverts.
 * A failed read leaves the fact out: the report is what it would be without it.
 */
async function historyFacts(
  client: Reader,
  range: ShippedRange,
  read: RangeCommits,
  history: Promise<GitHubDeployment[]> | undefined
): Promise<HistoryFacts> {
  const previous = range.previous
  if (!previous || previous.sha === range.head || !history) return {}
  try {
    const deployments = await history
    if (read.status === 'behind') {
      return (await headNeverShipped(client, range, deployments)) ? { neverShipped: true } : {}
    }
    if (await headRanBefore(client, range, deployments)) return { ranBefore: true }
    const [change] = environmentChanges([range], [read])
    if (isRollback(change!)) return {}
    const reverted = remediatingReverts(change!)
    if (reverted.length === 0) return {}
    const shippers = await revertShippers(client, range, reverted, deployments)
    return Object.keys(shippers).length > 0 ? { shippers } : {}
  } catch {
    return {}
  }
}

/**
 * Whether an earlier successful deployment, before the previous one, ran head: the
 * statuses of the environment's earlier deployments of that SHA (none in the usual
 * case), newest first, until one succeeded.
 */
async function headRanBefore(
  client: Pick<GitHubClient, 'listDeploymentStatuses'>,
  range: ShippedRange,
  deployments: readonly GitHubDeployment[]
): Promise<boolean> {
  const before = range.previous!.createdAt
  const same = deployments.filter(
    (d) => d.sha === range.head && (toMillis(d.created_at) ?? 0) < before
  )
  const found = await firstInWindows(same, withStatuses(client), wasSuccessful)
  return found !== undefined
}

/**
 * Whether a rollback's head is older than the environment's first successful
 * deployment, so that no deployment there listed it: the oldest successful deployment
 * (the listing holds the latest 100; a full one may not reach the first, and then the
 * head counts as shipped) and one compare of its SHA with head.
 */
async function headNeverShipped(
  client: Pick<GitHubClient, 'listDeploymentStatuses' | 'compareNewest'>,
  range: ShippedRange,
  deployments: readonly GitHubDeployment[]
): Promise<boolean> {
  if (deployments.length >= PAGE_SIZE) return false
  const oldestFirst = [...deployments].sort(
    (a, b) => (toMillis(a.created_at) ?? 0) - (toMillis(b.created_at) ?? 0) || a.id - b.id
  )
  const first = await firstInWindows(oldestFirst, withStatuses(client), wasSuccessful)
  if (!first || first.sha === range.head) return false
  const compared = await client.compareNewest({ base: first.sha, head: range.head, limit: 1 })
  return compared.status === 'behind'
}

/** Earlier deployments' SHAs whose compare with a commit says they contain it. */
const CONTAINS = new Set(['ahead', 'identical'])

/**
 * For each reverted commit, the deployment that first shipped it to the environment:
 * walking back from the previous successful deployment, the oldest of the successive
 * successful deployments that contain it (one compare each, at most HISTORY_WINDOW),
 * named by its run. A commit not placed within the walk is left out.
 */
async function revertShippers(
  client: Reader,
  range: ShippedRange,
  reverted: readonly { sha: string }[],
  deployments: readonly GitHubDeployment[]
): Promise<Record<string, DeploymentName>> {
  const previous = range.previous!
  const current = deployments.find(
    (d) => d.sha === previous.sha && toMillis(d.created_at) === previous.createdAt
  )
  if (!current) return {}
  // The environment's successful deployments before the previous one, newest first.
  const success = acceptedInWindows(
    listedBefore(deploymentRecord(current, []), deployments),
    withStatuses(client),
    wasSuccessful
  )
  const complete = deployments.length < PAGE_SIZE

  /** The oldest of the successive deployments back from the previous one that hold `sha`. */
  async function firstShipper(sha: string): Promise<{ sha: string; url?: string } | undefined> {
    let shipper: { sha: string; url?: string } = previous
    for (let step = 0; step < HISTORY_WINDOW; step++) {
      const before = await success(step)
      // The environment's first successful deployment holds it, unless the listing was cut.
      if (!before) return complete ? shipper : undefined
      const compared = await client.compareNewest({ base: sha, head: before.sha, limit: 1 })
      if (!CONTAINS.has(compared.status ?? '')) return shipper
      shipper = before
    }
    return undefined
  }

  // A deployment that shipped several reverted commits is named (its run read) once.
  const names = new Map<object, Promise<DeploymentName>>()
  const shippers: Record<string, DeploymentName> = {}
  for (const { sha } of reverted) {
    const shipper = await firstShipper(sha)
    if (!shipper) continue
    if (!names.has(shipper)) names.set(shipper, deploymentName(client, shipper))
    shippers[sha] = await names.get(shipper)!
  }
  return shippers
}

/** A deployment named by the run its status links to (`Release #41`), or by its SHA alone. */
async function deploymentName(
  client: Pick<GitHubClient, 'getRun'>,
  deployment: { sha: string; url?: string }
): Promise<DeploymentName> {
  const name: DeploymentName = { sha: deployment.sha }
  if (deployment.url) name.url = deployment.url
  const runId = loggedJob(deployment.url)?.run
  if (!runId) return name
  try {
    const run = await client.getRun(Number(runId))
    if (run.name && run.run_number) name.run = `${run.name} #${run.run_number}`
  } catch {
    // The run was deleted or is out of the token's reach: the SHA names the deployment.
  }
  return name
}
