// An organisation's run history built in code for the sync stand-in: two workflows (CI
// on push and pull_request, Deploy on workflow_dispatch), re-run attempts, matrix job
// names, a run with more than 100 jobs, step times with offsets, nulls where GitHub
// sends them, and push runs whose commits the compare API lists.
import { createHash } from 'node:crypto'

export const CI = { id: 161335, name: 'CI', path: '.github/workflows/ci.yml' }
export const DEPLOY = { id: 161336, name: 'Deploy', path: '.github/workflows/deploy.yml' }

const sha = (...parts) => createHash('sha1').update(parts.join('/')).digest('hex')
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
/** The same instant with GitHub's -08:00 offset, as step times come. */
const pacific = (ms) => iso(ms - 8 * 3_600_000).replace('Z', '-08:00')

function steps(start, conclusion) {
  const names = ['Set up job', 'Run actions/checkout@v4', 'Run make', 'Complete job']
  return names.map((name, i) => ({
    name,
    status: 'completed',
    conclusion: i === 2 && conclusion === 'failure' ? 'failure' : 'success',
    number: i + 1,
    started_at: pacific(start + i * 20_000),
    completed_at: pacific(start + (i + 1) * 20_000)
  }))
}

function jobNames(workflow, big) {
  if (workflow === DEPLOY) return ['deploy']
  if (big) return Array.from({ length: 120 }, (_, i) => `test (shard ${i + 1}/120)`)
  return ['build', 'test (ubuntu-latest, 20)', 'test (ubuntu-latest, 22)']
}

function attemptJobs(org, repo, run, attempt, big) {
  const start = Date.parse(run.run_started_at)
  return jobNames(run.workflow_id === DEPLOY.id ? DEPLOY : CI, big).map((name, j) => {
    const id = run.id * 1000 + attempt * 150 + j
    const failed = run.conclusion === 'failure' && j === 0
    return {
      id,
      run_id: run.id,
      run_attempt: attempt,
      name,
      status: 'completed',
      conclusion: failed ? 'failure' : 'success',
      created_at: iso(start),
      started_at: iso(start + 5_000),
      completed_at: iso(start + 85_000),
      runner_name: `GitHub Actions ${1000 + j}`,
      runner_id: 1000 + j,
      html_url: `https://github.com/${org}/${repo}/actions/runs/${run.id}/job/${id}`,
      workflow_name: run.name,
      head_branch: run.head_branch,
      head_sha: run.head_sha,
      steps: steps(start + 5_000, failed ? 'failure' : 'success')
    }
  })
}

/** The i-th run of a repository, newest first: which workflow, event, attempts. */
function shapeOf(i) {
  const workflow = i % 3 === 2 ? DEPLOY : CI
  const event = workflow === DEPLOY ? 'workflow_dispatch' : i % 2 === 0 ? 'push' : 'pull_request'
  const attempts = i % 25 === 7 ? 3 : i % 10 === 3 ? 2 : 1
  return { workflow, event, attempts }
}

function buildRun({ org, repo, repoIndex, i, created, runNumber }) {
  const { workflow, event, attempts } = shapeOf(i)
  const id = 9_100_000_000 + repoIndex * 1_000_000 + i
  const head = sha(org, repo, i)
  const branch = event === 'pull_request' ? `feature-${i}` : 'main'
  return {
    id,
    name: workflow.name,
    path: workflow.path,
    workflow_id: workflow.id,
    run_number: runNumber,
    run_attempt: attempts,
    event,
    status: 'completed',
    conclusion: i % 7 === 0 ? 'failure' : 'success',
    head_branch: branch,
    head_sha: head,
    created_at: iso(created),
    run_started_at: iso(created + (attempts - 1) * 1_200_000 + 3_000),
    updated_at: iso(created + (attempts - 1) * 1_200_000 + 120_000),
    html_url: `https://github.com/${org}/${repo}/actions/runs/${id}`,
    actor: { login: 'octocat' },
    triggering_actor: { login: attempts > 1 ? 'hubot' : 'octocat' },
    head_commit: { id: head },
    pull_requests:
      event === 'pull_request' ? [{ number: 100 + i, head: { sha: head, ref: branch } }] : [],
    repository: { full_name: `${org}/${repo}` }
  }
}

