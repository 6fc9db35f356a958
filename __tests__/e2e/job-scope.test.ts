// The committed dist/main and dist/post, run the way the runner runs them, against
// loopback fakes of the GitHub API and of SEI's custom CI/CD endpoint.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  startFakeGitHub,
  startFakeSei,
  wireProblems,
  type Fault,
  type RecordedRequest
} from '../../scripts/lib/fake-servers.mjs'
import { runAction, type ActionRun } from '../../scripts/lib/runner-sim.mjs'
import type { GitHubJob } from '../../src/github/types.js'
import { validatePayload, type SeiPayload } from '../../src/sei/schema.js'
import { annotations, loggedPayload } from '../support/harness.js'
import {
  apiJob,
  GUID,
  HEAD_SHA,
  JOB_ID,
  PARENT_SHA,
  RUNNER_NAME,
  samplePushEvent,
  startedAt,
  withStep,
  workflowDispatchEvent
} from '../fixtures/github.js'

const KEY = 'seiE2Ek3y-Zq81vXw0pLm7-DoNotLeak'
const TOKEN = 'ghs_faketoken000000000000000000000000'
const JOB_PATH = (id: number) => `GET /repos/octo-org/octo-repo/actions/jobs/${id}`
const DEPLOYMENTS_PATH = `GET /repos/octo-org/octo-repo/deployments?sha=${HEAD_SHA}&per_page=100`
const LIST_PATH = (attempt: number, page = 1) =>
  `GET /repos/octo-org/octo-repo/actions/runs/9100000001/attempts/${attempt}/jobs?per_page=100&page=${page}`

interface Case {
  jobs: GitHubJob[]
  inputs?: Record<string, string>
  env?: Record<string, string>
  event?: unknown
  faults?: Fault[]
  /** Leaves cd to its default, auto, which asks GitHub for the commit's deployments. */
  defaultCd?: boolean
}

interface Outcome {
  run: ActionRun
  github: RecordedRequest[]
  sei: RecordedRequest[]
  reports: Record<string, unknown>[]
  problems: string[]
  payload: SeiPayload
  seiUrl: string
  /** Bounds of the moment the post step took as the job's end. */
  before: number
  after: number
}

/** A job that started two minutes ago, seen from our post step (sample steps, ours in progress). */
function runningJob(fields: Partial<GitHubJob> = {}): GitHubJob {
  return startedAt(apiJob({ name: 'build', ...fields }), Date.now() - 120_000)
}

async function report(c: Case): Promise<Outcome> {
  const byAttempt: Record<string, GitHubJob[]> = {}
  for (const job of c.jobs) (byAttempt[`${job.run_id}/${job.run_attempt ?? 1}`] ??= []).push(job)
  const github = await startFakeGitHub({ jobs: c.jobs, attemptJobs: byAttempt, faults: c.faults })
  const sei = await startFakeSei({ key: KEY })
  try {
    const before = Date.now()
    const run = await runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'sei-endpoint': sei.url,
        'timeout-seconds': '10',
        'job-check-run-id': String(c.jobs[0]!.id),
        // The deployments look-up of cd: auto is tested with deployments of its own.
        ...(c.defaultCd ? {} : { cd: 'false' }),
        ...c.inputs
      },
      env: { GITHUB_API_URL: github.url, ...c.env },
      event: c.event ?? samplePushEvent()
    })
    const after = Date.now()
    // The post step's outputs never reach the workflow: the payload is read where the user sees it.
    const payload = (sei.reports[0] as SeiPayload | undefined) ?? loggedPayload<SeiPayload>(run.log)
    return {
      run,
      github: github.requests,
      sei: sei.requests,
      reports: sei.reports,
      problems: sei.problems,
      payload: payload!,
      seiUrl: sei.url,
      before,
      after
    }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

