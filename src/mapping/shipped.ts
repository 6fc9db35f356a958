// The commits a deployment shipped to its environment for the first time: those after
// the previous successful deployment to the same environment, up to the deployed SHA.
// SEI links commits to deployments by SHA overlap, so a commit listed by two
// deployments of one environment would count its lead time from the later one.
import { MAX_COMMITS } from '../sei/schema.js'
import type { EnvironmentChange, HistoryFacts } from './change-failure.js'
import { uniqueShas } from './commits.js'

/** A deployment as the rule needs it; `states` newest first, as GitHub lists them. */
export interface DeploymentRecord {
  id: number
  sha: string
  environment: string
  /** Epoch ms. */
  createdAt: number
  states: readonly string[]
  /** Where a reader can see it: the log of the job that made it, if a status says. */
  url?: string
  /** The job that made it, when its statuses link to it. */
  jobId?: number
}

/**
 * GitHub marks a superseded successful deployment `inactive`, so a deployment counts
 * as successful when any of its statuses is `success`, whatever came after.
 */
export function wasSuccessful(deployment: Pick<DeploymentRecord, 'states'>): boolean {
  return deployment.states.includes('success')
}

function isEarlier(a: DeploymentRecord, b: Pick<DeploymentRecord, 'id' | 'createdAt'>): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)
}

/** Deployments to the same environment made before `current`, newest first. */
export function earlierDeployments(
  current: Pick<DeploymentRecord, 'id' | 'environment' | 'createdAt'>,
  history: readonly DeploymentRecord[]
): DeploymentRecord[] {
  return history
    .filter((d) => d.environment === current.environment && d.id !== current.id)
    .filter((d) => isEarlier(d, current))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
}

/** The newest earlier deployment to the same environment that succeeded; failed ones do not count. */
export function previousSuccessful(
  current: Pick<DeploymentRecord, 'id' | 'environment' | 'createdAt'>,
  history: readonly DeploymentRecord[]
): DeploymentRecord | undefined {
  return earlierDeployments(current, history).find(wasSuccessful)
}

/** A finished run of the same SEI job, for deployments made without a GitHub environment. */
export interface RunRecord {
  runId: number
  sha: string
  /** Epoch ms. */
  createdAt: number
  /** How the job of the same name ended in that run's latest attempt; undefined: no such job. */
  jobConclusion?: string | null
  url?: string
}

/** The newest earlier run, other than `currentRunId`, whose job of the same name succeeded. */
export function previousSuccessfulRun(
  currentRunId: number,
  runs: readonly RunRecord[]
): RunRecord | undefined {
  return [...runs]
    .filter((run) => run.runId !== currentRunId && run.jobConclusion === 'success')
    .sort((a, b) => b.createdAt - a.createdAt)[0]
}

/** Where the shipped commits start: the deployed SHA, and the previous one, if any. */
export interface ShippedRange {
  environment: string
  head: string
  /** What was deployed before; absent for a first deployment. */
  previous?: { sha: string; url?: string; createdAt: number }
}

/** The comparison to read for a range, or undefined when there is nothing to compare. */
export function rangeToCompare(range: ShippedRange): { base: string; head: string } | undefined {
  const base = range.previous?.sha
  if (!base || base === range.head) return undefined
  return { base, head: range.head }
}

/** What one environment got from a CD report, for the job summary. */
export interface Shipped {
  environment: string
  /** Commits new to the environment, the deployed one included; 0 for a redeploy. */
  count: number
  previous?: ShippedRange['previous']
  head: string
}

export interface ShippedCommits {
  /** The deployed SHA first when it is new, then the other shipped commits newest first. */
  commits: string[]
  /** Commits left out past the cap. */
  left: number
}

/** The commits of base...head as read for a range; `unread` when they could not be read. */
export interface RangeCommits {
  /** Oldest first, as the compare API lists them (the newest part when it had more). */
  commits: readonly string[]
  total: number
  unread?: boolean
  /** Each commit's message, in the same order. */
  messages?: readonly string[]
  /** How head relates to base, as the compare API says (`behind`: an ancestor of it). */
  status?: string
}

const NOTHING: RangeCommits = { commits: [], total: 0 }

