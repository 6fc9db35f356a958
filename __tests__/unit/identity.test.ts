import { buildJobReport } from '../../src/mapping/payload.js'
import { apiJob, HEAD_SHA, JOB_ID, reportOptions, runInfo } from '../fixtures/github.js'

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)

function report(jobName: string, run = runInfo(), jobId = JOB_ID) {
  return buildJobReport(run, apiJob({ id: jobId, name: jobName }), 'SUCCESS', NOW, reportOptions())
    .payload
}

describe('job_full_name is stable across runs and unique per job', () => {
  it('is owner/repo/workflow/job name, also as qualified_name, with the workflow as pipeline', () => {
    const payload = report('build')
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI/build')
    expect(payload.qualified_name).toBe('octo-org/octo-repo/CI/build')
    expect(payload.pipeline).toBe('CI')
  })

  it('does not change with the run number, attempt, commit, job id or actor', () => {
    const later = runInfo({
      runId: 9100000777,
      runNumber: 58,
      runAttempt: 3,
      sha: '7fd1a60b01f91b314f59955a4e4d4e80d8edf11d',
      actor: 'hubot',
      event: {
        head_commit: { id: '7fd1a60b01f91b314f59955a4e4d4e80d8edf11d', message: 'Fix typo' }
      }
    })
    expect(report('build', later, 29679449999).job_full_name).toBe('octo-org/octo-repo/CI/build')
  })

  it('names each matrix combination apart', () => {
    expect(report('build (ubuntu-latest, 20)').job_full_name).toBe(
      'octo-org/octo-repo/CI/build (ubuntu-latest, 20)'
    )
    expect(report('build (windows-latest, 22)').job_full_name).toBe(
      'octo-org/octo-repo/CI/build (windows-latest, 22)'
    )
  })

  it('keeps the caller / callee name of a reusable-workflow job', () => {
    const payload = report('deploy / publish (staging)')
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI/deploy / publish (staging)')
    expect(payload.job_run.stages[0]!.displayName).toBe('deploy / publish (staging)')
  })

  it('flattens a workflow name that holds a newline', () => {
    const payload = report('build', runInfo({ workflowName: 'CI\nnightly' }))
    expect(payload.pipeline).toBe('CI nightly')
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI nightly/build')
  })
})

describe('build_number changes with every re-run attempt (SEI keeps the first post of a number)', () => {
  it('is run_number × 1000 + attempt: 57001 for attempt 1, 57002 for attempt 2', () => {
    expect(report('build', runInfo({ runAttempt: 1 })).build_number).toBe(57001)
    expect(report('build', runInfo({ runAttempt: 2 })).build_number).toBe(57002)
  })

  it('differs between runs', () => {
    expect(report('build', runInfo({ runNumber: 58 })).build_number).toBe(58001)
  })
})

describe('execution_id names the run attempt and the job', () => {
  it('is run_id-attempt-job_id', () => {
    expect(report('build').execution_id).toBe(`9100000001-1-${JOB_ID}`)
    expect(report('build', runInfo({ runAttempt: 2 }), 29679450123).execution_id).toBe(
      '9100000001-2-29679450123'
    )
  })

  it('does not depend on the commit', () => {
    expect(report('build', runInfo({ sha: HEAD_SHA.replace('6', '7') })).execution_id).toBe(
      `9100000001-1-${JOB_ID}`
    )
  })
})