function calls(requests: RecordedRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.path}`)
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

function linesWith(text: string, secret: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.includes(secret))
}

/** The secret reaches the runner only in its own mask command; no log, output or file holds it. */
function expectNowhere(outcome: Outcome, secret: string): void {
  const { run } = outcome
  expect(linesWith(run.main.stdout + run.main.stderr, secret)).toEqual([`::add-mask::${secret}`])
  const post = linesWith(run.post.stdout + run.post.stderr, secret)
  expect(post.filter((line) => line !== `::add-mask::${secret}`)).toEqual([])
  expect(files(run.dir).filter((file) => readFileSync(file, 'utf8').includes(secret))).toEqual([])
  expect(Object.values(run.outputs).filter((value) => value.includes(secret))).toEqual([])
  expect(run.summary).not.toContain(secret)
}

function expectDelivered(outcome: Outcome, job: GitHubJob, result: string, attempt = 1): void {
  const { run } = outcome
  expect([run.main.code, run.post.code]).toEqual([0, 0])
  expect(run.outputs).toEqual({})
  expect(outcome.payload.result).toBe(result)
  expect(outcome.payload.execution_id).toBe(`9100000001-${attempt}-${job.id}`)
  expect(run.summary).toMatch(/^### SEI report sent: /)
  expect(outcome.problems).toEqual([])
  expect(calls(outcome.sei)).toEqual(['POST /v1/custom-cicd'])
  expect(outcome.sei[0]!.headers.authorization).toBe(`ApiKey ${KEY}`)
  expect(outcome.reports).toHaveLength(1)
  expect(outcome.reports[0]).toEqual(outcome.payload)
  expect(outcome.payload.result).toBe(result)
  expect(outcome.payload.start_time).toBe(Date.parse(job.started_at!))
  expect(outcome.payload.duration).toBeGreaterThanOrEqual(
    outcome.before - outcome.payload.start_time
  )
  expect(outcome.payload.duration).toBeLessThanOrEqual(outcome.after - outcome.payload.start_time)
  expect(outcome.github.filter((request) => JSON.stringify(request).includes(KEY))).toEqual([])
  expect(outcome.sei.filter((request) => JSON.stringify(request).includes(TOKEN))).toEqual([])
  expectNowhere(outcome, KEY)
  expectNowhere(outcome, TOKEN)
}

function stepResults(payload: SeiPayload): [string, string][] {
  return payload.job_run.stages[0]!.steps.map((step) => [step.displayName, step.result])
}

describe('a passing job', () => {
  it('is delivered once as SUCCESS, with its steps, commits and trigger, after one GitHub call', async () => {
    const job = runningJob()
    const outcome = await report({ jobs: [job], inputs: { 'job-status': 'success' } })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(outcome.github[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(outcome.payload).toMatchObject({
      pipeline: 'CI',
      job_full_name: 'octo-org/octo-repo/CI/build',
      qualified_name: 'octo-org/octo-repo/CI/build',
      instance_guid: GUID,
      instance_name: 'GitHub Actions',
      instance_url: 'https://github.com',
      build_number: 57001,
      execution_id: `9100000001-1-${JOB_ID}`,
      user_id: 'octocat',
      repo_url: 'https://github.com/octo-org/octo-repo.git',
      branch_name: 'main',
      scm_commit_ids: [HEAD_SHA, PARENT_SHA],
      trigger_chain: [{ id: 'SCMTrigger', type: 'SCMTriggerCause' }],
      job_run_params: [{ type: 'StringParameterValue', name: 'run_attempt', value: '1' }],
      ci: true,
      cd: false
    })
    expect(stepResults(outcome.payload)).toEqual([
      ['Set up job', 'SUCCESS'],
      ['Run sei-cicd-action/sei-cicd-action@v1', 'SUCCESS'],
      ['Run actions/checkout@v5', 'SUCCESS'],
      ['Run make test', 'SUCCESS'],
      ['Deploy preview', 'NOT_BUILT'],
      ['Post Run actions/checkout@v5', 'SUCCESS']
    ])
    expect(outcome.run.summary).toContain(`Posted to ${outcome.seiUrl}/v1/custom-cicd`)
  })
})

describe('a job with a failed step', () => {
  it('is FAILURE, and so is the step', async () => {
    const job = withStep(runningJob(), 4, { conclusion: 'failure' })
    const outcome = await report({ jobs: [job], inputs: { 'job-status': 'failure' } })
    expectDelivered(outcome, job, 'FAILURE')
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(stepResults(outcome.payload)[3]).toEqual(['Run make test', 'FAILURE'])
    expect(outcome.payload.job_run.stages[0]!.result).toBe('FAILURE')
  })
})

describe('a cancelled job', () => {
  it('is ABORTED', async () => {
    const job = withStep(runningJob(), 4, { conclusion: 'cancelled' })
    const outcome = await report({ jobs: [job], inputs: { 'job-status': 'cancelled' } })
    expectDelivered(outcome, job, 'ABORTED')
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(stepResults(outcome.payload)[3]).toEqual(['Run make test', 'ABORTED'])
  })
})

describe('a matrix job', () => {
  it('is named after its combination and lists the matrix values as params', async () => {
    const job = runningJob({ name: 'build (ubuntu-latest, 20)' })
    const matrix = JSON.stringify({ os: 'ubuntu-latest', node: 20 }, null, 2)
    const outcome = await report({ jobs: [job], inputs: { matrix } })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(outcome.payload.job_full_name).toBe('octo-org/octo-repo/CI/build (ubuntu-latest, 20)')
    expect(outcome.payload.job_run_params).toEqual([
      { type: 'StringParameterValue', name: 'matrix.os', value: 'ubuntu-latest' },
      { type: 'StringParameterValue', name: 'matrix.node', value: '20' },
      { type: 'StringParameterValue', name: 'run_attempt', value: '1' }
    ])
  })
})

describe('a re-run', () => {
  it('reports attempt 2 under a build number of its own, for the same SEI job', async () => {
    const first = runningJob({ run_attempt: 1 })
    const second = runningJob({ id: 29680112345, run_attempt: 2 })
    const one = await report({ jobs: [first] })
    const two = await report({ jobs: [second], env: { GITHUB_RUN_ATTEMPT: '2' } })
    expectDelivered(one, first, 'SUCCESS', 1)
    expectDelivered(two, second, 'SUCCESS', 2)
    expect(calls(two.github)).toEqual([JOB_PATH(29680112345)])
    expect([one.payload.build_number, two.payload.build_number]).toEqual([57001, 57002])
    expect(two.payload.job_full_name).toBe(one.payload.job_full_name)
    expect(two.payload.execution_id).toBe('9100000001-2-29680112345')
    expect(two.payload.job_run_params).toEqual([
      { type: 'StringParameterValue', name: 'run_attempt', value: '2' }
    ])
  })
})

describe('a dry run', () => {
  it('sends nothing to SEI and shows the payload it would have sent', async () => {
    const job = runningJob()
    const outcome = await report({ jobs: [job], inputs: { 'dry-run': 'true' } })
    const { run } = outcome
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(outcome.sei).toEqual([])
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(run.outputs).toEqual({})
    expect(outcome.payload.result).toBe('SUCCESS')
    expect(outcome.payload.execution_id).toBe(`9100000001-1-${JOB_ID}`)
    expect(validatePayload(outcome.payload)).toEqual(outcome.payload)
    expect(wireProblems(outcome.payload)).toEqual([])
    expect(outcome.payload.job_full_name).toBe('octo-org/octo-repo/CI/build')
    expect(run.summary).toContain(`Would be posted to ${outcome.seiUrl}/v1/custom-cicd`)
    // The summary ends with that payload, folded, exactly as the log group shows it.
    const folded =
      /<details><summary>The SEI payload a real run would send \(\d+ KB\)<\/summary>\n\n<pre><code>([\s\S]*?)<\/code><\/pre>\n\n<\/details>\s*$/.exec(
        run.summary
      )?.[1]
    const html = { '&lt;': '<', '&gt;': '>', '&amp;': '&' } as Record<string, string>
    expect(JSON.parse(folded!.replace(/&(lt|gt|amp);/g, (entity) => html[entity]!))).toEqual(
      outcome.payload
    )
    expectNowhere(outcome, KEY)
    expectNowhere(outcome, TOKEN)
  })
})

describe('an empty api-key (a pull request from a fork)', () => {
  it('reports nothing, says so in one notice, touches no server and succeeds', async () => {
    const outcome = await report({ jobs: [runningJob()], inputs: { 'api-key': '' } })
    const { run } = outcome
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(outcome.github).toEqual([])
    expect(outcome.sei).toEqual([])
    expect(run.log.split('\n').filter((line) => /^::(notice|warning|error)/.test(line))).toEqual([
      '::notice::api-key is empty (pull requests from forks get no secrets), so nothing will be reported to SEI; the job is not affected.'
    ])
    expect(run.outputs).toEqual({ delivered: 'false' })
    expect(run.summary).toMatch(/^### SEI report skipped\n\napi-key is empty/)
  })
})

describe('job-check-run-id empty (GHES): the job is found by its runner', () => {
  const lint = (attempt = 1) =>
    startedAt(
      apiJob({
        id: 29679448001,
        name: 'lint',
        run_attempt: attempt,
        status: 'completed',
        conclusion: 'success',
        runner_name: RUNNER_NAME
      }),
      Date.now() - 300_000
    )
  const listing = (...jobs: GitHubJob[]) => ({ body: { total_count: jobs.length, jobs } })
  const fallback = { 'job-check-run-id': '' }

  it('reads the attempt again when the first listing does not show the job yet', async () => {
    const job = runningJob()
    const outcome = await report({
      jobs: [job, lint()],
      inputs: fallback,
      faults: [{ match: /\/attempts\/1\/jobs/, responses: [listing(lint())] }]
    })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([LIST_PATH(1), LIST_PATH(1)])
  })

  it('reads the attempt again when the first listing shows the job still queued', async () => {
    const job = runningJob()
    const queued = {
      ...job,
      status: 'queued',
      started_at: null,
      runner_name: null,
      runner_id: null
    }
    const outcome = await report({
      jobs: [job, lint()],
      inputs: fallback,
      faults: [{ match: /\/attempts\/1\/jobs/, responses: [listing(lint(), queued)] }]
    })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([LIST_PATH(1), LIST_PATH(1)])
  })

  it('matches a hosted runner listed as "GitHub Actions" by the id in RUNNER_NAME', async () => {
    const job = runningJob({ runner_name: 'GitHub Actions', runner_id: 1000000012 })
    const neighbour = startedAt(
      apiJob({
        id: 29679449012,
        name: 'test',
        runner_name: 'GitHub Actions',
        runner_id: 1000000013
      }),
      Date.now() - 60_000
    )
    const outcome = await report({
      jobs: [neighbour, job],
      inputs: fallback,
      env: { RUNNER_NAME: 'GitHub-Actions-1000000012' }
    })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([LIST_PATH(1)])
    expect(outcome.payload.job_full_name).toBe('octo-org/octo-repo/CI/build')
  })

  it.each([
    ['job-check-run-id', { 'job-check-run-id': String(JOB_ID) }],
    ['the runner name', fallback]
  ])(
    'a job GitHub lists without a name is reported under its key, found by %s',
    async (_how, inputs) => {
      // Older GitHub Enterprise Server can answer a job without its name.
      const job = { ...runningJob(), name: null } as unknown as GitHubJob
      const outcome = await report({ jobs: [job, lint()], inputs, env: { GITHUB_JOB: 'unit' } })
      expectDelivered(outcome, job, 'SUCCESS')
      expect(outcome.payload.job_full_name).toBe('octo-org/octo-repo/CI/unit')
      expect(annotations(outcome.run.log, 'warning')).toEqual([])
    }
  )

  it('reads every page of a large attempt', async () => {
    const others = Array.from({ length: 120 }, (_, i) =>
      apiJob({
        id: 29679450000 + i,
        name: `shard ${i + 1}`,
        runner_name: `GitHub Actions ${1000000100 + i}`,
        runner_id: 1000000100 + i
      })
    )
    const job = runningJob()
    const outcome = await report({ jobs: [...others, job], inputs: fallback })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([LIST_PATH(1, 1), LIST_PATH(1, 2)])
  })
})

describe('a workflow_dispatch run with inputs', () => {
  it('is started by the user and lists the inputs as params', async () => {
    const job = runningJob({ name: 'deploy' })
    const outcome = await report({
      jobs: [job],
      env: {
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_ACTOR: 'hubot',
        GITHUB_TRIGGERING_ACTOR: 'hubot'
      },
      event: workflowDispatchEvent({ environment: 'staging', 'skip-tests': 'false' })
    })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github)).toEqual([JOB_PATH(JOB_ID)])
    expect(outcome.payload).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/deploy',
      user_id: 'hubot',
      trigger_chain: [{ id: 'hubot', type: 'UserIdCause' }],
      scm_commit_ids: [HEAD_SHA],
      job_run_params: [
        { type: 'StringParameterValue', name: 'environment', value: 'staging' },
        { type: 'StringParameterValue', name: 'skip-tests', value: 'false' },
        { type: 'StringParameterValue', name: 'run_attempt', value: '1' }
      ]
    })
  })
})

describe('cd left at its default, auto', () => {
  it('asks for the deployments of the commit alongside the job, finds none, and reports CI', async () => {
    const job = runningJob()
    const outcome = await report({ jobs: [job], defaultCd: true })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github).sort()).toEqual([JOB_PATH(JOB_ID), DEPLOYMENTS_PATH].sort())
    expect([outcome.payload.ci, outcome.payload.cd]).toEqual([true, false])
    expect(annotations(outcome.run.log, 'notice')).toEqual([])
    expect(annotations(outcome.run.log, 'warning')).toEqual([])
  })

  it('a token without deployments: read still delivers the job as CI, with one notice', async () => {
    const job = runningJob()
    const outcome = await report({
      jobs: [job],
      defaultCd: true,
      faults: [
        {
          match: /^\/repos\/octo-org\/octo-repo\/deployments\?/,
          responses: [
            {
              status: 403,
              body: {
                message: 'Resource not accessible by integration',
                documentation_url:
                  'https://docs.github.com/rest/deployments/deployments#list-deployments',
                status: '403'
              }
            }
          ]
        }
      ]
    })
    expectDelivered(outcome, job, 'SUCCESS')
    expect(calls(outcome.github).sort()).toEqual([JOB_PATH(JOB_ID), DEPLOYMENTS_PATH].sort())
    expect([outcome.payload.ci, outcome.payload.cd]).toEqual([true, false])
    expect(annotations(outcome.run.log, 'notice')).toEqual([
      'cd: auto could not read the deployments of commit 6dcb09b5b578 (HTTP 403), so the run is reported as CI; add `deployments: read` under `permissions:`, or set cd: true or cd: false.'
    ])
    expect(annotations(outcome.run.log, 'warning')).toEqual([])
  })
})
