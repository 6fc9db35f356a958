import { namedJob, pickCurrentJob } from '../../src/github/find-job.js'
import { apiJob } from '../fixtures/github.js'

const lint = apiJob({
  id: 29679448001,
  name: 'lint',
  status: 'completed',
  conclusion: 'success',
  runner_name: 'GitHub Actions 1000000012',
  runner_id: 1000000012
})
const other = apiJob({
  id: 29679449012,
  name: 'build (windows-latest, 20)',
  runner_name: 'GitHub Actions 1000000013',
  runner_id: 1000000013
})
const ours = apiJob({ runner_name: 'GitHub Actions 1000000012', runner_id: 1000000012 })

describe('without job.check_run_id the job is found by its runner', () => {
  it('picks the in-progress job on RUNNER_NAME, not an earlier job of the same runner', () => {
    expect(pickCurrentJob([lint, other, ours], 'GitHub Actions 1000000012')?.id).toBe(29679449011)
  })

  it('matches a hosted runner listed as "GitHub Actions" by the id ending RUNNER_NAME', () => {
    const hosted = (job: typeof ours) => ({ ...job, runner_name: 'GitHub Actions' })
    const jobs = [hosted(other), hosted(ours)]
    expect(pickCurrentJob(jobs, 'GitHub-Actions-1000000012')?.id).toBe(29679449011)
    expect(pickCurrentJob(jobs, 'GitHub Actions 1000000013')?.id).toBe(29679449012)
  })

  it('does not match an id that is only the tail of a longer number', () => {
    const job = { ...ours, runner_name: 'GitHub Actions', runner_id: 12 }
    expect(pickCurrentJob([job], 'GitHub-Actions-1000000012')).toBeUndefined()
  })

  it('finds nothing while the API still shows the job queued', () => {
    const queued = {
      ...ours,
      status: 'queued',
      runner_name: null,
      runner_id: null,
      started_at: null
    }
    expect(pickCurrentJob([lint, queued], 'GitHub Actions 1000000012')).toBeUndefined()
  })

  it('finds nothing without a runner name', () => {
    expect(pickCurrentJob([ours], '')).toBeUndefined()
  })
})

describe('a job GitHub gives no name is named by its key', () => {
  const nameless = { ...ours, name: null } as unknown as typeof ours

  it('takes GITHUB_JOB, which stays the same from run to run', () => {
    expect(namedJob(nameless, 'unit').name).toBe('unit')
  })

  it('falls back to the job id without a key, and keeps a name GitHub gave', () => {
    expect(namedJob(nameless, '').name).toBe('Job 29679449011')
    expect(namedJob(other, 'unit').name).toBe('build (windows-latest, 20)')
  })
})
