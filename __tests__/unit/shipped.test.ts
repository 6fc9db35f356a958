// The shipped-commits rule: which earlier deployment a deployment's commits start after.
import {
  previousSuccessful,
  previousSuccessfulRun,
  rangeToCompare,
  shippedCommits,
  shippedReport,
  wasSuccessful,
  type DeploymentRecord
} from '../../src/mapping/shipped.js'
import { sha } from '../fixtures/runs.js'

const day = (n: number) => Date.UTC(2026, 10, n, 10)

function deployed(
  id: number,
  states: string[],
  created: number,
  environment = 'production',
  commit = sha(id)
): DeploymentRecord {
  return { id, sha: commit, environment, createdAt: created, states }
}

const current = deployed(9, ['in_progress', 'queued'], day(20))

describe('the previous successful deployment to the same environment', () => {
  it('a superseded deployment that GitHub marked inactive still counts: it had a success', () => {
    const superseded = deployed(5, ['inactive', 'success', 'in_progress'], day(10))
    const older = deployed(4, ['inactive', 'success'], day(5))
    expect(wasSuccessful(superseded)).toBe(true)
    expect(previousSuccessful(current, [older, superseded, current])?.id).toBe(5)
  })

  it('a failed deployment in between is not a previous one: the commits go back to the last success', () => {
    const good = deployed(5, ['inactive', 'success'], day(10))
    const failed = deployed(7, ['failure', 'in_progress'], day(15))
    const errored = deployed(8, ['error'], day(16))
    expect(previousSuccessful(current, [good, failed, errored])?.id).toBe(5)
  })

  it('ignores other environments, later deployments and the deployment itself', () => {
    const staging = deployed(8, ['success'], day(19), 'staging')
    const later = deployed(10, ['success'], day(21))
    const sameTimeOlderId = deployed(3, ['success'], day(20))
    expect(previousSuccessful(current, [staging, later, current])).toBeUndefined()
    expect(previousSuccessful(current, [staging, later, sameTimeOlderId])?.id).toBe(3)
  })

  it('a first deployment has none, and lists the deployed commit alone', () => {
    expect(previousSuccessful(current, [current])).toBeUndefined()
    expect(rangeToCompare({ environment: 'production', head: current.sha })).toBeUndefined()
    const first = { environment: 'production', head: current.sha }
    expect(shippedCommits(current.sha, [first], [{ commits: [], total: 0 }])).toEqual({
      commits: [current.sha],
      left: 0
    })
  })

  it('a redeploy of the same SHA compares nothing and lists nothing: it shipped nothing new', () => {
    const range = {
      environment: 'production',
      head: sha(9),
      previous: { sha: sha(9), createdAt: day(10) }
    }
    expect(rangeToCompare(range)).toBeUndefined()
    expect(shippedCommits(sha(9), [range], [{ commits: [], total: 0 }])).toEqual({
      commits: [],
      left: 0
    })
  })

  it('a rollback to a commit the previous deployment contained lists nothing (compare lists no commit)', () => {
    const range = {
      environment: 'production',
      head: sha(3),
      previous: { sha: sha(9), createdAt: 0 }
    }
    expect(rangeToCompare(range)).toEqual({ base: sha(9), head: sha(3) })
    expect(shippedCommits(sha(3), [range], [{ commits: [], total: 0 }]).commits).toEqual([])
  })

  it('when the commits could not be read, the deployed commit alone', () => {
    const range = {
      environment: 'production',
      head: sha(3),
      previous: { sha: sha(1), createdAt: 0 }
    }
    const unread = { commits: [], total: 0, unread: true }
    expect(shippedCommits(sha(3), [range], [unread]).commits).toEqual([sha(3)])
  })
})