/** Attempt n of a run as GET .../attempts/{n} answers: earlier attempts failed. */
function attemptOf(run, n) {
  const last = n === run.run_attempt
  const created = Date.parse(run.created_at)
  return {
    ...run,
    run_attempt: n,
    conclusion: last ? run.conclusion : 'failure',
    run_started_at: iso(created + (n - 1) * 1_200_000 + 3_000),
    updated_at: iso(created + (n - 1) * 1_200_000 + 120_000),
    triggering_actor: n === 1 ? { login: 'octocat' } : { login: 'hubot' }
  }
}

function buildRepo({ org, name, archived, runs: count, repoIndex, now, spacingMs, older }) {
  const repo = { name, archived, runs: [], older: [], attempts: {}, jobs: {}, compare: {} }
  const numbers = new Map()
  const total = count + older
  for (let i = total - 1; i >= 0; i--) {
    const { workflow } = shapeOf(i)
    const runNumber = (numbers.get(workflow.id) ?? 0) + 1
    numbers.set(workflow.id, runNumber)
    // The `older` runs are a day before the rest, out of a one-day window.
    const created = now - (i + 1) * spacingMs - repoIndex * 7_000 - (i >= count ? 86_400_000 : 0)
    const run = buildRun({ org, repo: name, repoIndex, i, created, runNumber })
    for (let n = 1; n <= run.run_attempt; n++) {
      const attempt = attemptOf(run, n)
      repo.attempts[`${run.id}/${n}`] = attempt
      repo.jobs[`${run.id}/${n}`] = attemptJobs(org, name, attempt, n, repoIndex === 0 && i === 4)
    }
    ;(i >= count ? repo.older : repo.runs).push(repo.attempts[`${run.id}/${run.run_attempt}`])
  }
  // Each push run's commits, from the previous push run of CI on main.
  const pushes = [...repo.runs, ...repo.older]
    .filter((run) => run.event === 'push')
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))
  pushes.forEach((run, k) => {
    const before = pushes[k - 1]
    if (!before) return
    const between = [sha(run.head_sha, 1), sha(run.head_sha, 2)]
    repo.compare[`${before.head_sha}...${run.head_sha}`] = [...between, run.head_sha]
  })
  return repo
}

/**
 * repos: [{ name, runs, archived? }]; runs are spaced `spacingMs` apart going back
 * from `now`, plus `older` runs per repository a day earlier (outside a 1d window).
 */
export function orgWorld({
  org = 'octo-org',
  repos,
  now = Date.now(),
  spacingMs = 240_000,
  older = 2
}) {
  return {
    org,
    repos: repos.map((spec, repoIndex) =>
      buildRepo({
        org,
        ...spec,
        archived: spec.archived === true,
        repoIndex,
        now,
        spacingMs,
        older
      })
    )
  }
}

/**
 * Re-runs `run` of `repo` at `at` (epoch ms): a new attempt, completed with `conclusion`,
 * which the listing shows from then on. The run keeps its created time, as on GitHub.
 */
export function rerun(world, repo, run, { at = Date.now(), conclusion = 'success' } = {}) {
  const n = (run.run_attempt ?? 1) + 1
  const attempt = {
    ...attemptOf({ ...run, run_attempt: n }, n),
    conclusion,
    run_started_at: iso(at),
    updated_at: iso(at + 120_000)
  }
  repo.attempts[`${run.id}/${n}`] = attempt
  repo.jobs[`${run.id}/${n}`] = attemptJobs(world.org, repo.name, attempt, n, false)
  repo.runs[repo.runs.indexOf(run)] = attempt
  return attempt
}

/** Every completed attempt of the repositories that are not archived. */
export function completedAttempts(world) {
  return world.repos
    .filter((repo) => !repo.archived)
    .flatMap((repo) =>
      repo.runs.flatMap((run) =>
        Array.from(
          { length: run.status === 'completed' ? run.run_attempt : run.run_attempt - 1 },
          (_, n) => ({ repo: repo.name, run, attempt: n + 1 })
        )
      )
    )
}
