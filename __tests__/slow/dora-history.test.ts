// A repository's history replayed through dist/ against the stand-ins: live (each job's
// own step, and a last job for one whole run), as a `sync` backfill in either scope,
// and live plus each backfill into one SEI. DORA is then computed from what SEI stored,
// as SEI's own queries compute it (__tests__/support/sei-dora.ts), with the profile
// docs/dora.md gives; every figure must equal the history's own truth.
import type { SeiPayload } from '../../src/sei/schema.js'
import { pushEvent, sha } from '../fixtures/runs.js'
import {
  Replay,
  REPOSITORY,
  label,
  WEB,
  type Outcome,
  type Posts,
  type RunSpec
} from '../support/replay.js'
import { doraFor, stageEndRun, stored } from '../support/sei-dora.js'

// ---- the repository: a dozen pushes to main, some of several commits --------------

/** main before the first push: already deployed everywhere, by runs SEI never heard of. */
const history: string[] = [sha(4999)]
const pushes: string[][] = []
for (let push = 1; push <= 12; push++) {
  const size = push % 3 === 2 ? 3 : 1
  const added = Array.from({ length: size }, (_, i) => sha(5000 + history.length + i))
  history.push(...added)
  pushes.push(added)
}
const headOf = (push: number) => history.indexOf(pushes[push - 1]!.at(-1)!)

/**
 * compare base...head for every pair of commits of main: the commits after base, oldest
 * first; none when head is older (a rollback: GitHub answers "behind", no commits).
 */
function compareTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {}
  history.forEach((base, i) =>
    history.forEach((head, j) => {
      table[`${base}...${head}`] = i <= j ? history.slice(i + 1, j + 1) : []
    })
  )
  return table
}

// ---- GitHub as the history unfolds, and the steps that report it ---------------

const WORKFLOWS = { Deploy: 5101, Release: 5102, Promote: 5103 } as const
const replaying = new Replay(compareTable(), { staging: history[0]!, production: history[0]! })
const spec = (
  workflow: keyof typeof WORKFLOWS,
  fields: Omit<RunSpec, 'workflow' | 'workflowId' | 'sha'> & { head: number }
): RunSpec => {
  const { head, ...rest } = fields
  return { workflow, workflowId: WORKFLOWS[workflow], sha: history[head]!, ...rest }
}

/** A run whose two jobs deploy to staging (success) then production (failure), reported by a last job. */
async function promoteRun(promote: RunSpec) {
  replaying.recordRun(promote, null)
  const staging = replaying.startJob(promote, 'to staging', 'staging')
  replaying.finishJob(staging, promote, 'success')
  const production = replaying.startJob(promote, 'to production', 'production', 1)
  replaying.finishJob(production, promote, 'failure')
  await replaying.lastJob(promote, 'report', 2, { inputs: {} })
  replaying.recordRun(promote, 'failure')
}

/** Attempt 1 fails in its build job and never deploys; attempt 2 builds and deploys. */
async function buildThenRelease(release: RunSpec, event: unknown) {
  replaying.recordRun(release, null)
  await replaying.jobWithStep(release, 'build', 'failure', event)
  replaying.finishJob(replaying.startJob(release, 'release', undefined, 1), release, 'skipped')
  replaying.recordRun(release, 'failure')
  const second = { ...release, attempt: 2, minute: release.minute + 20 }
  replaying.recordRun(second, null)
  await replaying.jobWithStep(second, 'build', 'success', event)
  await replaying.jobWithStep(
    { ...second, minute: second.minute + 1 },
    'release',
    'success',
    event,
    'production'
  )
  replaying.recordRun(second, 'success')
}

async function replay() {
  let releaseNumber = 0
  const dispatch = { inputs: { environment: 'production' } }
  const release = (head: number, minute: number, ref?: string): RunSpec =>
    spec('Release', {
      runId: 820_000 + ++releaseNumber,
      runNumber: releaseNumber,
      attempt: 1,
      event: 'workflow_dispatch',
      head,
      minute,
      ...(ref ? { ref, refType: 'tag' as const } : {})
    })
  const deploy = (release: RunSpec, outcome: Outcome) =>
    replaying.deployRun(release, 'release', 'production', outcome, dispatch)
  for (let push = 1; push <= 12; push++) {
    const minute = push * 120
    const head = headOf(push)
    const before = push === 1 ? history[0]! : history[headOf(push - 1)]!
    await replaying.deployRun(
      spec('Deploy', {
        runId: 810_000 + push,
        runNumber: push,
        attempt: 1,
        event: 'push',
        head,
        minute
      }),
      'deploy',
      'staging',
      push === 7 ? 'failure' : 'success',
      pushEvent(pushes[push - 1]!, before, history[head]!)
    )
    if (push === 3 || push === 9) {
      await deploy(release(head, minute + 30), push === 9 ? 'cancelled' : 'success')
    }
    if (push === 6) {
      const first = release(head, minute + 30)
      await deploy(first, 'failure')
      await deploy({ ...first, attempt: 2, minute: minute + 60 }, 'success')
    }
    if (push === 10) await buildThenRelease(release(head, minute + 30), dispatch)
    // Production goes back to what push 6 shipped, from its tag.
    if (push === 11) await deploy(release(headOf(6), minute + 30, 'v6'), 'success')
  }
  await promoteRun(
    spec('Promote', {
      runId: 830_001,
      runNumber: 1,
      attempt: 1,
      event: 'workflow_dispatch',
      head: headOf(12),
      minute: 12 * 120 + 30
    })
  )
  await deploy(release(headOf(12), 12 * 120 + 60), 'success')
}

