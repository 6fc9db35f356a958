// The in-process part of the benchmark: map and validate a whole run of `jobs`.
import type { GitHubJob } from '../../src/github/types.js'
import { buildWorkflowReport } from '../../src/mapping/payload.js'
import type { RunInfo } from '../../src/mapping/run-info.js'
import { validatePayload } from '../../src/sei/schema.js'

const run: RunInfo = {
  owner: 'octo-org',
  repo: 'octo-repo',
  serverUrl: 'https://github.com',
  workflowName: 'CI',
  runId: 1,
  runNumber: 57,
  runAttempt: 1,
  eventName: 'push',
  event: {},
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  branch: 'main',
  actor: 'octocat'
}

export function mapAndValidate(jobs: GitHubJob[]): number {
  const now = Date.now()
  const report = buildWorkflowReport(
    run,
    jobs,
    { start: now - 600_000, end: now },
    {
      instanceGuid: '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
      instanceName: 'GitHub Actions',
      cd: false,
      artifacts: [],
      params: []
    }
  )
  return validatePayload(report.payload).job_run.stages.length
}
