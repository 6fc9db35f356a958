// The commits a run is about, as full SHAs SEI can match against its SCM data.
import { MAX_COMMITS } from '../sei/schema.js'
import { eventField, type RunInfo } from './run-info.js'

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/
const ZERO_SHA = /^0+$/

/** How many commits a push payload lists at most; more means the list was cut. */
export const PUSH_PAYLOAD_COMMITS = 20

export function pushedCommits(event: Record<string, unknown>): string[] {
  const commits = eventField(event, 'commits')
  if (!Array.isArray(commits)) return []
  return commits
    .map((commit) => eventField(commit as Record<string, unknown>, 'id'))
    .filter((id): id is string => typeof id === 'string')
}

function isCommitSha(value: unknown): value is string {
  return typeof value === 'string' && FULL_SHA.test(value) && !ZERO_SHA.test(value)
}

export interface CommitRange {
  base: string
  head: string
}

/**
 * The range to read from the compare API when a push payload lists as many commits
 * as it can hold; undefined when the payload's list is complete or there is nothing
 * to compare against (a new branch).
 */
export function truncatedPush(run: RunInfo): CommitRange | undefined {
  if (run.eventName !== 'push') return undefined
  if (pushedCommits(run.event).length < PUSH_PAYLOAD_COMMITS) return undefined
  const base = eventField(run.event, 'before')
  const head = eventField(run.event, 'after')
  return isCommitSha(base) && isCommitSha(head) ? { base, head } : undefined
}

/** Full, non-zero SHAs in first-seen order, without duplicates, at most `limit`. */
export function uniqueShas(candidates: readonly unknown[], limit = MAX_COMMITS): string[] {
  const seen = new Set<string>()
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue
    const sha = candidate.toLowerCase()
    if (!isCommitSha(sha)) continue
    seen.add(sha)
    if (seen.size === limit) break
  }
  return [...seen]
}

/**
 * Pull requests: the head commit alone (the run's own SHA is a merge commit no one
 * pushed); the run's SHA only when the event names no head.
 * Pushes: the head, then the pushed commits newest first (`compared` replaces the
 * payload's list when it was cut at 20; it is oldest first, as the compare API
 * answers). Anything else: the run's SHA.
 */
export function commitIds(run: RunInfo, compared: readonly string[] = []): string[] {
  if (run.eventName.startsWith('pull_request')) {
    const head = uniqueShas([eventField(run.event, 'pull_request', 'head', 'sha')])
    return head.length > 0 ? head : uniqueShas([run.sha])
  }
  if (run.eventName === 'push') {
    const listed = compared.length > 0 ? compared : pushedCommits(run.event)
    // Not the payload's `after`: for an annotated tag that is the tag object, not a commit.
    return uniqueShas([run.sha, ...[...listed].reverse()])
  }
  if (run.eventName === 'workflow_run') {
    return uniqueShas([eventField(run.event, 'workflow_run', 'head_sha'), run.sha])
  }
  return uniqueShas([run.sha])
}
