// `sync` end to end: the bundled CLI against a whole organisation standing in for
// GitHub (three repositories, one archived, 230 completed runs, two workflows, re-run
// attempts) and SEI, as a scheduled workflow of a central repository runs it.
import { readFileSync } from 'node:fs'
import {
  startFakeGitHubOrg,
  startFakeSeiRefusing,
  type FakeGitHubOrg,
  type FakeSeiRefusing,
  type OrgWorld
} from '../../scripts/lib/fake-org.mjs'
import { startFakeSei, wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import type { GitHubRun } from '../../src/github/types.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, GUID } from '../fixtures/runs.js'
import { bin, stateFile, sync, TOKEN, type BinResult } from '../support/sync-cli.js'

const ORG_REPOS = [
  { name: 'api', runs: 150 },
  { name: 'web', runs: 80 },
  { name: 'legacy', runs: 20, archived: true }
]

const executionIds = (payloads: SeiPayload[]) => payloads.map((p) => p.execution_id).sort()
const expectedIds = (world: OrgWorld) =>
  completedAttempts(world)
    .map(({ run, attempt }) => `${run.id}-${attempt}`)
    .sort()

async function servers(world: OrgWorld, refuse?: (payload: SeiPayload) => boolean) {
  return {
    github: await startFakeGitHubOrg(world),
    sei: await startFakeSeiRefusing(refuse)
  }
}

/** The workflow_run reporter's report of `run`: dist/main then dist/post, as the runner runs them. */
async function reporterPayload(github: FakeGitHubOrg, repo: string, run: GitHubRun) {
  const sei = await startFakeSei({ key: API_KEY })
  try {
    const done = await runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': API_KEY,
        'sei-endpoint': sei.url,
        scope: 'workflow',
        cd: 'false'
      },
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: `octo-org/${repo}`,
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_RUN_ID: '9100999999',
        GITHUB_RUN_NUMBER: '4',
        GITHUB_WORKFLOW: 'SEI reporter',
        GITHUB_JOB: 'report'
      },
      event: { action: 'completed', workflow_run: run, workflow: { name: run.name } }
    })
    if (sei.reports.length !== 1)
      throw new Error(`reporter sent ${sei.reports.length}:\n${done.log}`)
    return sei.reports[0] as SeiPayload
  } finally {
    await sei.close()
  }
}

