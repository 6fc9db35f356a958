// A repository's history replayed through dist/ against the stand-ins, then DORA
// computed from what SEI stored, as SEI computes it: deployment frequency and change
// failure rate per environment (runs filtered by the `environment` parameter), and
// lead time's link from each commit to the first successful deployment listing it.
// Everything must equal the history's own truth.
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

const REPO_URL = 'https://github.com/octo-org/octo-repo'
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

/** compare base...head for every pair of commits of main: the commits after base, oldest first. */
function compareTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {}
  history.forEach((base, i) =>
    history.forEach((head, j) => {
      if (i <= j) table[`${base}...${head}`] = history.slice(i + 1, j + 1)
    })
  )
  return table
}

// ---- GitHub as the history unfolds ---------------------------------------------

const log = deploymentLog()
const world: FakeGitHubWorld = {
  jobs: [],
  runs: {},
  attemptJobs: {},
  deployments: log.deployments,
  statuses: log.statuses,
  compare: compareTable()
}
const truth: Deployment[] = []
let nextId = 1
for (const environment of ['staging', 'production']) {
  const id = log.create({ id: 3900 + nextId++, sha: history[0]!, environment, at: at(0) })
  log.setState(id, 'success', { at: at(2), logUrl: `${REPO_URL}/actions/runs/800000/job/1` })
}
const jobLog = (runId: number, jobId: number) => `${REPO_URL}/actions/runs/${runId}/job/${jobId}`
const deploymentState = { success: 'success', failure: 'failure', cancelled: 'error' } as const

interface RunSpec {
  workflow: string
  file: string
  runId: number
  runNumber: number
  attempt: number
  event: string
  head: number
  minute: number
}

function runnerEnv(spec: RunSpec, jobKey: string) {
  return {
    GITHUB_RUN_ID: String(spec.runId),
    GITHUB_RUN_NUMBER: String(spec.runNumber),
    GITHUB_RUN_ATTEMPT: String(spec.attempt),
    GITHUB_WORKFLOW: spec.workflow,
    GITHUB_WORKFLOW_REF: `octo-org/octo-repo/.github/workflows/${spec.file}@refs/heads/main`,
    GITHUB_JOB: jobKey,
    GITHUB_SHA: history[spec.head]!,
    GITHUB_EVENT_NAME: spec.event
  }
}

/** A job with `environment:` starts: GitHub creates its deployment, in progress. */
function startDeployJob(spec: RunSpec, name: string, environment: string, offset = 0): GitHubJob {
  const jobId = 7_000_000 + nextId++
  const from = spec.minute + offset
  const deployJob = job({
    id: jobId,
    name,
    conclusion: null,
    runId: spec.runId,
    attempt: spec.attempt,
    from
  })
  world.jobs!.push(deployJob)
  const id = log.create({
    id: 4000 + nextId++,
    sha: history[spec.head]!,
    environment,
    at: at(from + 0.1),
    logUrl: jobLog(spec.runId, jobId)
  })
  log.setState(id, 'in_progress', { at: at(from + 0.2) })
  ;(deployJob as GitHubJob & { deploymentId: number }).deploymentId = id
  return deployJob
}

function finishDeployJob(
  deployJob: GitHubJob,
  spec: RunSpec,
  outcome: Outcome,
  environment: string
) {
  const id = (deployJob as GitHubJob & { deploymentId: number }).deploymentId
  log.setState(id, deploymentState[outcome], { at: at(spec.minute + 3) })
  Object.assign(deployJob, {
    status: 'completed',
    conclusion: outcome,
    completed_at: at(spec.minute + 3)
  })
  truth.push({
    environment,
    head: spec.head,
    outcome,
    time: Date.parse(deployJob.started_at!),
    label: `${spec.workflow} ${spec.runNumber}.${spec.attempt}`
  })
}

