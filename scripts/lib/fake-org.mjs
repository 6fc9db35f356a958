// A loopback stand-in for the GitHub API of a whole organisation, as a sync reads it:
// the organisation's repositories, each repository's runs filtered by `created` (at
// most 1000 results per filter, newest first), run attempts and their jobs, push
// comparisons, the previous push run of a workflow, deployments. Answers carry ETags
// that depend on the token, as GitHub's do (a new installation token every hour never
// matches the last hour's), and honour If-None-Match (a 304 does not count against
// the limit), and the primary
// rate limit is kept as GitHub keeps it: x-ratelimit-* headers, and 403 once it is
// used up until the reset. And an SEI stand-in that can refuse chosen reports.
import { createHash } from 'node:crypto'
import { ACCEPTED, createdMatcher, listen, send, wireProblems } from './fake-servers.mjs'

export { createdMatcher }

const NOT_FOUND = { status: 404, body: { message: 'Not Found' } }
const CAP = 1000

function newestFirst(a, b) {
  return Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id
}

function pageOf(list, url, fallback = 30) {
  const perPage = Number(url.searchParams.get('per_page') ?? fallback)
  const page = Number(url.searchParams.get('page') ?? 1)
  return { slice: list.slice((page - 1) * perPage, page * perPage), perPage, page }
}

/** Runs of `runs` matching the listing's query, as GitHub filters them. */
function filterRuns(runs, url) {
  const branch = url.searchParams.get('branch')
  const event = url.searchParams.get('event')
  const created = createdMatcher(url.searchParams.get('created'))
  return runs
    .filter((run) => (!branch || run.head_branch === branch) && (!event || run.event === event))
    .filter((run) => created(Date.parse(run.created_at)))
    .sort(newestFirst)
}

function runListing(runs, url) {
  const { slice, perPage, page } = pageOf(runs, url)
  const capped = page * perPage > CAP ? [] : slice
  return { body: { total_count: runs.length, workflow_runs: capped } }
}

/** Routes one request of a repository (`rest` is the path after /repos/o/r). */
function repoAnswer(repo, rest, url, gone) {
  let m
  if (rest === '/actions/runs') return runListing(filterRuns(repo.runs, url), url)
  // A run deleted after it was listed: still in the listing the sync walks, 404 since.
  if ((m = /^\/actions\/runs\/(\d+)(\/|$)/.exec(rest)) && gone?.has(Number(m[1]))) {
    return NOT_FOUND
  }
  if ((m = /^\/actions\/workflows\/(\d+)\/runs$/.exec(rest))) {
    const runs = repo.runs.concat(repo.older ?? []).filter((r) => String(r.workflow_id) === m[1])
    return runListing(filterRuns(runs, url), url)
  }
  if ((m = /^\/actions\/runs\/(\d+)\/attempts\/(\d+)\/jobs$/.exec(rest))) {
    const jobs = repo.jobs[`${m[1]}/${m[2]}`]
    if (!jobs) return NOT_FOUND
    return { body: { total_count: jobs.length, jobs: pageOf(jobs, url).slice } }
  }
  if ((m = /^\/actions\/runs\/(\d+)\/attempts\/(\d+)$/.exec(rest))) {
    const run = repo.attempts[`${m[1]}/${m[2]}`]
    return run ? { body: run } : NOT_FOUND
  }
  if ((m = /^\/actions\/runs\/(\d+)$/.exec(rest))) {
    const run = repo.runs.find((r) => String(r.id) === m[1])
    return run ? { body: run } : NOT_FOUND
  }
  if ((m = /^\/actions\/jobs\/(\d+)$/.exec(rest))) {
    const job = Object.values(repo.jobs)
      .flat()
      .find((j) => String(j.id) === m[1])
    return job ? { body: job } : NOT_FOUND
  }
  if ((m = /^\/compare\/(.+)$/.exec(rest))) {
    const shas = repo.compare[decodeURIComponent(m[1])]
    if (!shas) return NOT_FOUND
    const { slice } = pageOf(shas, url, 250)
    return { body: { total_commits: shas.length, commits: slice.map((sha) => ({ sha })) } }
  }
  if (rest === '/deployments') {
    const sha = url.searchParams.get('sha')
    return { body: (repo.deployments ?? []).filter((d) => !sha || d.sha === sha) }
  }
  if (/^\/deployments\/\d+\/statuses$/.test(rest)) return { body: [] }
  return NOT_FOUND
}

