// Reports built from the samples/ job and push event, and from runs shaped like
// GitHub's answers for a whole workflow, with a fixed clock so that they render the
// same every time.
import { readFileSync } from 'node:fs'
import { readContext } from '../../src/context.js'
import type { GitHubJob, GitHubStep } from '../../src/github/types.js'
import {
  buildJobReport,
  buildWorkflowReport,
  type ReportOptions
} from '../../src/mapping/payload.js'
import { runFromContext, type RunInfo } from '../../src/mapping/run-info.js'
import type { SeiPayload } from '../../src/sei/schema.js'

export const SAMPLE_GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'

export const OPTIONS: ReportOptions = {
  instanceGuid: SAMPLE_GUID,
  instanceName: 'GitHub Actions',
  cd: false,
  artifacts: [],
  params: [],
  matrix: { os: 'ubuntu-latest', node: 20 }
}

export function sampleRun(): RunInfo {
  return runFromContext(
    readContext({
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '9100000001',
      GITHUB_RUN_NUMBER: '57',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_JOB: 'build',
      GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: 'samples/event-push.json',
      GITHUB_ACTOR: 'octocat',
      GITHUB_TRIGGERING_ACTOR: 'octocat',
      RUNNER_NAME: 'GitHub Actions 1000000012'
    })
  )
}

export function sampleJob(): GitHubJob {
  return JSON.parse(readFileSync('samples/job.json', 'utf8')) as GitHubJob
}

/** The sample job as its own post step reports it, 1 min 50 s after it started. */
export function sampleJobPayload(): SeiPayload {
  const job = sampleJob()
  const now = Date.parse(job.started_at!) + 110_000
  return buildJobReport(sampleRun(), job, 'SUCCESS', now, OPTIONS).payload
}

const T0 = Date.parse('2026-11-30T09:40:00Z')

/** A finished job: times as the API gives them (steps in -08:00, jobs in Z). */
export function finishedJob(
  id: number,
  name: string,
  conclusion: string,
  startOffsetS: number,
  lengthS: number,
  steps: readonly [string, string, number][] = [['Run make', conclusion, lengthS]]
): GitHubJob {
  const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z')
  const local = (seconds: number) =>
    new Date(T0 + seconds * 1000 - 8 * 3600_000).toISOString().replace('Z', '-08:00')
  let clock = startOffsetS
  const apiSteps: GitHubStep[] = steps.map(([stepName, stepConclusion, seconds], index) => {
    const step: GitHubStep = {
      name: stepName,
      status: 'completed',
      conclusion: stepConclusion,
      number: index + 1,
      started_at: stepConclusion === 'skipped' ? null : local(clock),
      completed_at: stepConclusion === 'skipped' ? null : local(clock + seconds)
    }
    clock += seconds
    return step
  })
  return {
    id,
    run_id: 9100000001,
    run_attempt: 1,
    name,
    status: 'completed',
    conclusion,
    created_at: at(startOffsetS - 3),
    started_at: at(startOffsetS),
    completed_at: at(startOffsetS + lengthS),
    runner_name: conclusion === 'skipped' ? null : `GitHub Actions ${1000000000 + id}`,
    steps: apiSteps
  }
}

/** A finished run: lint, a matrix, a reusable workflow's job that failed, a skipped deploy. */
export function sampleWorkflowJobs(): GitHubJob[] {
  return [
    finishedJob(30000000001, 'lint', 'success', 0, 41),
    finishedJob(30000000002, 'build (ubuntu-latest, 20)', 'success', 43, 118),
    finishedJob(30000000003, 'build (ubuntu-latest, 22)', 'success', 43, 124),
    finishedJob(30000000004, 'build (windows-latest, 22)', 'failure', 44, 207, [
      ['Set up job', 'success', 3],
      ['Run npm ci', 'success', 61],
      ['Run npm test', 'failure', 143]
    ]),
    finishedJob(30000000005, 'e2e / browser tests', 'success', 170, 96),
    finishedJob(30000000006, 'deploy', 'skipped', 252, 0, [])
  ]
}

export function sampleWorkflowPayload(): SeiPayload {
  const jobs = sampleWorkflowJobs()
  return buildWorkflowReport(sampleRun(), jobs, { start: T0, end: T0 + 266_000 }, OPTIONS).payload
}

/** A run of `count` jobs, every 60th of which failed. */
export function largeRunPayload(count: number): SeiPayload {
  const jobs = Array.from({ length: count }, (_, i) =>
    finishedJob(
      31000000000 + i,
      `shard ${i + 1} of ${count}`,
      (i + 1) % 60 === 0 ? 'failure' : 'success',
      i * 2,
      30 + ((i * 37) % 200)
    )
  )
  return buildWorkflowReport(
    sampleRun(),
    jobs,
    { start: T0, end: T0 + count * 2000 + 240_000 },
    OPTIONS
  ).payload
}
