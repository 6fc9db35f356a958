import { GitHubError } from '../../src/github/request.js'
import {
  candidateDeployments,
  CREATION_SLACK_MS,
  deploymentsMade,
  linkedJob,
  madeBy,
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

const jobTarget: DeploymentTarget = { sha: SHA, runId: RUN, jobIds: [JOB], since: START }
/** A whole attempt: its own jobs; 555 is a job of this attempt too. */
const runTarget: DeploymentTarget = { sha: SHA, runId: RUN, jobIds: [JOB, 555], since: START }

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

describe('which job a status links back to', () => {
  it('reads the job of a job log, with or without an attempt or a query', () => {
    expect(linkedJob(jobLog(RUN, JOB), RUN)).toBe(JOB)
    expect(linkedJob(`${jobLog(RUN, JOB)}?pr=4`, RUN)).toBe(JOB)
    expect(
      linkedJob(`https://ghes.example.com/o/r/actions/runs/${RUN}/attempts/2/job/${JOB}`, RUN)
    ).toBe(JOB)
  })

  it('none for another run, a run id that merely starts the same, a run log without a job, and non-URLs', () => {
    expect(linkedJob(jobLog(RUN + 1, JOB), RUN)).toBeUndefined()
    expect(linkedJob(jobLog(Number(`${RUN}7`), JOB), RUN)).toBeUndefined()
    expect(
      linkedJob(`https://github.com/octo-org/octo-repo/actions/runs/${RUN}`, RUN)
    ).toBeUndefined()
    expect(linkedJob('https://deploy.example.com/releases/57', RUN)).toBeUndefined()
    expect(linkedJob('not a url', RUN)).toBeUndefined()
    expect(linkedJob(null, RUN)).toBeUndefined()
  })

  it('a deployment belongs to the attempt whose jobs made it, not to another attempt of the same run', () => {
    const attemptOne = { runId: RUN, jobIds: [101, 102] }
    const attemptTwo = { runId: RUN, jobIds: [201, 202] }
    // Attempt 1 failed in its build job (101) and never reached its deploy job (102);
    // attempt 2's deploy job (202) made the deployment, after attempt 1 started.
    const statuses = [status(jobLog(RUN, 202), 'failure'), status(jobLog(RUN, 202), 'in_progress')]
    expect(madeBy(statuses, attemptOne)).toBeUndefined()
    expect(madeBy(statuses, attemptTwo)).toBe(202)
    expect(madeBy([status(jobLog(RUN, JOB + 1))], jobTarget)).toBeUndefined()
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
    expect(made[0]!.jobId).toBe(JOB)
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
    expect((await deploymentsMade(api, listed, runTarget)).map((d) => [d.id, d.jobId])).toEqual([
      [3, 555]
    ])
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