function runObject(spec: RunSpec, conclusion: string | null): GitHubRun {
  return run({
    id: spec.runId,
    name: spec.workflow,
    path: `.github/workflows/${spec.file}`,
    run_number: spec.runNumber,
    run_attempt: spec.attempt,
    event: spec.event,
    status: conclusion ? 'completed' : 'in_progress',
    conclusion,
    head_sha: history[spec.head]!,
    run_started_at: at(spec.minute - 1),
    created_at: at(spec.minute - 1),
    updated_at: at(spec.minute + 3)
  })
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

/** One job that deploys to one environment, reported by its own post step. */
async function deployJobRun(
  spec: RunSpec,
  name: string,
  environment: string,
  outcome: Outcome,
  event: unknown
) {
  const deployJob = startDeployJob(spec, name, environment)
  await reportStep(
    runnerEnv(spec, name),
    { 'job-check-run-id': String(deployJob.id), 'job-status': outcome },
    event
  )
  finishDeployJob(deployJob, spec, outcome, environment)
}

/** A run whose two jobs deploy to staging then production, reported by a last job. */
async function promoteRun(spec: RunSpec) {
  const staging = startDeployJob(spec, 'to staging', 'staging')
  finishDeployJob(staging, spec, 'success', 'staging')
  const production = startDeployJob(spec, 'to production', 'production', 1)
  finishDeployJob(production, spec, 'success', 'production')
  const reporter = job({
    id: 7_900_000,
    name: 'report',
    conclusion: null,
    runId: spec.runId,
    from: spec.minute + 2
  })
  world.attemptJobs![`${spec.runId}/1`] = [staging, production, reporter]
  world.runs![spec.runId] = runObject(spec, null)
  await reportStep(
    runnerEnv(spec, 'report'),
    { scope: 'workflow', 'job-check-run-id': String(reporter.id) },
    { inputs: {} }
  )
}

async function replay() {
  let deployNumber = 0
  let releaseNumber = 0
  for (let push = 1; push <= 12; push++) {
    const minute = push * 120
    const head = headOf(push)
    const before = push === 1 ? history[0]! : history[headOf(push - 1)]!
    deployNumber++
    await deployJobRun(
      {
        workflow: 'Deploy',
        file: 'deploy.yml',
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
    if (push % 3 === 0 && push < 12) {
      releaseNumber++
      const spec = {
        workflow: 'Release',
        file: 'release.yml',
        runId: 820_000 + push,
        runNumber: releaseNumber,
        attempt: 1,
        event: 'workflow_dispatch',
        head,
        minute: minute + 30
      }
      const dispatch = { inputs: { environment: 'production' } }
      if (push === 6) {
        await deployJobRun(spec, 'release', 'production', 'failure', dispatch)
        await deployJobRun(
          { ...spec, attempt: 2, minute: minute + 60 },
          'release',
          'production',
          'success',
          dispatch
        )
      } else {
        await deployJobRun(
          spec,
          'release',
          'production',
          push === 9 ? 'cancelled' : 'success',
          dispatch
        )
      }
    }
  }
  await promoteRun({
    workflow: 'Promote',
    file: 'promote.yml',
    runId: 830_001,
    runNumber: 1,
    attempt: 1,
    event: 'workflow_dispatch',
    head: headOf(12),
    minute: 12 * 120 + 30
  })
}

// ---- what SEI made of it -----------------------------------------------------------

/** SEI's store: one run per (job_full_name, build_number); the first write wins. */
function stored(reports: readonly SeiPayload[]): SeiPayload[] {
  const runs = new Map<string, SeiPayload>()
  for (const payload of reports) {
    const key = `${payload.job_full_name}#${payload.build_number}`
    if (!runs.has(key)) runs.set(key, payload)
  }
  return [...runs.values()]
}

const deployedTo = (payload: SeiPayload, environment: string) =>
  payload.cd &&
  payload.job_run_params.some((p) => p.name === 'environment' && p.value === environment)

/** A DORA profile filtered on environment = `environment`. */
function dora(runs: readonly SeiPayload[], environment: string) {
  const deployments = runs.filter((p) => deployedTo(p, environment))
  const successful = deployments
    .filter((p) => p.result === 'SUCCESS')
    .sort((a, b) => a.start_time - b.start_time)
  const label = (p: SeiPayload) =>
    `${p.pipeline} ${Math.floor(p.build_number / 1000)}.${p.build_number % 1000}`
  const firstShipped = history.slice(1).map((commit) => {
    const first = successful.find((p) => p.scm_commit_ids.includes(commit))
    return first && label(first)
  })
  return {
    frequency: successful.length,
    failures: deployments.filter((p) => p.result === 'FAILURE').length,
    all: deployments.length,
    firstShipped
  }
}

/** The same figures from the history itself. */
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

describe('DORA figures from a replayed history equal the truth', () => {
  beforeAll(async () => {
    sei = await startFakeSei({ key: API_KEY })
    github = await startFakeGitHub(world)
    await replay()
  }, 60_000)

  afterAll(async () => {
    await Promise.all([github?.close(), sei?.close()])
  })

  it('SEI got one valid report per deployment job or run, none refused', () => {
    expect(sei.problems).toEqual([])
    // 12 staging deploys, 4 release attempts (one re-run), 1 two-environment run.
    expect(sei.reports).toHaveLength(17)
    expect(stored(sei.reports as SeiPayload[])).toHaveLength(17)
  })

  it.each(['staging', 'production'])(
    'deployment frequency, change failure rate and first deployment per commit: %s',
    (environment) => {
      const fromSei = dora(stored(sei.reports as SeiPayload[]), environment)
      const expected = truthFor(environment)
      expect(fromSei).toEqual(expected)
      // Every commit of main reached the environment by the end, none is left out.
      expect(fromSei.firstShipped.every((label) => label !== undefined)).toBe(true)
    }
  )

  it('the history is the one described: failures, a re-run, a cancellation, a two-environment run', () => {
    expect(truthFor('staging')).toMatchObject({ frequency: 12, failures: 1, all: 13 })
    expect(truthFor('production')).toMatchObject({ frequency: 3, failures: 1, all: 5 })
    const rerun = (sei.reports as SeiPayload[]).filter(
      (p) => p.job_full_name === 'octo-org/octo-repo/Release/release'
    )
    expect(rerun.map((p) => [p.build_number, p.result])).toEqual([
      [1001, 'SUCCESS'],
      [2001, 'FAILURE'],
      [2002, 'SUCCESS'],
      [3001, 'ABORTED']
    ])
    const promote = (sei.reports as SeiPayload[]).find(
      (p) => p.job_full_name === 'octo-org/octo-repo/Promote'
    )!
    expect(
      promote.job_run_params.filter((p) => p.name === 'environment').map((p) => p.value)
    ).toEqual(['production', 'staging'])
  })
})
