// The rules that make SEI's DORA figures right: a repo_url SEI can link to its SCM
// repository, commits listed only by a deployment that succeeded, and a whole run's
// deploying jobs reported on their own.
import { wholeRunDeployments } from '../../src/collect/deployed.js'
import type { GitHubClient } from '../../src/github/client.js'
import type { GitHubDeployment, GitHubDeploymentStatus, GitHubJob } from '../../src/github/types.js'
import { readInputs } from '../../src/inputs.js'
import { buildJobReport } from '../../src/mapping/payload.js'
import { apiJob, HEAD_SHA, reportOptions, runInfo } from '../fixtures/github.js'
import { API_KEY, GUID, sha } from '../fixtures/runs.js'
import { seiRepoId } from '../support/sei-dora.js'

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)

describe('repo_url is a clone URL that SEI parses to owner/repo', () => {
  it.each([
    ['https://github.com', 'https://github.com/octo-org/octo-repo.git'],
    ['https://ghes.corp.example', 'https://ghes.corp.example/octo-org/octo-repo.git'],
    ['https://ghes.corp.example/', 'https://ghes.corp.example/octo-org/octo-repo.git']
  ])('from %s', (serverUrl, expected) => {
    const payload = buildJobReport(
      runInfo({ serverUrl }),
      apiJob(),
      'SUCCESS',
      NOW,
      reportOptions()
    ).payload
    expect(payload.repo_url).toBe(expected)
    expect(seiRepoId(payload.repo_url)).toBe('octo-org/octo-repo')
  })

  it('the address without .git is not linked: SEI keeps it whole as the repository id', () => {
    expect(seiRepoId('https://github.com/octo-org/octo-repo')).toBe(
      'https://github.com/octo-org/octo-repo'
    )
  })
})

describe('a CD report lists commits only when the deployment succeeded', () => {
  const shipped = [sha(3), sha(2), sha(1)]
  const cd = reportOptions({ cd: true, environments: ['production'], shippedCommits: shipped })

  it.each(['FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'] as const)(
    '%s lists none: SEI would end those commits lead time at it',
    (result) => {
      const payload = buildJobReport(runInfo(), apiJob(), result, NOW, cd).payload
      expect(payload.scm_commit_ids).toEqual([])
      expect(payload.cd).toBe(true)
    }
  )

  it('SUCCESS lists what it shipped, the deployed commit first', () => {
    expect(buildJobReport(runInfo(), apiJob(), 'SUCCESS', NOW, cd).payload.scm_commit_ids).toEqual(
      shipped
    )
  })

  it('a CI report keeps the event commits whatever its result', () => {
    const payload = buildJobReport(runInfo(), apiJob(), 'FAILURE', NOW, reportOptions()).payload
    expect(payload.scm_commit_ids[0]).toBe(HEAD_SHA)
  })
})

describe("the per-environment reports of a whole run's deploying jobs", () => {
  const RUN = 9100000001
  const log = (job: number) =>
    `https://github.com/octo-org/octo-repo/actions/runs/${RUN}/job/${job}`
  const deployment = (id: number, environment: string): GitHubDeployment => ({
    id,
    sha: HEAD_SHA,
    ref: 'main',
    environment,
    created_at: '2026-11-30T09:45:00Z'
  })
  const status = (job: number, state: string): GitHubDeploymentStatus => ({
    state,
    log_url: log(job),
    target_url: log(job)
  })
  const jobs: GitHubJob[] = [
    apiJob({ id: 11, name: 'build' }),
    apiJob({ id: 12, name: 'to staging' }),
    apiJob({ id: 13, name: 'to production' })
  ]
  const statuses: Record<number, GitHubDeploymentStatus[]> = {
    1: [status(12, 'success')],
    2: [status(13, 'failure')],
    // Made by a job of a later attempt of the same run.
    3: [status(99, 'success')]
  }
  const listed = [
    deployment(3, 'production'),
    deployment(2, 'production'),
    deployment(1, 'staging')
  ]
  const target = { sha: HEAD_SHA, runId: RUN, jobIds: jobs.map((j) => j.id), since: 0 }
  const inputs = (extra: Record<string, string> = {}) =>
    readInputs({
      'INPUT_INSTANCE-GUID': GUID,
      'INPUT_API-KEY': API_KEY,
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
    })

  function client() {
    const reads: number[] = []
    const api = {
      listDeploymentStatuses: async (id: number) => {
        reads.push(id)
        return statuses[id] ?? []
      }
    } as unknown as GitHubClient
    return { api, reads }
  }

  it('the run is CI; each job that deployed is reported by itself, once, with statuses read once', async () => {
    const { api, reads } = client()
    const notices: string[] = []
    const whole = await wholeRunDeployments(
      inputs(),
      api,
      target,
      Promise.resolve(listed),
      notices,
      {
        history: undefined,
        jobs,
        report: async (job, reader) => {
          await reader.listDeploymentStatuses(job.id === 12 ? 1 : 2)
          return job.name
        }
      }
    )
    expect(whole.deployed).toMatchObject({ cd: false, environments: [] })
    expect(whole.deployJobs).toEqual(['to staging', 'to production'])
    expect(reads.sort()).toEqual([1, 2, 3])
    expect(notices).toEqual([])
  })

  it('a run none of whose jobs deployed is CI with no job reports', async () => {
    const { api } = client()
    const whole = await wholeRunDeployments(
      inputs(),
      api,
      { ...target, jobIds: [11] },
      Promise.resolve(listed),
      [],
      { history: undefined, jobs: [jobs[0]!], report: async (job) => job.name }
    )
    expect(whole).toEqual({ deployed: expect.objectContaining({ cd: false }), deployJobs: [] })
  })

  it('cd: true and cd: false keep the run as the user said, with no job reports', async () => {
    const { api, reads } = client()
    const report = async (job: GitHubJob) => job.name
    for (const cd of ['true', 'false']) {
      const whole = await wholeRunDeployments(inputs({ cd }), api, target, undefined, [], {
        history: undefined,
        jobs,
        report
      })
      expect(whole.deployed.cd).toBe(cd === 'true')
      expect(whole.deployJobs).toEqual([])
    }
    expect(reads).toEqual([])
  })
})