describe('the commit list', () => {
  it('the head first, then the compared commits newest first, without repeats', () => {
    const compared = { commits: [sha(1), sha(2), sha(3)], total: 3 }
    expect(
      rangeToCompare({ environment: 'p', head: sha(3), previous: { sha: sha(0), createdAt: 0 } })
    ).toEqual({
      base: sha(0),
      head: sha(3)
    })
    const range = { environment: 'p', head: sha(3), previous: { sha: sha(0), createdAt: 0 } }
    expect(shippedCommits(sha(3), [range], [compared]).commits).toEqual([sha(3), sha(2), sha(1)])
  })

  it('two environments in one run list every commit new to either', () => {
    const production = { commits: [sha(1), sha(2), sha(3), sha(4)], total: 4 }
    const staging = { commits: [sha(3), sha(4)], total: 2 }
    const from = (base: number) => ({
      environment: 'p',
      head: sha(4),
      previous: { sha: sha(base), createdAt: 0 }
    })
    expect(shippedCommits(sha(4), [from(2), from(0)], [staging, production]).commits).toEqual([
      sha(4),
      sha(3),
      sha(2),
      sha(1)
    ])
  })

  it('more than 1,000 commits: the newest 1,000, the head among them, and how many were left out', () => {
    const all = Array.from({ length: 1500 }, (_, i) => sha(i + 1))
    // The compare API gave the newest 1,000 of 1,500.
    const range = { environment: 'p', head: sha(1500), previous: { sha: sha(0), createdAt: 0 } }
    const result = shippedCommits(sha(1500), [range], [{ commits: all.slice(500), total: 1500 }])
    expect(result.commits).toHaveLength(1000)
    expect(result.commits.slice(0, 2)).toEqual([sha(1500), sha(1499)])
    expect(result.commits.at(-1)).toBe(sha(501))
    expect(result.left).toBe(500)
  })
})

describe('without a deployment record: the previous successful run of the same job', () => {
  const run = (runId: number, created: number, jobConclusion?: string | null) => ({
    runId,
    sha: sha(runId),
    createdAt: created,
    ...(jobConclusion === undefined ? {} : { jobConclusion })
  })

  it('the newest earlier run whose job of the same name succeeded; not this run, not failed ones, not runs without the job', () => {
    const runs = [
      run(50, day(19), 'failure'),
      run(49, day(18)),
      run(48, day(17), 'success'),
      run(47, day(16), 'success')
    ]
    expect(previousSuccessfulRun(51, runs)?.runId).toBe(48)
    expect(previousSuccessfulRun(48, runs)?.runId).toBe(47)
    expect(previousSuccessfulRun(51, [run(50, day(19), 'cancelled')])).toBeUndefined()
  })
})

describe('what each environment got, for the summary', () => {
  it('a first deployment got its commit, a redeploy nothing new, a range its compared commits', () => {
    const previous = { sha: sha(1), createdAt: day(1) }
    const { commits, shipped, notice } = shippedReport(
      sha(4),
      [
        { environment: 'eu', head: sha(4) },
        { environment: 'staging', head: sha(4), previous: { ...previous, sha: sha(4) } },
        { environment: 'production', head: sha(4), previous }
      ],
      [
        { commits: [], total: 0 },
        { commits: [], total: 0 },
        { commits: [sha(2), sha(3), sha(4)], total: 3 }
      ]
    )
    expect(commits).toEqual([sha(4), sha(3), sha(2)])
    expect(shipped.map((s) => [s.environment, s.count])).toEqual([
      ['eu', 1],
      ['staging', 0],
      ['production', 3]
    ])
    expect(notice).toBeUndefined()
  })

  it('past the cap, a notice says how many were shipped and how many are left out', () => {
    const all = Array.from({ length: 1200 }, (_, i) => sha(i + 1))
    const { notice } = shippedReport(
      sha(1200),
      [{ environment: 'production', head: sha(1200), previous: { sha: sha(0), createdAt: 0 } }],
      [{ commits: all.slice(200), total: 1200 }]
    )
    expect(notice).toBe(
      'This deployment shipped 1200 commits; the newest 1000 are reported (SEI links lead time by commit, so the oldest 200 get none).'
    )
  })
})
