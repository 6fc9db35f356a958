// Change failures that are not red jobs, in a replayed history: a rollback to an older
// tag, a revert of a shipped commit, a revert of a commit production never ran (which
// staging did), a hotfix branch whose first attempt fails and whose re-run succeeds, a
// cancelled deployment. SEI's change failure rate, computed with the profile of
// docs/dora.md under SEI's filter semantics (OR within a filter set), must equal the
// history's truth per environment, live and as a sync backfill in either scope.
import type { SeiPayload } from '../../src/sei/schema.js'
import { pushEvent, sha } from '../fixtures/runs.js'
import { label, Replay, WEB, type Outcome, type Posts, type RunSpec } from '../support/replay.js'
import { select, stored } from '../support/sei-dora.js'

// ---- the repository -------------------------------------------------------------

/** Older than anything production ran: a rollback to it ships it there first. */
const ancient = sha(6998)
const base = sha(6999)
const c = (n: number) => sha(7000 + n)
/** main, oldest first: features, and reverts of two of them. */
const main = [base, c(1), c(2), c(3), c(4), c(5), c(6)]
/** A hotfix branch off c(6); main merges it afterwards (c(7)). */
const hotfix = sha(7100)
const messages: Record<string, string> = {
  [c(1)]: 'Add search',
  [c(2)]: 'Add the retry budget',
  [c(3)]: 'Add the export',
  [c(4)]: `Revert "Add the export"\n\nThis reverts commit ${c(3)}.\n`,
  [c(5)]: 'Add the dark theme',
  [c(6)]: `Revert "Add the dark theme"\n\nThis reverts commit ${c(5)}.\n`,
  [hotfix]: 'Fix the login loop',
  [c(7)]: "Merge branch 'hotfix/login-loop'"
}
const linear = [ancient, ...main, hotfix, c(7)]

function compareTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {}
  linear.forEach((from, i) =>
    linear.forEach((to, j) => {
      table[`${from}...${to}`] = i <= j ? linear.slice(i + 1, j + 1) : []
    })
  )
  return table
}

// ---- the history, and its truth -------------------------------------------------

type Kind = 'failed' | 'rollback' | 'revert' | 'hotfix'
const replaying = new Replay(compareTable(), { staging: base, production: base }, messages)
/** What each deployment is, by its label and environment. */
const kinds = new Map<string, Kind>()

const dispatch = { inputs: {} }
let releases = 0

function release(head: string, minute: number, ref?: { name: string; type: 'branch' | 'tag' }) {
  releases++
  return {
    workflow: 'Release',
    workflowId: 6102,
    runId: 920_000 + releases,
    runNumber: releases,
    attempt: 1,
    event: 'workflow_dispatch',
    sha: head,
    minute,
    ...(ref ? { ref: ref.name, refType: ref.type } : {})
  } satisfies RunSpec
}

async function toProduction(spec: RunSpec, outcome: Outcome, kind?: Kind) {
  await replaying.deployRun(spec, 'release', 'production', outcome, dispatch)
  if (kind) kinds.set(`production ${spec.workflow} ${spec.runNumber}.${spec.attempt}`, kind)
}

async function pushToMain(n: number, kind?: Kind) {
  const spec: RunSpec = {
    workflow: 'Deploy',
    workflowId: 6101,
    runId: 910_000 + n,
    runNumber: n,
    attempt: 1,
    event: 'push',
    sha: c(n),
    minute: n * 100
  }
  const before = linear[linear.indexOf(c(n)) - 1]!
  await replaying.deployRun(spec, 'deploy', 'staging', 'success', pushEvent([c(n)], before, c(n)))
  if (kind) kinds.set(`staging Deploy ${n}.1`, kind)
}

async function replay() {
  await pushToMain(1)
  await toProduction(release(c(1), 130), 'success')
  await pushToMain(2)
  await toProduction(release(c(2), 230), 'success')
  // The retry budget misbehaves: production goes back to v1 from its tag.
  await toProduction(release(c(1), 260, { name: 'v1', type: 'tag' }), 'success', 'rollback')
  await pushToMain(3)
  await toProduction(release(c(3), 330), 'success')
  // The export broke production: reverted on main, staging then production get the revert.
  await pushToMain(4, 'revert')
  await toProduction(release(c(4), 430), 'success', 'revert')
  // The dark theme is reverted before production ever ran it: a remediation in staging only.
  await pushToMain(5)
  await pushToMain(6, 'revert')
  await toProduction(release(c(6), 630), 'success')
  // A hotfix branch: its first attempt fails, its re-run succeeds.
  const fix = release(hotfix, 700, { name: 'hotfix/login-loop', type: 'branch' })
  await toProduction(fix, 'failure', 'failed')
  await toProduction({ ...fix, attempt: 2, minute: 720 }, 'success', 'hotfix')
  // main merges the fix; a release of it is cancelled, the next one goes out.
  const merged = release(c(7), 830)
  replaying.world.compare![`${hotfix}...${c(7)}`] = [c(7)]
  await toProduction(merged, 'cancelled')
  await toProduction(release(c(7), 860), 'success')
  // Back to a tag older than production's first deployment: it lists its head, only.
  await toProduction(release(ancient, 900, { name: 'v0', type: 'tag' }), 'success', 'rollback')
}

