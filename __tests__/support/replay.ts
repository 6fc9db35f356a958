// A repository's history replayed through dist/ against the stand-ins: GitHub as it
// unfolds (runs, attempts, jobs, the deployments environments make and their statuses),
// the action's steps run live as the runner runs them, and `sync` backfills of the
// finished history. What really happened is kept as the truth to compare SEI with.
import {
  deploymentLog,
  startFakeGitHub,
  startFakeSei,
  type FakeGitHubWorld
} from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import type { GitHubJob, GitHubRun } from '../../src/github/types.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, at, GUID, job, run } from '../fixtures/runs.js'
import { bin } from './sync-cli.js'

export const REPOSITORY = 'octo-org/octo-repo'
export const WEB = `https://github.com/${REPOSITORY}`
export type Outcome = 'success' | 'failure' | 'cancelled'
/** Who posted: the steps live, or a sync backfill in a scope. */
export type Posts = 'live' | 'workflow' | 'job'

/** What really happened: one entry per deployment a job made, in time order. */
export interface Deployment {
  environment: string
  sha: string
  outcome: Outcome
  time: number
  /** Which run attempt made it: workflow name, run number and attempt. */
  label: string
}

export interface RunSpec {
  workflow: string
  workflowId: number
  runId: number
  runNumber: number
  attempt: number
  event: 'push' | 'workflow_dispatch'
  sha: string
  minute: number
  /** The branch or tag the run ran on (default main). */
  ref?: string
  refType?: 'branch' | 'tag'
}

const deploymentState = { success: 'success', failure: 'failure', cancelled: 'error' } as const

export class Replay {
  private readonly log = deploymentLog()
  readonly world: FakeGitHubWorld & {
    runs: Record<string, GitHubRun>
    attempts: Record<string, GitHubRun>
    attemptJobs: Record<string, GitHubJob[]>
  }
  readonly truth: Deployment[] = []
  /** Each live step's job summary, in the order the steps ran. */
  readonly summaries: string[] = []
  private nextId = 1
  private readonly deploymentOf = new Map<GitHubJob, { id: number; environment: string }>()
  private sei!: Awaited<ReturnType<typeof startFakeSei>>
  private github!: Awaited<ReturnType<typeof startFakeGitHub>>

  /** `deployed`: what each environment ran before the history, by runs SEI never heard of. */
  constructor(
    compare: Record<string, string[]>,
    deployed: Record<string, string>,
    messages: Record<string, string> = {}
  ) {
    this.world = {
      jobs: [],
      runs: {},
      attempts: {},
      attemptJobs: {},
      deployments: this.log.deployments,
      statuses: this.log.statuses,
      compare,
      messages
    }
    for (const [environment, sha] of Object.entries(deployed)) {
      const id = this.log.create({ id: 3900 + this.nextId++, sha, environment, at: at(0) })
      this.log.setState(id, 'success', { at: at(2), logUrl: `${WEB}/actions/runs/800000/job/1` })
    }
  }

  async start(): Promise<void> {
    this.sei = await startFakeSei({ key: API_KEY })
    this.github = await startFakeGitHub(this.world)
  }

  async close(): Promise<void> {
    await Promise.all([this.github?.close(), this.sei?.close()])
  }

  get reports(): SeiPayload[] {
    return this.sei.reports as SeiPayload[]
  }

  get problems(): string[] {
    return this.sei.problems
  }

  private runnerEnv(spec: RunSpec, jobKey: string) {
    const ref = spec.ref ?? 'main'
    return {
      GITHUB_RUN_ID: String(spec.runId),
      GITHUB_RUN_NUMBER: String(spec.runNumber),
      GITHUB_RUN_ATTEMPT: String(spec.attempt),
      GITHUB_WORKFLOW: spec.workflow,
      GITHUB_WORKFLOW_REF: `${REPOSITORY}/.github/workflows/${spec.workflow.toLowerCase()}.yml@refs/heads/main`,
      GITHUB_JOB: jobKey,
      GITHUB_SHA: spec.sha,
      GITHUB_REF: spec.refType === 'tag' ? `refs/tags/${ref}` : `refs/heads/${ref}`,
      GITHUB_REF_NAME: ref,
      GITHUB_EVENT_NAME: spec.event
    }
  }

  /** A job of the run attempt starts; with an environment, GitHub creates its deployment. */
  startJob(spec: RunSpec, name: string, environment?: string, offset = 0): GitHubJob {
    const jobId = 7_000_000 + this.nextId++
    const from = spec.minute + offset
    const started = job({
      id: jobId,
      name,
      conclusion: null,
      runId: spec.runId,
      attempt: spec.attempt,
      from
    })
    started.head_sha = spec.sha
    this.world.jobs!.push(started)
    ;(this.world.attemptJobs[`${spec.runId}/${spec.attempt}`] ??= []).push(started)
    if (environment) {
      const id = this.log.create({
        id: 4000 + this.nextId++,
        sha: spec.sha,
        ref: spec.ref ?? 'main',
        environment,
        at: at(from + 0.1),
        logUrl: `${WEB}/actions/runs/${spec.runId}/job/${jobId}`
      })
      this.log.setState(id, 'in_progress', { at: at(from + 0.2) })
      this.deploymentOf.set(started, { id, environment })
    }
    return started
  }

