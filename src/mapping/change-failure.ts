// Change failures that are not red jobs. SEI keeps the first report of a run, so the
// deployment that caused a failure cannot be marked later: the deployment that
// remediated it is marked instead, with the job parameter `change_failure` =
// `<environment>:<kind>`. SEI ORs job-parameter filters within a filter set, so the
// value carries its environment: one CFR filter `change_failure` in `E:failed,
// E:rollback, E:revert, E:hotfix` counts E's change failures and no other's.
import type { SeiResult } from '../sei/schema.js'

/** The job parameter a CFR profile's "failed deployments" filter selects on. */
export const CHANGE_FAILURE_PARAM = 'change_failure'

/** In order of precedence: a report that is several is the first of them. */
export const CHANGE_FAILURE_KINDS = ['failed', 'rollback', 'revert', 'hotfix'] as const
export type ChangeFailureKind = (typeof CHANGE_FAILURE_KINDS)[number]

/** A commit as the compare API lists it, with its message. */
export interface ShippedCommit {
  sha: string
  message: string
}

/** A deployment named for a reader: its SHA, its run (`Release #41`) when known, its log. */
export interface DeploymentName {
  sha: string
  run?: string
  url?: string
}

/** What an environment's earlier deployments say about one range, beyond its commits. */
export interface HistoryFacts {
  /** An earlier successful deployment, other than the previous one, ran head's SHA. */
  ranBefore?: boolean
  /** Head is older than the environment's first successful deployment: never shipped there. */
  neverShipped?: boolean
  /** Per reverted commit, the deployment that first shipped it to the environment. */
  shippers?: Readonly<Record<string, DeploymentName>>
}

/** What one environment's deployment tells, read from GitHub before the result is known. */
export interface EnvironmentChange extends HistoryFacts {
  environment: string
  head: string
  /** The previous successful deployment to the environment, if any. */
  previous?: { sha: string; url?: string }
  /**
   * How the compare API relates head to the previous SHA: `behind` when head is a strict
   * ancestor of it. Absent when nothing was compared.
   */
  comparison?: string
  /** The commits this deployment shipped to the environment for the first time. */
  shipped: readonly ShippedCommit[]
  /** Whether `shipped` is every commit of the range (the compare API was read whole). */
  complete: boolean
}

export interface ChangeFailure {
  environment: string
  kind: ChangeFailureKind
  head: string
  previous?: { sha: string; url?: string }
  /** For a revert: the reverted commits the environment had run, and their reverts. */
  reverted?: RevertedCommit[]
  /** For a hotfix: the branch. */
  branch?: string
  /** For a rollback: its head is older than anything the environment ran. */
  neverShipped?: boolean
}

export interface RevertedCommit {
  sha: string
  /** The revert commit, and its title. */
  by: string
  title: string
  /** The deployment that first shipped the reverted commit, when it was found. */
  shippedBy?: DeploymentName
}

const REVERT_TITLE = /^Revert "/
const REVERTS = /^This reverts commit ([0-9a-f]{40})\.?\s*$/im

/** The commit a revert commit reverts, from git's own message, if it is one. */
export function revertedBy(message: string): string | undefined {
  if (!REVERT_TITLE.test(message)) return undefined
  return REVERTS.exec(message)?.[1]?.toLowerCase()
}

/** A branch pattern as GitHub writes them: `*` within a path segment, `**` across, `?` one character. */
export function branchMatcher(patterns: readonly string[]): (branch: string) => boolean {
  const regexes = patterns.map((pattern) => {
    const body = pattern
      .split(/(\*\*|\*|\?)/)
      .map((part) =>
        part === '**'
          ? '.*'
          : part === '*'
            ? '[^/]*'
            : part === '?'
              ? '[^/]'
              : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')
      )
      .join('')
    return new RegExp(`^${body}$`)
  })
  return (branch) => branch !== '' && regexes.some((regex) => regex.test(branch))
}

/** Reverts among the first-shipped commits of commits the environment had already run. */
export function remediatingReverts(change: EnvironmentChange): RevertedCommit[] {
  if (!change.previous || !change.complete) return []
  const inRange = new Set(change.shipped.map((commit) => commit.sha))
  return change.shipped.flatMap((commit) => {
    const reverted = revertedBy(commit.message)
    // A reverted commit outside this range is one the previous deployment already had.
    if (!reverted || inRange.has(reverted)) return []
    const shippedBy = change.shippers?.[reverted]
    const title = commit.message.split('\n')[0]!
    return [{ sha: reverted, by: commit.sha, title, ...(shippedBy ? { shippedBy } : {}) }]
  })
}

/** Whether a successful deployment went back to what the environment ran before. */
export function isRollback(change: EnvironmentChange): boolean {
  if (!change.previous || change.previous.sha === change.head) return false
  return change.comparison === 'behind' || change.ranBefore === true
}

/**
 * The change failure a deployment to one environment is, if any, with `result` its
 * report's result and `branch` the branch (or tag) its run ran on.
 */
export function classifyChange(
  change: EnvironmentChange,
  result: SeiResult,
  branch: string,
  isHotfixBranch: (branch: string) => boolean
): ChangeFailure | undefined {
  const base = {
    environment: change.environment,
    head: change.head,
    ...(change.previous ? { previous: change.previous } : {})
  }
  if (result === 'FAILURE') return { ...base, kind: 'failed' }
  if (result !== 'SUCCESS') return undefined
  if (isRollback(change)) {
    return { ...base, kind: 'rollback', ...(change.neverShipped ? { neverShipped: true } : {}) }
  }
  const reverted = remediatingReverts(change)
  if (reverted.length > 0) return { ...base, kind: 'revert', reverted }
  if (isHotfixBranch(branch)) return { ...base, kind: 'hotfix', branch }
  return undefined
}

/** The parameter value for a change failure: `<environment>:<kind>`. */
export function changeFailureValue(failure: Pick<ChangeFailure, 'environment' | 'kind'>): string {
  return `${failure.environment}:${failure.kind}`
}
