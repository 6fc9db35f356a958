// scope: workflow in a last job (needs: all other jobs, if: always()): the whole run attempt.
import { at, HEAD_SHA, job, pushEvent, run, RUN_ID } from '../fixtures/runs.js'
import { report } from '../support/report-run.js'

const REPORTER = 29679449999
const reporterJob = () => job({ id: REPORTER, name: 'report', conclusion: null, from: 9 })

describe('scope: workflow reports the whole run attempt from its last job', () => {
  it('a run with a failed, a cancelled and skipped jobs is a FAILURE with one stage per job but the reporting one', async () => {
    const jobs = [
      job({ id: 101, name: 'build (ubuntu-latest, 20)', conclusion: 'success' }),
      job({ id: 102, name: 'build (windows-latest, 20)', conclusion: 'failure' }),
      job({ id: 103, name: 'integration', conclusion: 'cancelled', from: 4 }),
      job({ id: 104, name: 'deploy / staging', conclusion: 'skipped', from: 8 }),
      job({ id: 105, name: 'deploy / production', conclusion: 'skipped', from: 8 }),
      reporterJob()
    ]
    const { payload, githubPaths, seiProblems } = await report({
      world: {
        attemptJobs: { [`${RUN_ID}/1`]: jobs },
        runs: { [RUN_ID]: run() }
      },
      inputs: {
        scope: 'workflow',
        'job-check-run-id': String(REPORTER),
        matrix: '{"region":"eu-west-1"}'
      },
      event: pushEvent([])
    })
    expect(seiProblems).toEqual([])
    expect(payload.result).toBe('FAILURE')
    expect(payload.job_run_params).toEqual([
      { type: 'StringParameterValue', name: 'run_attempt', value: '1' }
    ])
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI')
    expect(payload.execution_id).toBe(`${RUN_ID}-1`)
    expect(payload.build_number).toBe(57001)
    expect(payload.start_time).toBe(Date.parse(at(0)))
    expect(payload.job_run.stages.map((s) => [s.id, s.displayName, s.result])).toEqual([
      ['101', 'build (ubuntu-latest, 20)', 'SUCCESS'],
      ['102', 'build (windows-latest, 20)', 'FAILURE'],
      ['103', 'integration', 'ABORTED'],
      ['104', 'deploy / staging', 'NOT_BUILT'],
      ['105', 'deploy / production', 'NOT_BUILT']
    ])
    expect(payload.job_run.stages[1]!.steps.map((s) => s.result)).toEqual(['SUCCESS', 'FAILURE'])
    expect(githubPaths.filter((p) => p.startsWith('/repos/octo-org/octo-repo/actions/'))).toEqual([
      `/repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/1/jobs?per_page=100&page=1`,
      `/repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/1`
    ])
  })

  it('without job-check-run-id (older GHES) it finds its own job by runner name, looking again while the API lags', async () => {
    const reporter = { ...reporterJob(), runner_name: 'GitHub Actions 1000000012', runner_id: 12 }
    const built = job({ id: 101, name: 'build', conclusion: 'success' })
    const lagging = { total_count: 2, jobs: [built, { ...reporter, status: 'queued' }] }
    const { payload, run: action } = await report({
      world: {
        attemptJobs: { [`${RUN_ID}/1`]: [built, reporter] },
        runs: { [RUN_ID]: run() },
        faults: [{ match: /\/attempts\/1\/jobs/, responses: [{ body: lagging }] }]
      },
      inputs: { scope: 'workflow', cd: 'false' },
      event: pushEvent([])
    })
    expect(payload.job_run.stages.map((s) => s.id)).toEqual(['101'])
    expect(action.log).not.toMatch(/could not be told apart/)
  })

  it('cancelled and skipped jobs without a failure make it ABORTED; skipped jobs alone do not count', async () => {
    const world = {
      attemptJobs: {
        [`${RUN_ID}/2`]: [
          job({ id: 201, name: 'build', conclusion: 'success', attempt: 2 }),
          job({ id: 202, name: 'e2e', conclusion: 'cancelled', attempt: 2 }),
          job({ id: 203, name: 'deploy', conclusion: 'skipped', attempt: 2 }),
          { ...reporterJob(), run_attempt: 2 }
        ],
        [`${RUN_ID}/3`]: [
          job({ id: 301, name: 'build', conclusion: 'success', attempt: 3 }),
          job({ id: 303, name: 'deploy', conclusion: 'skipped', attempt: 3 }),
          { ...reporterJob(), run_attempt: 3 }
        ]
      },
      runs: { [RUN_ID]: run({ run_started_at: at(30) }) }
    }
    const inputs = { scope: 'workflow', 'job-check-run-id': String(REPORTER), cd: 'false' }
    const cancelled = await report({
      world,
      inputs,
      env: { GITHUB_RUN_ATTEMPT: '2' },
      event: pushEvent([])
    })
    expect(cancelled.payload.result).toBe('ABORTED')
    expect(cancelled.payload.build_number).toBe(57002)
    expect(cancelled.payload.execution_id).toBe(`${RUN_ID}-2`)
    expect(cancelled.payload.start_time).toBe(Date.parse(at(30)))
    expect(cancelled.payload.job_run.stages.map((s) => s.result)).toEqual([
      'SUCCESS',
      'ABORTED',
      'NOT_BUILT'
    ])
    const skipped = await report({
      world,
      inputs,
      env: { GITHUB_RUN_ATTEMPT: '3' },
      event: pushEvent([])
    })
    expect(skipped.payload.result).toBe('SUCCESS')
    expect(skipped.payload.job_run.stages.map((s) => [s.id, s.result])).toEqual([
      ['301', 'SUCCESS'],
      ['303', 'NOT_BUILT']
    ])
  })

  it('a 300-job matrix is read in full: 3 pages of 100 and the attempt, nothing more', async () => {
    const shards = Array.from({ length: 299 }, (_, i) =>
      job({ id: 500000 + i, name: `test (shard ${i + 1}/299)`, conclusion: 'success' })
    )
    const { payload, githubPaths, seiProblems } = await report({
      world: {
        attemptJobs: {
          [`${RUN_ID}/1`]: [...shards.slice(0, 150), reporterJob(), ...shards.slice(150)]
        },
        runs: { [RUN_ID]: run() }
      },
      inputs: { scope: 'workflow', 'job-check-run-id': String(REPORTER), cd: 'false' },
      event: pushEvent([])
    })
    expect(seiProblems).toEqual([])
    expect(payload.result).toBe('SUCCESS')
    expect(payload.job_run.stages).toHaveLength(299)
    expect(payload.job_run.stages.map((s) => s.id)).toEqual(shards.map((j) => String(j.id)))
    expect(payload.job_run.stages[298]!.displayName).toBe('test (shard 299/299)')
    const jobsPath = `/repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/1`
    expect([...githubPaths].sort()).toEqual([
      jobsPath,
      `${jobsPath}/jobs?per_page=100&page=1`,
      `${jobsPath}/jobs?per_page=100&page=2`,
      `${jobsPath}/jobs?per_page=100&page=3`
    ])
  })

  it('with cd left at auto, the same 300 jobs cost one request more: the deployments of the commit', async () => {
    const shards = Array.from({ length: 299 }, (_, i) =>
      job({ id: 500000 + i, name: `test (shard ${i + 1}/299)`, conclusion: 'success' })
    )
    const { payload, githubCalls, seiProblems } = await report({
      world: {
        attemptJobs: { [`${RUN_ID}/1`]: [...shards, reporterJob()] },
        runs: { [RUN_ID]: run() }
      },
      inputs: { scope: 'workflow', 'job-check-run-id': String(REPORTER) },
      event: pushEvent([])
    })
    expect(seiProblems).toEqual([])
    expect([payload.ci, payload.cd]).toEqual([true, false])
    expect(payload.job_run.stages).toHaveLength(299)
    const attempt = `GET /repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/1`
    // The attempt, the first job page and the commit's deployments are read side by side.
    expect(githubCalls.slice(0, 3).sort()).toEqual([
      attempt,
      `${attempt}/jobs?per_page=100&page=1`,
      `GET /repos/octo-org/octo-repo/deployments?sha=${HEAD_SHA}&per_page=100`
    ])
    expect(githubCalls.slice(3)).toEqual([
      `${attempt}/jobs?per_page=100&page=2`,
      `${attempt}/jobs?per_page=100&page=3`
    ])
  })
})