// ---- the truth, and what SEI made of it ---------------------------------------------

/** The history's own figures for an environment. */
function truthFor(environment: string) {
  const deployments = replaying.truth.filter((d) => d.environment === environment)
  const successful = deployments
    .filter((d) => d.outcome === 'success')
    .sort((a, b) => a.time - b.time)
  return {
    frequency: successful.length,
    failures: deployments.filter((d) => d.outcome === 'failure').length,
    all: deployments.length,
    firstShipped: history
      .slice(1)
      .map((_, i) => successful.find((d) => history.indexOf(d.sha) >= i + 1)?.label)
  }
}

/** The same from SEI's store, with the profile for the environment. */
function seiFor(runs: readonly SeiPayload[], environment: string) {
  const profile = { cd: true, params: { environment: [environment] } }
  return {
    ...doraFor(runs, environment),
    firstShipped: history.slice(1).map((commit) => {
      const ended = stageEndRun(runs, profile, REPOSITORY, commit)
      return ended && label(ended)
    })
  }
}

let posts: Record<Posts, SeiPayload[]>

describe('DORA figures from a replayed history equal the truth, live and backfilled', () => {
  beforeAll(async () => {
    posts = await replaying.replayAndBackfill(replay)
  }, 240_000)

  afterAll(() => replaying.close())

  it('the history is the one described: failures, a re-run, a cancellation, a rollback, a two-environment run', () => {
    expect(truthFor('staging')).toMatchObject({ frequency: 12, failures: 1, all: 13 })
    expect(truthFor('production')).toMatchObject({ frequency: 5, failures: 2, all: 8 })
    expect(replaying.problems).toEqual([])
  })

  const cases: [string, () => SeiPayload[]][] = [
    ['live', () => posts.live],
    ['a sync --scope workflow backfill', () => posts.workflow],
    ['a sync --scope job backfill', () => posts.job],
    ['live, then a workflow backfill', () => [...posts.live, ...posts.workflow]],
    ['live, then a job backfill', () => [...posts.live, ...posts.job]],
    ['a workflow backfill, then live', () => [...posts.workflow, ...posts.live]],
    ['a job backfill, then live', () => [...posts.job, ...posts.live]]
  ]

  describe.each(cases)('%s', (_, reports) => {
    it.each(['staging', 'production'])(
      'DF, CFR and the deployment that ends each commit lead time: %s',
      (environment) => {
        expect(seiFor(stored(reports()), environment)).toEqual(truthFor(environment))
      }
    )
  })

  it('live, each deployment is one SEI run; the whole run beside its jobs is CI', () => {
    const runs = stored(posts.live)
    const promote = runs.filter((p) => p.pipeline === 'Promote')
    expect(promote.map((p) => [p.job_full_name, p.cd, p.result, p.scm_commit_ids.length])).toEqual([
      [`${REPOSITORY}/Promote`, false, 'FAILURE', 1],
      [`${REPOSITORY}/Promote/to staging`, true, 'SUCCESS', 0],
      [`${REPOSITORY}/Promote/to production`, true, 'FAILURE', 0]
    ])
    // The rollback shipped nothing new; the failed and cancelled releases list nothing.
    const releases = runs.filter((p) => p.job_full_name === `${REPOSITORY}/Release/release`)
    expect(releases.map((p) => [p.build_number, p.result, p.scm_commit_ids.length])).toEqual([
      [1001, 'SUCCESS', 5],
      [2001, 'FAILURE', 0],
      [2002, 'SUCCESS', 5],
      [3001, 'ABORTED', 0],
      [4002, 'SUCCESS', 6],
      [5001, 'SUCCESS', 0],
      // Back from the rollback: every commit since it, some listed before (SEI keeps the earliest).
      [6001, 'SUCCESS', 10]
    ])
    expect(new Set(runs.map((p) => p.repo_url))).toEqual(new Set([`${WEB}.git`]))
  })

  it('a backfill of attempt 1 that failed before deploying credits it with no deployment', () => {
    const attemptOne = posts.workflow.filter(
      (p) => p.pipeline === 'Release' && p.build_number === 4001
    )
    expect(attemptOne.map((p) => [p.job_full_name, p.cd, p.result])).toEqual([
      [`${REPOSITORY}/Release`, false, 'FAILURE']
    ])
  })
})