/** The history's change failures and deployments, per environment. */
function truthFor(environment: string) {
  const deployments = replaying.truth.filter((d) => d.environment === environment)
  const failures = deployments.filter((d) => kinds.has(`${environment} ${d.label}`))
  return { failures: failures.map((d) => d.label), all: deployments.length }
}

/** SEI's change failure rate for E with the profile of docs/dora.md. */
function seiFor(runs: readonly SeiPayload[], environment: string) {
  const markers = ['failed', 'rollback', 'revert', 'hotfix'].map((k) => `${environment}:${k}`)
  const failed = select(runs, { cd: true, params: { change_failure: markers } })
  const total = select(runs, { cd: true, params: { environment: [environment] } })
  return { failures: failed.map(label).sort(), all: total.length }
}

let posts: Record<Posts, SeiPayload[]>

describe('change failures that are not red jobs, in a replayed history', () => {
  beforeAll(async () => {
    posts = await replaying.replayAndBackfill(replay)
  }, 240_000)

  afterAll(() => replaying.close())

  it('the history is the one described', () => {
    expect(truthFor('production')).toEqual({
      failures: ['Release 3.1', 'Release 5.1', 'Release 7.1', 'Release 7.2', 'Release 10.1'],
      all: 11
    })
    expect(truthFor('staging')).toEqual({ failures: ['Deploy 4.1', 'Deploy 6.1'], all: 6 })
    expect(replaying.problems).toEqual([])
  })

  describe.each([
    ['live', () => posts.live],
    ['a sync --scope workflow backfill', () => posts.workflow],
    ['a sync --scope job backfill', () => posts.job],
    ['live, then both backfills', () => [...posts.live, ...posts.workflow, ...posts.job]]
  ])('%s', (_, reports) => {
    it.each(['production', 'staging'])('the change failure rate of %s', (environment) => {
      const truth = truthFor(environment)
      expect(seiFor(stored(reports()), environment)).toEqual({
        failures: [...truth.failures].sort(),
        all: truth.all
      })
    })
  })

  it.each(['live', 'workflow', 'job'] as const)(
    'each marker names its kind; a rollback lists no commits, unless production never ran its head (%s)',
    (who) => {
      const runs = stored(posts[who])
        .filter((p) => p.pipeline === 'Release' && p.cd)
        .sort((a, b) => a.build_number - b.build_number)
      const marker = (p: SeiPayload) =>
        p.job_run_params.find((param) => param.name === 'change_failure')?.value ?? ''
      expect(
        runs.map((p) => [p.build_number, p.result, marker(p), p.scm_commit_ids.length])
      ).toEqual([
        [1001, 'SUCCESS', '', 1],
        [2001, 'SUCCESS', '', 1],
        [3001, 'SUCCESS', 'production:rollback', 0],
        [4001, 'SUCCESS', '', 2],
        [5001, 'SUCCESS', 'production:revert', 1],
        [6001, 'SUCCESS', '', 2],
        [7001, 'FAILURE', 'production:failed', 0],
        [7002, 'SUCCESS', 'production:hotfix', 1],
        [8001, 'ABORTED', '', 0],
        [9001, 'SUCCESS', '', 1],
        [10001, 'SUCCESS', 'production:rollback', 1]
      ])
      expect(runs.at(-1)!.scm_commit_ids).toEqual([ancient])
    }
  )

  it('the summary names the run that shipped what a revert reverts, and what a rollback went back to', () => {
    const lines = replaying.summaries.flatMap((summary) =>
      summary.split('\n').filter((line) => /^(Reverts|Rollback) /.test(line))
    )
    const job = (runId: number) => `${WEB}/actions/runs/${runId}/job/`
    // sha() keeps the numbers in the SHA's tail: every short SHA reads the same.
    const any = '`[0-9a-f]{7}`'
    const marker = (value: string) =>
      `: a change failure \\(\`change_failure\` = \`${value}\`\\)\\.$`
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const revert = (env: string, run: string, runId: number, title: string) =>
      new RegExp(
        `^Reverts ${any} shipped to \\*\\*${env}\\*\\* by \\[${escape(run)}\\]\\(${escape(job(runId))}\\d+\\), with ${any} \`${escape(title)}\`${marker(`${env}:revert`)}`
      )
    const expected = [
      new RegExp(
        `^Rollback of \\*\\*production\\*\\* to ${any}, which production ran before \\[[0-9a-f]{7}\\]\\(${escape(job(920002))}\\d+\\)${marker('production:rollback')}`
      ),
      revert('staging', 'Deploy \\#3', 910003, 'Revert "Add the export"'),
      revert('production', 'Release \\#4', 920004, 'Revert "Add the export"'),
      revert('staging', 'Deploy \\#5', 910005, 'Revert "Add the dark theme"'),
      new RegExp(
        `^Rollback of \\*\\*production\\*\\* from \\[[0-9a-f]{7}\\]\\(${escape(job(920009))}\\d+\\) to ${any}, a commit older than production's first deployment${marker('production:rollback')}`
      )
    ]
    expect(lines).toHaveLength(expected.length)
    lines.forEach((line, i) => expect(line).toMatch(expected[i]!))
  })
})