  finishJob(started: GitHubJob, spec: RunSpec, outcome: Outcome | 'skipped'): void {
    const end = Date.parse(started.started_at!) + 3 * 60_000
    Object.assign(started, {
      status: 'completed',
      conclusion: outcome,
      completed_at: new Date(end).toISOString()
    })
    if (outcome === 'skipped') Object.assign(started, { steps: [] })
    const deployment = this.deploymentOf.get(started)
    if (!deployment || outcome === 'skipped') return
    this.log.setState(deployment.id, deploymentState[outcome], {
      at: new Date(end).toISOString()
    })
    this.truth.push({
      environment: deployment.environment,
      sha: spec.sha,
      outcome,
      time: Date.parse(started.started_at!),
      label: `${spec.workflow} ${spec.runNumber}.${spec.attempt}`
    })
  }

  /** The run attempt as GitHub lists it: `conclusion` null while it runs. */
  recordRun(spec: RunSpec, conclusion: string | null): void {
    const attempt = run({
      id: spec.runId,
      name: spec.workflow,
      path: `.github/workflows/${spec.workflow.toLowerCase()}.yml`,
      workflow_id: spec.workflowId,
      run_number: spec.runNumber,
      run_attempt: spec.attempt,
      event: spec.event,
      status: conclusion ? 'completed' : 'in_progress',
      conclusion,
      head_branch: spec.ref ?? 'main',
      head_sha: spec.sha,
      run_started_at: at(spec.minute - 1),
      // A re-run keeps the run's creation time.
      created_at: this.world.runs[spec.runId]?.created_at ?? at(spec.minute - 1),
      updated_at: at(spec.minute + 4),
      html_url: `${WEB}/actions/runs/${spec.runId}`
    })
    this.world.attempts[`${spec.runId}/${spec.attempt}`] = attempt
    this.world.runs[spec.runId] = attempt
  }

  /** The action's step, main then post, as the runner runs them; it must deliver. */
  async reportStep(env: Record<string, string>, inputs: Record<string, string>, event: unknown) {
    const result = await runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': API_KEY,
        'sei-endpoint': this.sei.url,
        'timeout-seconds': '10',
        ...inputs
      },
      env: { GITHUB_API_URL: this.github.url, ...env },
      event
    })
    this.summaries.push(result.summary ?? '')
    // Post-step outputs never reach a workflow; the step's own log line says it was delivered.
    if (!/ to SEI: HTTP 202 after /.test(result.log)) {
      throw new Error(`report not delivered:\n${result.log}`)
    }
  }

  /** One job, reported by its own post step, that deploys to `environment` if given. */
  async jobWithStep(
    spec: RunSpec,
    name: string,
    outcome: Outcome,
    event: unknown,
    environment?: string
  ): Promise<void> {
    const started = this.startJob(spec, name, environment)
    await this.reportStep(
      this.runnerEnv(spec, name),
      { 'job-check-run-id': String(started.id), 'job-status': outcome },
      event
    )
    this.finishJob(started, spec, outcome)
  }

  /** A run of one job that deploys, reported by the job's own step. */
  async deployRun(
    spec: RunSpec,
    name: string,
    environment: string,
    outcome: Outcome,
    event: unknown
  ): Promise<void> {
    this.recordRun(spec, null)
    await this.jobWithStep(spec, name, outcome, event, environment)
    this.recordRun(spec, outcome)
  }

  /** A last job reports the whole run (scope: workflow). */
  async lastJob(spec: RunSpec, name: string, offset: number, event: unknown): Promise<void> {
    const reporter = this.startJob(spec, name, undefined, offset)
    await this.reportStep(
      this.runnerEnv(spec, name),
      { scope: 'workflow', 'job-check-run-id': String(reporter.id) },
      event
    )
    this.finishJob(reporter, spec, 'success')
  }

  /** The history replayed live, then backfilled in each scope: what each posted. */
  async replayAndBackfill(replay: () => Promise<void>): Promise<Record<Posts, SeiPayload[]>> {
    await this.start()
    await replay()
    const live = [...this.reports]
    const workflow = await this.backfill('workflow')
    return { live, workflow, job: await this.backfill('job') }
  }

  /** `sync` of the whole history, in a scope, from the bundled CLI: what it posted. */
  async backfill(scope: 'workflow' | 'job'): Promise<SeiPayload[]> {
    const before = this.reports.length
    const result = await bin(
      [
        'sync',
        '--repo',
        REPOSITORY,
        '--instance-guid',
        GUID,
        '--sei-endpoint',
        this.sei.url,
        '--since',
        at(-60),
        '--scope',
        scope
      ],
      {
        GITHUB_TOKEN: 'ghs_synctoken0123456789abcdef',
        SEI_API_KEY: API_KEY,
        GITHUB_API_URL: this.github.url,
        GITHUB_SERVER_URL: 'https://github.com'
      }
    )
    if (result.code !== 0) throw new Error(`sync failed:\n${result.stderr}`)
    return this.reports.slice(before)
  }
}

/** A stored run's label, as the truth names deployments. */
export const label = (p: SeiPayload) =>
  `${p.pipeline} ${Math.floor(p.build_number / 1000)}.${p.build_number % 1000}`