function route(world, url) {
  const path = url.pathname
  const org = `/orgs/${world.org}/repos`
  if (path === org) {
    const repos = world.repos.map((repo) => ({
      name: repo.name,
      full_name: `${world.org}/${repo.name}`,
      archived: repo.archived === true,
      owner: { login: world.org }
    }))
    return { body: pageOf(repos, url).slice }
  }
  const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path)
  const repo = m && m[1] === world.org && world.repos.find((r) => r.name === m[2])
  return repo ? repoAnswer(repo, m[3], url, world.gone) : NOT_FOUND
}

/** The token's limit: `limit` requests per `windowMs`, reset on whole seconds as GitHub's is. */
function rateLimiter(options, now) {
  const state = { ...options, remaining: options.limit, resetAt: 0 }
  const roll = () => {
    if (now() < state.resetAt) return
    state.remaining = state.limit
    state.resetAt = Math.ceil((now() + state.windowMs) / 1000) * 1000
  }
  return {
    state,
    /** Headers for this answer, and whether the request was refused for the limit. */
    take(counts) {
      roll()
      const refused = state.remaining === 0
      if (!refused && counts) state.remaining--
      return {
        refused,
        headers: {
          'x-ratelimit-limit': String(state.limit),
          'x-ratelimit-remaining': String(state.remaining),
          'x-ratelimit-reset': String(state.resetAt / 1000),
          'x-ratelimit-resource': 'core'
        }
      }
    }
  }
}

/** GitHub's ETags change with the token that asks: they cover the answer and who asked. */
function etagOf(body, authorization) {
  const hash = createHash('sha1').update(String(authorization)).update(JSON.stringify(body))
  return `W/"${hash.digest('hex')}"`
}

/**
 * world: { org, repos: [{ name, archived, runs, older, attempts: {"id/n": run},
 *          jobs: {"id/n": [job]}, compare: {"a...b": [sha]}, deployments }],
 *          rateLimit: { limit, windowMs }, latencyMs, faults: [{ match, responses }],
 *          gone: Set of run ids listed but answered 404 everywhere else }
 * The world is read on every request, so a test can change it between syncs.
 */
export function startFakeGitHubOrg(world) {
  const limiter = rateLimiter(world.rateLimit ?? { limit: 5000, windowMs: 3_600_000 }, () =>
    Date.now()
  )
  const answers = []
  return listen(async (req, res) => {
    if (world.latencyMs) await new Promise((resolve) => setTimeout(resolve, world.latencyMs))
    const url = new URL(req.path, 'http://x')
    const fault = (world.faults ?? []).find((f) => f.match.test(req.path) && f.responses.length)
    let answer = fault ? fault.responses.shift() : route(world, url)
    const etag =
      answer.status === undefined ? etagOf(answer.body, req.headers.authorization) : undefined
    const notModified = etag !== undefined && req.headers['if-none-match'] === etag
    const rate = limiter.take(!notModified)
    if (rate.refused) {
      answer = {
        status: 403,
        body: { message: 'API rate limit exceeded for installation ID 4711.' }
      }
    } else if (notModified) {
      answer = { status: 304 }
    }
    const headers = { ...(etag ? { etag } : {}), ...rate.headers, ...answer.headers }
    answers.push({
      path: req.path,
      token: String(req.headers.authorization ?? '').replace(/^Bearer /, ''),
      status: answer.status ?? 200,
      at: Date.now(),
      remaining: limiter.state.remaining,
      resetAt: limiter.state.resetAt
    })
    if (answer.status === 304) {
      res.writeHead(304, headers)
      return res.end()
    }
    return send(res, { ...answer, headers })
  }).then((server) => ({ ...server, answers, rate: limiter.state }))
}

/**
 * SEI's custom CI/CD endpoint, refusing with 503 (retry-after `retryAfter`, none when
 * null) every report that `refuse(payload)` picks, accepting the rest after the wire
 * checks; each answer `latencyMs` late. `keep: false` counts reports without keeping
 * them (benchmarks).
 */
export function startFakeSeiRefusing(
  refuse = () => false,
  { latencyMs = 0, keep = true, retryAfter = '0' } = {}
) {
  const reports = []
  const refused = []
  const problems = []
  let count = 0
  return listen(async (req, res) => {
    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    if (req.method !== 'POST' || req.path !== '/v1/custom-cicd') return send(res, NOT_FOUND)
    const payload = JSON.parse(req.body)
    if (refuse(payload)) {
      refused.push(payload)
      const headers = retryAfter === null ? {} : { 'retry-after': retryAfter }
      return send(res, { status: 503, headers, body: { message: 'busy' } })
    }
    const found = wireProblems(payload)
    problems.push(...found)
    if (found.length > 0) return send(res, { status: 400, body: { payload: found[0] } })
    count++
    if (keep) reports.push(payload)
    return send(res, ACCEPTED)
  }).then((server) => ({
    ...server,
    reports,
    refused,
    problems,
    get accepted() {
      return count
    }
  }))
}
