// What the change-failure rule reads from an environment's earlier deployments, and
// only when it needs it: whether a rollback's head is older than the environment's
// first successful deployment, and which deployment first shipped a reverted commit.
// The GitHub here is in memory but answers as the API does: deployments newest first,
// statuses newest first, compare statuses from a linear history.
import type { ComparedCommits, CompareQuery } from '../../src/github/client.js'
import { GitHubError } from '../../src/github/request.js'
import type { GitHubDeployment, GitHubDeploymentStatus, GitHubRun } from '../../src/github/types.js'
import { readDeployments } from '../../src/collect/shipped.js'
import { sha } from '../fixtures/runs.js'

const WEB = 'https://github.com/o/r'
/** main, oldest first. */
const history = Array.from({ length: 12 }, (_, i) => sha(500 + i))
const h = (i: number) => history[i]!
const messages: Record<string, string> = {}

interface Made {
  sha: string
  state: 'success' | 'failure'
  run: number
}

/** A world where production got `made`, oldest first, then the reported job deploys `head`. */
function world(made: readonly Made[], head: string, runs: Record<number, Partial<GitHubRun>> = {}) {
  const calls: string[] = []
  const deployments: GitHubDeployment[] = []
  const statuses = new Map<number, GitHubDeploymentStatus[]>()
  const add = (sha: string, state: string, run: number, job: number, minute: number) => {
    const id = 100 + deployments.length
    deployments.unshift({
      id,
      sha,
      ref: 'main',
      environment: 'production',
      created_at: new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString()
    })
    statuses.set(id, [{ state, log_url: `${WEB}/actions/runs/${run}/job/${job}` }])
  }
  made.forEach((m, i) => add(m.sha, m.state, m.run, 7000 + i, i))
  add(head, 'in_progress', 99, 999, made.length + 1)
  const client = {
    listDeploymentStatuses: async (id: number) => {
      calls.push(`statuses ${id}`)
      return statuses.get(id) ?? []
    },
    listEnvironmentDeployments: async (environment: string) => {
      calls.push(`deployments ${environment}`)
      return deployments.filter((d) => d.environment === environment)
    },
    compareNewest: async ({ base, head: to }: CompareQuery): Promise<ComparedCommits> => {
      calls.push(`compare ${history.indexOf(base)}...${history.indexOf(to)}`)
      const [from, until] = [history.indexOf(base), history.indexOf(to)]
      const commits = from < until ? history.slice(from + 1, until + 1) : []
      const status = from < until ? 'ahead' : from === until ? 'identical' : 'behind'
      return {
        commits,
        total: commits.length,
        messages: commits.map((c) => messages[c] ?? ''),
        status
      }
    },
    getRun: async (id: number): Promise<GitHubRun> => {
      calls.push(`run ${id}`)
      const run = runs[id]
      if (!run) throw new GitHubError(`run ${id} not found`, 404)
      return run as GitHubRun
    }
  }
  const listed = deployments.filter((d) => d.sha === head)
  const target = { sha: head, runId: 99, jobIds: [999], since: 0 }
  return { client, calls, read: () => readDeployments(client, listed, target, 250) }
}

const ok = (i: number, run = 40 + i): Made => ({ sha: h(i), state: 'success', run })

describe('a rollback: the head only when the environment never ran it', () => {
  it('older than the first successful deployment: never shipped, one compare more', async () => {
    const w = world([{ sha: h(2), state: 'failure', run: 1 }, ok(3), ok(6)], h(1))
    const read = await w.read()
    expect(read.facts).toEqual([{ neverShipped: true }])
    // The range, then the first success's SHA against the head.
    expect(w.calls.filter((c) => c.startsWith('compare'))).toEqual([
      'compare 6...1',
      'compare 3...1'
    ])
  })

  it('between the first successful deployment and the previous one: shipped before', async () => {
    const w = world([ok(3), ok(6)], h(4))
    expect((await w.read()).facts).toEqual([{}])
  })

  it('the first successful deployment itself: shipped before, nothing compared past the range', async () => {
    const w = world([ok(3), ok(6)], h(3))
    expect((await w.read()).facts).toEqual([{}])
    expect(w.calls.filter((c) => c.startsWith('compare'))).toEqual(['compare 6...3'])
  })

  it('a listing of 100 may not reach the first deployment: shipped, and no more is read', async () => {
    const many = Array.from({ length: 99 }, () => ok(6))
    const w = world([ok(3), ...many], h(1))
    expect((await w.read()).facts).toEqual([{}])
    expect(w.calls.filter((c) => c.startsWith('compare'))).toEqual(['compare 6...1'])
  })
})

describe('a revert: the deployment that first shipped the reverted commit', () => {
  beforeAll(() => {
    messages[h(9)] = `Revert "Add the export"\n\nThis reverts commit ${h(4)}.\n`
  })
  const runs = { 42: { name: 'Release', run_number: 41 } }

  it('the previous deployment, named by its run, when the one before it lacks the commit', async () => {
    const w = world([ok(2), ok(5, 42), { sha: h(7), state: 'failure', run: 3 }], h(9), runs)
    const read = await w.read()
    expect(read.facts).toEqual([
      {
        shippers: {
          [h(4)]: { sha: h(5), run: 'Release #41', url: `${WEB}/actions/runs/42/job/7001` }
        }
      }
    ])
    expect(w.calls.filter((c) => /^(compare|run)/.test(c))).toEqual([
      'compare 5...9',
      'compare 4...2',
      'run 42'
    ])
  })

  it('further back while the earlier deployments contain it; the SHA when the run is gone', async () => {
    const w = world([ok(1), ok(4, 77), ok(5), ok(6)], h(9))
    const read = await w.read()
    expect(read.facts).toEqual([
      { shippers: { [h(4)]: { sha: h(4), url: `${WEB}/actions/runs/77/job/7001` } } }
    ])
    expect(w.calls.filter((c) => /^(compare|run)/.test(c))).toEqual([
      'compare 6...9',
      'compare 4...5',
      'compare 4...4',
      'compare 4...1',
      'run 77'
    ])
  })

  it('two commits shipped by one deployment: its run is read once', async () => {
    messages[h(8)] = `Revert "Add the import"\n\nThis reverts commit ${h(3)}.\n`
    try {
      const w = world([ok(1), ok(5, 42), ok(6)], h(9), runs)
      const shippedBy5 = { sha: h(5), run: 'Release #41', url: `${WEB}/actions/runs/42/job/7001` }
      expect((await w.read()).facts).toEqual([
        { shippers: { [h(3)]: shippedBy5, [h(4)]: shippedBy5 } }
      ])
      expect(w.calls.filter((c) => /^(compare|run)/.test(c))).toEqual([
        'compare 6...9',
        'compare 4...5',
        'compare 4...1',
        'run 42',
        'compare 3...5',
        'compare 3...1'
      ])
    } finally {
      delete messages[h(8)]
    }
  })

  it('not placed within five deployments back: left unnamed', async () => {
    const w = world([ok(1), ok(4), ok(5), ok(5), ok(5), ok(5), ok(5), ok(6)], h(9))
    expect((await w.read()).facts).toEqual([{}])
    expect(w.calls.filter((c) => c.startsWith('compare'))).toHaveLength(6)
  })

  it('a plain deployment reads nothing past its range', async () => {
    const w = world([ok(2), ok(5)], h(8))
    expect((await w.read()).facts).toEqual([{}])
    expect(w.calls.filter((c) => /^(compare|run)/.test(c))).toEqual(['compare 5...8'])
  })
})
