import { GitHubError } from '../../src/github/request.js'
import {
  candidateDeployments,
  CREATION_SLACK_MS,
  deploymentsMade,
  linksToTarget,
  unreadableDeployments,
  type DeploymentTarget
} from '../../src/collect/deployments.js'
import type { GitHubDeployment, GitHubDeploymentStatus } from '../../src/github/types.js'

const SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e'
const OTHER_SHA = '9049f1265b7d61be4a8904a9a27120d2064dab3b'
const RUN = 9100000001
const JOB = 29679449011
const START = Date.parse('2026-11-30T09:40:00Z')
const jobLog = (run: number, job: number) =>
  `https://github.com/octo-org/octo-repo/actions/runs/${run}/job/${job}`

const jobTarget: DeploymentTarget = { sha: SHA, runId: RUN, jobId: JOB, since: START }
const runTarget: DeploymentTarget = { sha: SHA, runId: RUN, since: START }

function deployment(id: number, createdAt: string, sha = SHA, environment = 'production') {
  return { id, sha, ref: 'main', environment, created_at: createdAt } satisfies GitHubDeployment
}

function status(url: string | null, state = 'success'): GitHubDeploymentStatus {
  return { state, log_url: url, target_url: url }
}

/** A deployments API that answers from a table and counts what it was asked. */
function reader(
  deployments: GitHubDeployment[],
  statuses: Record<number, GitHubDeploymentStatus[]>
) {
  const calls: string[] = []
  return {
    calls,
    async listDeployments(sha: string) {
      calls.push(`deployments ${sha}`)
      return deployments.filter((d) => d.sha === sha)
    },
    async listDeploymentStatuses(id: number) {
      calls.push(`statuses ${id}`)
      return statuses[id] ?? []
    }
  }
}

describe('which deployments are worth reading the statuses of', () => {
  it('keeps those of the commit created since the start (less the skew allowance), newest first', () => {
    const list = [
      deployment(1, '2026-11-29T18:00:00Z'),
      deployment(2, '2026-11-30T09:41:10Z'),
      deployment(3, new Date(START - CREATION_SLACK_MS).toISOString()),
      deployment(4, '2026-11-30T09:45:00Z', OTHER_SHA),
      deployment(5, '2026-11-30T09:52:30Z')
    ]
    expect(candidateDeployments(list, runTarget).map((d) => d.id)).toEqual([5, 2, 3])
  })
})

describe('whether a status links back to the reported job or run', () => {
  it('matches the job log of the job itself', () => {
    expect(linksToTarget(jobLog(RUN, JOB), jobTarget)).toBe(true)
    expect(linksToTarget(`${jobLog(RUN, JOB)}?pr=4`, jobTarget)).toBe(true)
  })

  it('refuses another job, another run, a run id that merely starts the same, and non-URLs', () => {
    expect(linksToTarget(jobLog(RUN, JOB + 1), jobTarget)).toBe(false)
    expect(linksToTarget(jobLog(RUN + 1, JOB), jobTarget)).toBe(false)
    expect(linksToTarget(jobLog(Number(`${RUN}7`), JOB), runTarget)).toBe(false)
    expect(
      linksToTarget(`https://github.com/octo-org/octo-repo/actions/runs/${RUN}`, jobTarget)
    ).toBe(false)
    expect(linksToTarget('https://deploy.example.com/releases/57', runTarget)).toBe(false)
    expect(linksToTarget('not a url', runTarget)).toBe(false)
    expect(linksToTarget(null, runTarget)).toBe(false)
  })

  it('for a whole run, matches the log of any of its jobs, and of the run or an attempt', () => {
    expect(linksToTarget(jobLog(RUN, 1), runTarget)).toBe(true)
    expect(
      linksToTarget(`https://github.com/octo-org/octo-repo/actions/runs/${RUN}/`, runTarget)
    ).toBe(true)
    expect(
      linksToTarget(
        `https://ghes.example.com/octo-org/octo-repo/actions/runs/${RUN}/attempts/2`,
        runTarget
      )
    ).toBe(true)
  })
})

describe('the deployments a job or run made', () => {
  it('reads the statuses of every candidate at once, newest first, and keeps those that link back', async () => {
    const api = reader(
      [
        deployment(1, '2026-11-29T18:00:00Z'),
        deployment(2, '2026-11-30T09:41:10Z'),
        deployment(3, '2026-11-30T09:43:00Z', SHA, 'staging')
      ],
      {
        1: [status(jobLog(RUN, JOB))],
        2: [status(jobLog(RUN, JOB), 'in_progress'), status(null, 'queued')],
        3: [status(jobLog(RUN, 555))]
      }
    )
    const made = await deploymentsMade(api, await api.listDeployments(SHA), jobTarget)
    expect(made.map((d) => [d.id, d.environment, d.states])).toEqual([
      [2, 'production', ['in_progress', 'queued']]
    ])
    expect(made[0]!.url).toBe(jobLog(RUN, JOB))
    expect(api.calls).toEqual([`deployments ${SHA}`, 'statuses 3', 'statuses 2'])
  })

  it('a job is CI when only other jobs, earlier runs or other tools deployed the commit; its run made one', async () => {
    const api = reader(
      [deployment(1, '2026-11-29T18:00:00Z'), deployment(3, '2026-11-30T09:43:00Z')],
      {
        1: [status(jobLog(RUN - 5, JOB))],
        3: [status(jobLog(RUN, 555)), status('https://argo.example.com/app')]
      }
    )
    const listed = await api.listDeployments(SHA)
    expect(await deploymentsMade(api, listed, jobTarget)).toEqual([])
    expect((await deploymentsMade(api, listed, runTarget)).map((d) => d.id)).toEqual([3])
  })

  it('says which permission to add when the token cannot read deployments', () => {
    expect(unreadableDeployments(SHA, new GitHubError('Resource not accessible', 403))).toBe(
      'cd: auto could not read the deployments of commit 6dcb09b5b578 (HTTP 403), so the run is reported as CI; add `deployments: read` under `permissions:`, or set cd: true or cd: false.'
    )
    expect(unreadableDeployments(SHA, new Error('socket hang up'))).toBe(
      'cd: auto could not read the deployments of commit 6dcb09b5b578 (no answer), so the run is reported as CI; set cd: true or cd: false to decide without the deployments API.'
    )
  })
})
