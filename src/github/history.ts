// The listings a sync walks: an organisation's repositories and a repository's
// workflow runs created in a time window, page by page so that memory stays flat.
// Listings that repeat from one sync to the next are asked with If-None-Match: an
// unchanged answer (304) costs nothing against the rate limit.
import {
  checkBound,
  createRequester,
  GitHubError,
  REPOS_BOUND,
  type FailedRequest,
  type RequesterOptions
} from './request.js'
import { PAGE_SIZE } from './paths.js'
import { answerMessage } from '../http/answer-message.js'
import type { GitHubRun } from './types.js'

/** GitHub answers at most this many results for a runs listing filtered by `created`. */
export const LISTING_CAP = 1000

export interface HistoryOptions extends Omit<RequesterOptions, 'outcome'> {
  /** Where the token comes from, for messages: "GITHUB_TOKEN". */
  tokenName: string
}

export interface RepoRef {
  owner: string
  name: string
  archived: boolean
}

/** One page of a listing as it was last seen, so that a 304 can stand for it. */
export interface CachedPage {
  etag: string
  repos: RepoRef[]
}

export interface TimeWindow {
  /** ISO time, inclusive. */
  since: string
  /** ISO time, inclusive; open when absent. */
  until?: string
}

/** Filled in while a runs listing is walked. */
export interface ListingOutcome {
  /** The ETags of the pages of the last listing at the same address, sent as If-None-Match. */
  etags?: string[]
  /** Every page was unchanged (304): the listing is what it was. */
  unchanged?: boolean
  /** Some pages were unchanged (304) and their runs not handed out again. */
  skipped?: boolean
  /** The ETag of every page, when the listing ended within GitHub's cap of one filter. */
  newEtags?: string[]
}

/** GitHub's search qualifiers take times to the second, in Z. */
export function searchTime(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function createdFilter(since: string, until: string | undefined): string {
  return until === undefined
    ? `>=${searchTime(since)}`
    : `${searchTime(since)}..${searchTime(until)}`
}

/** Why a call of the sync's own token failed, worded for that token, not for an input. */
export function syncTokenFailure(
  tokenName: string,
  { response, request }: FailedRequest,
  what: string
): GitHubError {
  const said = answerMessage(response, ['message'])
  const { status } = response
  if (status === 401) {
    return new GitHubError(
      `GitHub refused the token in ${tokenName} (HTTP 401 on ${request}): use a GitHub App installation token or a fine-grained token of the organisation.`,
      401
    )
  }
  if (status === 403 || status === 404) {
    return new GitHubError(
      `GitHub answered ${status} on ${request}: the token in ${tokenName} cannot read ${what}; it needs "Actions: read", "Contents: read" and "Deployments: read" on the repositories (GitHub answers 404 for what a token cannot see).`,
      status
    )
  }
  return new GitHubError(
    `GitHub answered HTTP ${status} on ${request}${said ? `: ${said}` : ''}.`,
    status
  )
}

export function createHistoryClient(options: HistoryOptions) {
  const requester = createRequester(options)

  function get<T>(path: string, what: string, etag?: string) {
    return requester.get<T>(path, {
      etag,
      fail: (failed) => syncTokenFailure(options.tokenName, failed, what)
    })
  }

  /**
   * The organisation's repositories, archived ones flagged. `cache` holds the pages of
   * the last listing; pages GitHub says are unchanged are taken from it, and it is
   * updated in place.
   */
  async function* orgRepos(org: string, cache: CachedPage[]): AsyncGenerator<RepoRef> {
    let listed = 0
    for (let page = 1; ; page++) {
      checkBound(REPOS_BOUND, `/orgs/${org}/repos`, page, listed)
      const cached = cache[page - 1]
      const path = `/orgs/${encodeURIComponent(org)}/repos?type=all&per_page=${PAGE_SIZE}&page=${page}`
      const answer = await get<{ name: string; archived?: boolean; owner?: { login: string } }[]>(
        path,
        `the repositories of ${org}`,
        cached?.etag
      )
      let repos: RepoRef[]
      if (!answer.data && cached) {
        repos = cached.repos
      } else {
        const list = Array.isArray(answer.data) ? answer.data : []
        repos = list.map((repo) => ({
          owner: repo.owner?.login ?? org,
          name: repo.name,
          archived: repo.archived === true
        }))
        const etag = answer.response.headers.etag
        if (etag) cache[page - 1] = { etag, repos }
        else cache.splice(page - 1, 1)
      }
      listed += repos.length
      checkBound(REPOS_BOUND, `/orgs/${org}/repos`, page, listed)
      yield* repos
      if (repos.length < PAGE_SIZE) {
        cache.length = Math.min(cache.length, page)
        return
      }
    }
  }

  /**
   * The runs of a repository created in `window`, newest first, one page at a time.
   * GitHub answers at most LISTING_CAP runs for one `created` filter, so a longer
   * history is walked as several windows, each ending where the last one stopped.
   */
  async function* runPages(
    owner: string,
    repo: string,
    window: TimeWindow,
    outcome: ListingOutcome = {}
  ): AsyncGenerator<GitHubRun[]> {
    let until = window.until
    /** Runs already seen at the second the next window ends on. */
    let seenAtEdge = new Set<number>()
    const known = outcome.etags ?? []
    const etags: string[] = []
    let fresh = 0
    let notModified = 0
    const done = () => {
      if (notModified > 0 && fresh === 0) outcome.unchanged = true
      else if (notModified > 0) outcome.skipped = true
      if (etags.length > 0 && !etags.includes('')) outcome.newEtags = etags
    }
    for (let first = true; ; first = false) {
      const query = `created=${encodeURIComponent(createdFilter(window.since, until))}`
      let listed = 0
      let oldest: string | undefined
      let atOldest = new Set<number>()
      let total = Infinity
      for (let page = 1; page <= LISTING_CAP / PAGE_SIZE; page++) {
        const path = `/repos/${owner}/${repo}/actions/runs?${query}&per_page=${PAGE_SIZE}&page=${page}`
        const etag = first ? known[page - 1] : undefined
        const answer = await get<{ total_count?: number; workflow_runs?: GitHubRun[] }>(
          path,
          `the workflow runs of ${owner}/${repo}`,
          etag
        )
        if (!answer.data) {
          // Unchanged since the last sync, which handled its runs: not handed out again.
          etags.push(etag!)
          notModified++
          listed += PAGE_SIZE
          if (page >= known.length) return done()
          continue
        }
        const batch = answer.data.workflow_runs ?? []
        if (typeof answer.data.total_count === 'number') total = answer.data.total_count
        listed += batch.length
        fresh++
        if (first) etags.push(answer.response.headers.etag ?? '')
        for (const run of batch) {
          const created = searchTime(run.created_at)
          if (created !== oldest) {
            oldest = created
            atOldest = new Set()
          }
          atOldest.add(run.id)
        }
        const unseen = batch.filter((run) => !seenAtEdge.has(run.id))
        if (unseen.length > 0) yield unseen
        if (batch.length < PAGE_SIZE || listed >= total) return done()
      }
      // The cap was reached: go on below the oldest run seen, that second included. A run
      // older than the window is not GitHub's answer to this filter: the walk ends there.
      // The pages' ETags stand for the first window only: none are kept.
      etags.push('')
      if (oldest === undefined || oldest === until || oldest < searchTime(window.since)) {
        return done()
      }
      until = oldest
      seenAtEdge = atOldest
    }
  }

  return { orgRepos, runPages }
}

export type HistoryClient = ReturnType<typeof createHistoryClient>