describe('sei-cicd-action sync', () => {
  describe('an organisation of three repositories, one archived', () => {
    const world = orgWorld({ repos: ORG_REPOS })
    let github: FakeGitHubOrg
    let sei: FakeSeiRefusing
    let result: BinResult
    beforeAll(async () => {
      ;({ github, sei } = await servers(world))
      result = await sync(github, sei, ['--org', 'octo-org'])
    })
    afterAll(() => Promise.all([github.close(), sei.close()]))

    it('reports each completed attempt once, re-runs included, nothing from the archived one', () => {
      const { code, stdout, stderr } = result
      expect(stderr).not.toContain('failed:')
      expect(code).toBe(0)
      const ids = executionIds(sei.reports)
      expect(completedAttempts(world)).toHaveLength(271)
      expect(ids).toEqual(expectedIds(world))
      expect(sei.problems).toEqual([])
      expect(sei.reports.filter((p) => p.job_full_name.startsWith('octo-org/legacy/'))).toEqual([])
      expect(new Set(sei.reports.map((p) => p.pipeline))).toEqual(new Set(['CI', 'Deploy']))
      // Several pages of runs, 100 at a time; the archived repository never listed.
      const listed = github.requests.map((r) => r.path).filter((p) => /\/actions\/runs\?/.test(p))
      expect(listed.filter((p) => p.startsWith('/repos/octo-org/api/'))).toHaveLength(2)
      expect(listed.some((p) => p.includes('/legacy/'))).toBe(false)
      expect(stdout).toMatch(/^octo-org\/api\s+177\s+0\s+0$/m)
      expect(stdout).toMatch(/^octo-org\/web\s+94\s+0\s+0$/m)
      expect(stdout).toContain('271 run attempt(s) reported from 2 repositories')
      expect(stderr + stdout).not.toContain(TOKEN)
      expect(stderr + stdout).not.toContain(API_KEY)
    })

    it('reports each attempt as the workflow_run reporter does, to the field', async () => {
      const api = world.repos[0]!
      const rerun = api.runs.find((run) => run.run_attempt === 3 && run.event === 'push')!
      const pullRequest = api.runs.find((run) => run.event === 'pull_request')!
      const deploy = api.runs.find((run) => run.name === 'Deploy')!
      const matrix = api.runs.find((run) => api.jobs[`${run.id}/1`]!.length > 100)!
      const cases = [api.attempts[`${rerun.id}/2`]!, rerun, pullRequest, deploy, api.runs[5]!]
      for (const run of cases) {
        const bySync = sei.reports.find((p) => p.execution_id === `${run.id}-${run.run_attempt}`)
        expect(bySync).toEqual(await reporterPayload(github, 'api', run))
      }
      const attemptTwo = sei.reports.find((p) => p.execution_id === `${rerun.id}-2`)!
      expect(attemptTwo.build_number).toBe(rerun.run_number * 1000 + 2)
      expect(attemptTwo.result).toBe('FAILURE')
      expect(attemptTwo.scm_commit_ids).toHaveLength(3)
      // The run with 120 jobs: every job a stage, read over two pages.
      expect(
        sei.reports.find((p) => p.execution_id === `${matrix.id}-1`)!.job_run.stages
      ).toHaveLength(120)
    })
  })

  it('--workflow reports only the runs of that workflow', async () => {
    const world = orgWorld({ repos: ORG_REPOS.slice(1) })
    const { github, sei } = await servers(world)
    try {
      const { code } = await sync(github, sei, ['--repo', 'octo-org/web', '--workflow', 'Deploy'])
      expect(code).toBe(0)
      const deploys = completedAttempts(world).filter(({ run }) => run.name === 'Deploy')
      expect(deploys.length).toBeGreaterThan(20)
      expect(executionIds(sei.reports)).toEqual(
        deploys.map(({ run, attempt }) => `${run.id}-${attempt}`).sort()
      )
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('leaves a run in progress to the next sync, which reports it and re-posts nothing else', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 30 }] })
    const repo = world.repos[0]!
    const running = repo.runs[12]!
    const finished = { ...running }
    Object.assign(running, { status: 'in_progress', conclusion: null })
    const { github, sei } = await servers(world)
    const state = stateFile()
    try {
      const first = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/^octo-org\/web\s+\d+\s+1\s+0$/m)
      expect(executionIds(sei.reports)).not.toContain(`${running.id}-1`)
      const before = sei.reports.length
      expect(before).toBe(completedAttempts(world).length)
      Object.assign(running, finished)
      const second = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(second.code).toBe(0)
      expect(executionIds(sei.reports.slice(before))).toEqual([`${running.id}-1`])
      const third = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(third.code).toBe(0)
      const fourth = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(fourth.code).toBe(0)
      expect(sei.reports).toHaveLength(before + 1)
      // Nothing changed since the third: the listings are asked with their ETags, answered 304.
      expect(github.answers.slice(-2).map((a) => a.status)).toEqual([304, 304])
      expect(fourth.stdout).toContain('2 GitHub request(s), 2 answered 304 (free)')
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('exits 1 when SEI refuses a report, and the next sync delivers it without re-posting the others', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 30 }] })
    const unlucky = world.repos[0]!.runs[20]!
    let refusing = true
    const { github, sei } = await servers(
      world,
      (payload) => refusing && payload.execution_id === `${unlucky.id}-1`
    )
    const state = stateFile()
    try {
      const first = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(first.code).toBe(1)
      expect(first.stderr).toContain(
        `octo-org/web run ${unlucky.id} attempt 1: SEI answered HTTP 503 on each of 8 attempt(s)`
      )
      expect(first.stdout).toMatch(/^octo-org\/web\s+\d+\s+0\s+1$/m)
      expect(first.stdout).toContain(`the checkpoint in ${state} keeps them`)
      const delivered = sei.reports.length
      expect(delivered).toBe(completedAttempts(world).length - 1)
      refusing = false
      const second = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(second.code).toBe(0)
      expect(executionIds(sei.reports.slice(delivered))).toEqual([`${unlucky.id}-1`])
      expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({
        version: 1,
        scope: 'workflow'
      })
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('waits out a used-up rate limit, sending nothing before the reset, and slows down when asked', async () => {
    const world: OrgWorld = {
      ...orgWorld({ repos: [{ name: 'web', runs: 12 }] }),
      rateLimit: { limit: 20, windowMs: 2500 },
      faults: [
        {
          match: /\/actions\/runs\?/,
          responses: [
            {
              status: 403,
              headers: { 'retry-after': '1' },
              body: { message: 'You have exceeded a secondary rate limit.' }
            }
          ]
        }
      ]
    }
    const { github, sei } = await servers(world)
    try {
      const { code, stderr } = await sync(github, sei, ['--org', 'octo-org', '--concurrency', '1'])
      expect(code).toBe(0)
      expect(sei.reports).toHaveLength(completedAttempts(world).length)
      expect(stderr).toContain(
        'GitHub asked to slow down (HTTP 403, secondary rate limit): waiting 1 s'
      )
      expect(stderr).toMatch(
        /GitHub's rate limit for this token is used up \(0 of 20 left\): waiting \d+ s for the reset at \d\d:\d\d:\d\d UTC; no request is sent before then\./
      )
      const exhausted = github.answers.filter((a) => a.remaining === 0 && a.status === 200)
      expect(exhausted.length).toBeGreaterThan(0)
      for (const spent of exhausted) {
        const early = github.requests.filter((r) => r.at > spent.at && r.at < spent.resetAt)
        expect(early).toEqual([])
      }
      // Waited for the limit, never ran into it.
      expect(github.answers.filter((a) => a.status === 403)).toHaveLength(1)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('--scope job sends one report per job that ran, as that job’s own step would', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 9 }] })
    const { github, sei } = await servers(world)
    try {
      const { code } = await sync(github, sei, ['--repo', 'octo-org/web', '--scope', 'job'])
      expect(code).toBe(0)
      const jobs = completedAttempts(world).flatMap(
        ({ run, attempt }) => world.repos[0]!.jobs[`${run.id}/${attempt}`]!
      )
      expect(sei.reports).toHaveLength(jobs.length)
      const job = jobs[4]!
      const preview = await bin(
        [
          'preview',
          '--repo',
          'octo-org/web',
          '--run-id',
          String(job.run_id),
          '--job',
          String(job.id),
          '--instance-guid',
          GUID,
          '--cd',
          'false',
          '--server-url',
          'https://github.com'
        ],
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url }
      )
      expect(preview.code).toBe(0)
      const byJob = sei.reports.find((p) => p.job_run.stages[0]?.id === String(job.id))
      expect(byJob).toEqual(JSON.parse(preview.stdout))
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('--dry-run prints each report as a JSON line and sends nothing, without an SEI key', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 9 }] })
    const { github, sei } = await servers(world)
    try {
      const { code, stdout, stderr } = await sync(
        github,
        sei,
        ['--repo', 'octo-org/web', '--dry-run'],
        { SEI_API_KEY: '' }
      )
      expect(code).toBe(0)
      expect(sei.requests).toEqual([])
      const payloads = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as SeiPayload)
      expect(executionIds(payloads)).toEqual(expectedIds(world))
      expect(payloads.flatMap((p) => wireProblems(p))).toEqual([])
      expect(stderr).toMatch(/^total \(1 repositories\)\s+\d+\s+0\s+0$/m)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('exits 2 naming the option when the command line is wrong', async () => {
    const cases: [string[], string][] = [
      [['--shard', '3/2', '--org', 'o'], '--shard is "3/2": use I/N with I from 1 to N, as 2/4.'],
      [['--since', 'yesterday', '--org', 'o'], '--since is "yesterday": use a date'],
      [['--org', 'o', '--repo', 'o/r'], 'Give either --org ORG or one or more --repo OWNER/NAME.'],
      [['--org', 'o', '--scope', 'step'], '--scope is "step": use one of job, workflow.']
    ]
    for (const [args, message] of cases) {
      const { code, stderr } = await bin(['sync', '--instance-guid', GUID, ...args], {
        GITHUB_TOKEN: TOKEN,
        SEI_API_KEY: API_KEY
      })
      expect({ args, code, first: stderr.split('\n')[0] }).toEqual({
        args,
        code: 2,
        first: expect.stringContaining(message)
      })
    }
  })
})
