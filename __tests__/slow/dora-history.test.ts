// A repository's history replayed through dist/ against the stand-ins: live (each job's
// own step, and a last job for one whole run), as a `sync` backfill in either scope,
// and live plus each backfill into one SEI. DORA is then computed from what SEI stored,
// as SEI's own queries compute it (__tests__/support/sei-dora.ts), with the profile
// docs/dora.md gives; every figure must equal the history's own truth.
import {
  deploymentLog,
  startFakeGitHub,
  startFakeSei,
  type FakeGitHubWorld
} from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import type { GitHubJob, GitHubRun } from '../../src/github/types.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, at, GUID, job, pushEvent, run, sha } from '../fixtures/runs.js'
import { doraFor, stageEndRun, stored } from '../support/sei-dora.js'
import { bin } from '../support/sync-cli.js'

const REPOSITORY = 'octo-org/octo-repo'
const WEB = `https://github.com/${REPOSITORY}`
type Outcome = 'success' | 'failure' | 'cancelled'

/** What really happened: one entry per deployment a job made, in time order. */
interface Deployment {
  environment: string
  /** Index of the deployed commit in the linear history of main. */
  head: number
  outcome: Outcome
  time: number
  /** Which run attempt made it: workflow name, run number and attempt. */
  label: string
}

// ---- the repository: a dozen pushes to main, some of several commits --------------

/** main before the first push: already deployed everywhere, by runs SEI never heard of. */
const history: string[] = [sha(4999)]
const pushes: string[][] = []
for (let push = 1; push <= 12; push++) {
  const size = push % 3 === 2 ? 3 : 1
  const added = Array.from({ length: size }, (_, i) => sha(5000 + history.length + i))
  history.push(...added)
  pushes.push(added)
}
const headOf = (push: number) => history.indexOf(pushes[push - 1]!.at(-1)!)

/**
 * compare base...head for every pair of commits of main: the commits after base, oldest
 * first; none when head is older (a rollback: GitHub answers "behind", no commits).
 */
function compareTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {}
  history.forEach((base, i) =>
    history.forEach((head, j) => {
      table[`${base}...${head}`] = i <= j ? history.slice(i + 1, j + 1) : []
    })
  )
  return table
}

// ---- GitHub as the history unfolds ---------------------------------------------

const WORKFLOWS = {
  Deploy: { id: 5101, file: 'deploy.yml' },
  Release: { id: 5102, file: 'release.yml' },
  Promote: { id: 5103, file: 'promote.yml' }
} as const
type Workflow = keyof typeof WORKFLOWS

const log = deploymentLog()
const world: FakeGitHubWorld & {
  runs: Record<string, GitHubRun>
  attempts: Record<string, GitHubRun>
  attemptJobs: Record<string, GitHubJob[]>
} = {
  jobs: [],
  runs: {},
  attempts: {},
  attemptJobs: {},
  deployments: log.deployments,
  statuses: log.statuses,
  compare: compareTable()
}
const truth: Deployment[] = []
let nextId = 1
for (const environment of ['staging', 'production']) {
  const id = log.create({ id: 3900 + nextId++, sha: history[0]!, environment, at: at(0) })
  log.setState(id, 'success', { at: at(2), logUrl: `${WEB}/actions/runs/800000/job/1` })
}
const deploymentState = { success: 'success', failure: 'failure', cancelled: 'error' } as const

interface RunSpec {
  workflow: Workflow
  runId: number
  runNumber: number
  attempt: number
  event: 'push' | 'workflow_dispatch'
  head: number
  minute: number
  /** The ref a dispatch ran on: a tag for a rollback. */
  ref?: string
}