/**
 * What a range shipped for the first time, newest first. A first deployment (no earlier
 * success) and a range whose commits could not be read ship the deployed commit; a
 * redeploy, or a rollback to a commit the previous deployment already contained, ships
 * nothing (the compare API lists no commit that the base already has).
 */
function firstShipped(range: ShippedRange, read: RangeCommits): string[] {
  if (!range.previous || read.unread) return [range.head]
  return [...read.commits].reverse()
}

/** How many commits a range shipped for the first time, the deployed one included. */
function shippedCount(range: ShippedRange, read: RangeCommits): number {
  if (!range.previous || read.unread) return 1
  return Math.max(read.total, read.commits.length)
}

/**
 * `compared`: for each range, its commits as read. The union is listed, the deployed
 * SHA first when any range shipped it, so a report that deploys to two environments
 * lists every commit that is new to either.
 */
export function shippedCommits(
  head: string,
  ranges: readonly ShippedRange[],
  compared: readonly RangeCommits[],
  limit = MAX_COMMITS
): ShippedCommits {
  const lists = ranges.map((range, i) => firstShipped(range, compared[i] ?? NOTHING))
  const candidates = lists.flat()
  const first = candidates.includes(head) ? [head] : []
  const all = uniqueShas([...first, ...candidates], Number.MAX_SAFE_INTEGER)
  const known = Math.max(
    all.length,
    ...ranges.map((range, i) => shippedCount(range, compared[i] ?? NOTHING))
  )
  return { commits: all.slice(0, limit), left: Math.max(0, known - limit) }
}

function shippedOf(range: ShippedRange, read: RangeCommits): Shipped {
  const count = shippedCount(range, read)
  const { environment, head, previous } = range
  return previous ? { environment, count, head, previous } : { environment, count, head }
}

/**
 * A CD report's commits from its ranges and their compared commits (same order), what
 * each environment got for the summary, and a notice when the list was cut.
 */
export function shippedReport(
  head: string,
  ranges: readonly ShippedRange[],
  compared: readonly RangeCommits[],
  limit = MAX_COMMITS
): { commits: string[]; shipped: Shipped[]; notice?: string } {
  const list = shippedCommits(head, ranges, compared, limit)
  const shipped = ranges.map((range, i) => shippedOf(range, compared[i] ?? NOTHING))
  if (list.left === 0) return { commits: list.commits, shipped }
  const notice = `This deployment shipped ${list.commits.length + list.left} commits; the newest ${list.commits.length} are reported (SEI links lead time by commit, so the oldest ${list.left} get none).`
  return { commits: list.commits, shipped, notice }
}

/**
 * What each range tells the change-failure rule: the first-shipped commits with their
 * messages, how head relates to the previous SHA, and what the environment's history
 * says of it (`facts`, same order).
 */
export function environmentChanges(
  ranges: readonly ShippedRange[],
  compared: readonly RangeCommits[],
  facts: readonly HistoryFacts[] = []
): EnvironmentChange[] {
  return ranges.map((range, i) => {
    const read = compared[i] ?? NOTHING
    const messages = read.messages ?? []
    const firstTime = firstShipped(range, read)
    const shipped = firstTime.map((sha) => {
      const at = read.commits.indexOf(sha)
      return { sha, message: at >= 0 ? (messages[at] ?? '') : '' }
    })
    const { environment, head, previous } = range
    const { ranBefore, neverShipped, shippers } = facts[i] ?? {}
    return {
      environment,
      head,
      ...(previous
        ? {
            previous: previous.url
              ? { sha: previous.sha, url: previous.url }
              : { sha: previous.sha }
          }
        : {}),
      ...(read.status ? { comparison: read.status } : {}),
      ...(ranBefore ? { ranBefore: true } : {}),
      ...(neverShipped ? { neverShipped: true } : {}),
      ...(shippers && Object.keys(shippers).length > 0 ? { shippers } : {}),
      shipped,
      complete: !read.unread && read.commits.length >= read.total
    }
  })
}

/**
 * The commits a CD report lists: those it shipped when it succeeded, none otherwise.
 * SEI ends a commit's lead time at the earliest deployment listing it, whatever that
 * deployment's result, so a failed or cancelled one must list nothing.
 */
export function deploymentCommits(result: string, shipped: readonly string[]): string[] {
  return result === 'SUCCESS' ? [...shipped] : []
}