function runnerEnv(spec: RunSpec, jobKey: string) {
  const ref = spec.ref ?? 'main'
  return {
    GITHUB_RUN_ID: String(spec.runId),
    GITHUB_RUN_NUMBER: String(spec.runNumber),
    GITHUB_RUN_ATTEMPT: String(spec.attempt),
    GITHUB_WORKFLOW: spec.workflow,
    GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/${WORKFLOWS[spec.workflow].file}@refs/heads/main`,
    GITHUB_JOB: jobKey,
    GITHUB_SHA: history[spec.head]!,
    GITHUB_REF: ref === 'main' ? 'refs/heads/main' : `refs/tags/${ref}`,
    GITHUB_REF_NAME: ref,
    GITHUB_EVENT_NAME: spec.event
  }
}

/** A job of the run attempt starts; with an environment, GitHub creates its deployment. */
function startJob(spec: RunSpec, name: string, environment?: string, offset = 0): GitHubJob {
  const jobId = 7_000_000 + nextId++
  const from = spec.minute + offset
  const started = job({
    id: jobId,
    name,
    conclusion: null,
    runId: spec.runId,
    attempt: spec.attempt,
    from
  })
  started.head_sha = history[spec.head]!
  world.jobs!.push(started)
  ;(world.attemptJobs[`${spec.runId}/${spec.attempt}`] ??= []).push(started)
  if (environment) {
    const id = log.create({
      id: 4000 + nextId++,
      sha: history[spec.head]!,
      environment,
      at: at(from + 0.1),
      logUrl: `${WEB}/actions/runs/${spec.runId}/job/${jobId}`
    })
    log.setState(id, 'in_progress', { at: at(from + 0.2) })
    deploymentOf.set(started, { id, environment })
  }
  return started
}
const deploymentOf = new Map<GitHubJob, { id: number; environment: string }>()

function finishJob(started: GitHubJob, spec: RunSpec, outcome: Outcome | 'skipped') {
  const end = Date.parse(started.started_at!) + 3 * 60_000
  Object.assign(started, {
    status: 'completed',
    conclusion: outcome,
    completed_at: new Date(end).toISOString()
  })
  if (outcome === 'skipped') Object.assign(started, { steps: [] })
  const deployment = deploymentOf.get(started)
  if (!deployment || outcome === 'skipped') return
  log.setState(deployment.id, deploymentState[outcome], { at: new Date(end).toISOString() })
  truth.push({
    environment: deployment.environment,
    head: spec.head,
    outcome,
    time: Date.parse(started.started_at!),
    label: `${spec.workflow} ${spec.runNumber}.${spec.attempt}`
  })
}

/** The run attempt as GitHub lists it: `conclusion` null while it runs. */
function recordRun(spec: RunSpec, conclusion: string | null) {
  const attempt = run({
    id: spec.runId,
    name: spec.workflow,
    path: `.github/workflows/${WORKFLOWS[spec.workflow].file}`,
    workflow_id: WORKFLOWS[spec.workflow].id,
    run_number: spec.runNumber,
    run_attempt: spec.attempt,
    event: spec.event,
    status: conclusion ? 'completed' : 'in_progress',
    conclusion,
    head_branch: spec.ref ?? 'main',
    head_sha: history[spec.head]!,
    run_started_at: at(spec.minute - 1),
    // A re-run keeps the run's creation time.
    created_at: world.runs[spec.runId]?.created_at ?? at(spec.minute - 1),
    updated_at: at(spec.minute + 4),
    html_url: `${WEB}/actions/runs/${spec.runId}`
  })
  world.attempts[`${spec.runId}/${spec.attempt}`] = attempt
  world.runs[spec.runId] = attempt
}

// ---- the sei-cicd-action steps ----------------------------------------------------

let sei: Awaited<ReturnType<typeof startFakeSei>>
let github: Awaited<ReturnType<typeof startFakeGitHub>>

async function reportStep(
  env: Record<string, string>,
  inputs: Record<string, string>,
  event: unknown
) {
  const result = await runAction({
    inputs: {
      'instance-guid': GUID,
      'api-key': API_KEY,
      'sei-endpoint': sei.url,
      'timeout-seconds': '10',
      ...inputs
    },
    env: { GITHUB_API_URL: github.url, ...env },
    event
  })
  // Post-step outputs never reach a workflow; the step's own log line says it was delivered.
  if (!/ to SEI: HTTP 202 after /.test(result.log)) {
    throw new Error(`report not delivered:\n${result.log}`)
  }
}

/** One job, reported by its own post step, that deploys to `environment` if given. */
async function jobWithStep(
  spec: RunSpec,
  name: string,
  outcome: Outcome,
  event: unknown,
  environment?: string
) {
  const started = startJob(spec, name, environment)
  await reportStep(
    runnerEnv(spec, name),
    { 'job-check-run-id': String(started.id), 'job-status': outcome },
    event
  )
  finishJob(started, spec, outcome)
}

/** A run of one job that deploys, reported by the job's own step. */
async function deployRun(
  spec: RunSpec,
  name: string,
  env: string,
  outcome: Outcome,
  event: unknown
) {
  recordRun(spec, null)
  await jobWithStep(spec, name, outcome, event, env)
  recordRun(spec, outcome)
}

/** A run whose two jobs deploy to staging (success) then production (failure), reported by a last job. */
async function promoteRun(spec: RunSpec) {
  recordRun(spec, null)
  const staging = startJob(spec, 'to staging', 'staging')
  finishJob(staging, spec, 'success')
  const production = startJob(spec, 'to production', 'production', 1)
  finishJob(production, spec, 'failure')
  const reporter = startJob(spec, 'report', undefined, 2)
  await reportStep(
    runnerEnv(spec, 'report'),
    { scope: 'workflow', 'job-check-run-id': String(reporter.id) },
    { inputs: {} }
  )
  finishJob(reporter, spec, 'success')
  recordRun(spec, 'failure')
}

/** Attempt 1 fails in its build job and never deploys; attempt 2 builds and deploys. */
async function buildThenRelease(spec: RunSpec, event: unknown) {
  recordRun(spec, null)
  await jobWithStep(spec, 'build', 'failure', event)
  finishJob(startJob(spec, 'release', undefined, 1), spec, 'skipped')
  recordRun(spec, 'failure')
  const second = { ...spec, attempt: 2, minute: spec.minute + 20 }
  recordRun(second, null)
  await jobWithStep(second, 'build', 'success', event)
  await jobWithStep(
    { ...second, minute: second.minute + 1 },
    'release',
    'success',
    event,
    'production'
  )
  recordRun(second, 'success')
}

async function replay() {
  let deployNumber = 0
  let releaseNumber = 0
  const dispatch = { inputs: { environment: 'production' } }
  const release = (head: number, minute: number, ref?: string): RunSpec => ({
    workflow: 'Release',
    runId: 820_000 + ++releaseNumber,
    runNumber: releaseNumber,
    attempt: 1,
    event: 'workflow_dispatch',
    head,
    minute,
    ...(ref ? { ref } : {})
  })
  for (let push = 1; push <= 12; push++) {
    const minute = push * 120
    const head = headOf(push)
    const before = push === 1 ? history[0]! : history[headOf(push - 1)]!
    deployNumber++
    await deployRun(
      {
        workflow: 'Deploy',
        runId: 810_000 + push,
        runNumber: deployNumber,
        attempt: 1,
        event: 'push',
        head,
        minute
      },
      'deploy',
      'staging',
      push === 7 ? 'failure' : 'success',
      pushEvent(pushes[push - 1]!, before, history[head]!)
    )
    if (push === 3 || push === 9) {
      const outcome = push === 9 ? 'cancelled' : 'success'
      await deployRun(release(head, minute + 30), 'release', 'production', outcome, dispatch)
    }
    if (push === 6) {
      const spec = release(head, minute + 30)
      await deployRun(spec, 'release', 'production', 'failure', dispatch)
      const rerun = { ...spec, attempt: 2, minute: minute + 60 }
      await deployRun(rerun, 'release', 'production', 'success', dispatch)
    }
    if (push === 10) await buildThenRelease(release(head, minute + 30), dispatch)
    // Production goes back to what push 6 shipped, from its tag.
    if (push === 11) {
      await deployRun(
        release(headOf(6), minute + 30, 'v6'),
        'release',
        'production',
        'success',
        dispatch
      )
    }
  }
  await promoteRun({
    workflow: 'Promote',
    runId: 830_001,
    runNumber: 1,
    attempt: 1,
    event: 'workflow_dispatch',
    head: headOf(12),
    minute: 12 * 120 + 30
  })
  await deployRun(release(headOf(12), 12 * 120 + 60), 'release', 'production', 'success', dispatch)
}

/** `sync` of the whole history, in a scope, from the bundled CLI. */
async function backfill(scope: 'workflow' | 'job'): Promise<SeiPayload[]> {
  const before = sei.reports.length
  const result = await bin(
    [
      'sync',
      '--repo',
      REPOSITORY,
      '--instance-guid',
      GUID,
      '--sei-endpoint',
      sei.url,
      '--since',
      at(-60),
      '--scope',
      scope
    ],
    {
      GITHUB_TOKEN: 'ghs_synctoken0123456789abcdef',
      SEI_API_KEY: API_KEY,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com'
    }
  )
  if (result.code !== 0) throw new Error(`sync failed:\n${result.stderr}`)
  return (sei.reports as SeiPayload[]).slice(before)
}

// ---- the truth, and what SEI made of it ---------------------------------------------

const label = (p: SeiPayload) =>
  `${p.pipeline} ${Math.floor(p.build_number / 1000)}.${p.build_number % 1000}`

/** The history's own figures for an environment. */
function truthFor(environment: string) {
  const deployments = truth.filter((d) => d.environment === environment)
  const successful = deployments
    .filter((d) => d.outcome === 'success')
    .sort((a, b) => a.time - b.time)
  return {
    frequency: successful.length,
    failures: deployments.filter((d) => d.outcome === 'failure').length,
    all: deployments.length,
    firstShipped: history.slice(1).map((_, i) => successful.find((d) => d.head >= i + 1)?.label)
  }
}

/** The same from SEI's store, with the profile for the environment. */
function seiFor(runs: readonly SeiPayload[], environment: string) {
  const profile = { cd: true, params: { environment: [environment] } }
  return {
    ...doraFor(runs, environment),
    firstShipped: history.slice(1).map((commit) => {
      const ended = stageEndRun(runs, profile, REPOSITORY, commit)
      return ended && label(ended)
    })
  }
}

const posts: Record<string, SeiPayload[]> = {}

describe('DORA figures from a replayed history equal the truth, live and backfilled', () => {
  beforeAll(async () => {
    sei = await startFakeSei({ key: API_KEY })
    github = await startFakeGitHub(world)
    await replay()
    posts.live = [...(sei.reports as SeiPayload[])]
    posts.workflow = await backfill('workflow')
    posts.job = await backfill('job')
  }, 240_000)

  afterAll(async () => {
    await Promise.all([github?.close(), sei?.close()])
  })

  it('the history is the one described: failures, a re-run, a cancellation, a rollback, a two-environment run', () => {
    expect(truthFor('staging')).toMatchObject({ frequency: 12, failures: 1, all: 13 })
    expect(truthFor('production')).toMatchObject({ frequency: 5, failures: 2, all: 8 })
    expect(sei.problems).toEqual([])
  })

  const cases: [string, () => SeiPayload[]][] = [
    ['live', () => posts.live!],
    ['a sync --scope workflow backfill', () => posts.workflow!],
    ['a sync --scope job backfill', () => posts.job!],
    ['live, then a workflow backfill', () => [...posts.live!, ...posts.workflow!]],
    ['live, then a job backfill', () => [...posts.live!, ...posts.job!]],
    ['a workflow backfill, then live', () => [...posts.workflow!, ...posts.live!]],
    ['a job backfill, then live', () => [...posts.job!, ...posts.live!]]
  ]

  describe.each(cases)('%s', (_, reports) => {
    it.each(['staging', 'production'])(
      'DF, CFR and the deployment that ends each commit lead time: %s',
      (environment) => {
        expect(seiFor(stored(reports()), environment)).toEqual(truthFor(environment))
      }
    )
  })

  it('live, each deployment is one SEI run; the whole run beside its jobs is CI', () => {
    const runs = stored(posts.live!)
    const promote = runs.filter((p) => p.pipeline === 'Promote')
    expect(promote.map((p) => [p.job_full_name, p.cd, p.result, p.scm_commit_ids.length])).toEqual([
      [`${REPOSITORY}/Promote`, false, 'FAILURE', 1],
      [`${REPOSITORY}/Promote/to staging`, true, 'SUCCESS', 0],
      [`${REPOSITORY}/Promote/to production`, true, 'FAILURE', 0]
    ])
    // The rollback shipped nothing new; the failed and cancelled releases list nothing.
    const releases = runs.filter((p) => p.job_full_name === `${REPOSITORY}/Release/release`)
    expect(releases.map((p) => [p.build_number, p.result, p.scm_commit_ids.length])).toEqual([
      [1001, 'SUCCESS', 5],
      [2001, 'FAILURE', 0],
      [2002, 'SUCCESS', 5],
      [3001, 'ABORTED', 0],
      [4002, 'SUCCESS', 6],
      [5001, 'SUCCESS', 0],
      // Back from the rollback: every commit since it, some listed before (SEI keeps the earliest).
      [6001, 'SUCCESS', 10]
    ])
    expect(new Set(runs.map((p) => p.repo_url))).toEqual(new Set([`${WEB}.git`]))
  })

  it('a backfill of attempt 1 that failed before deploying credits it with no deployment', () => {
    const attemptOne = posts.workflow!.filter(
      (p) => p.pipeline === 'Release' && p.build_number === 4001
    )
    expect(attemptOne.map((p) => [p.job_full_name, p.cd, p.result])).toEqual([
      [`${REPOSITORY}/Release`, false, 'FAILURE']
    ])
  })
})
