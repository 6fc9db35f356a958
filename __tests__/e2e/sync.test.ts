// `sync` end to end: the bundled CLI against organisations standing in for GitHub (two
// workflows, re-run attempts) and SEI, as a scheduled workflow of a central repository
// runs it. The 230-run organisation and the rate-limit wait are in __tests__/slow/sync-history.
import { readFileSync } from 'node:fs'
import { wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, GUID } from '../fixtures/runs.js'
import { bin, stateFile, sync, TOKEN } from '../support/sync-cli.js'
import { ORG_REPOS, executionIds, expectedIds, servers } from '../support/sync-org.js'

describe('sei-cicd-action sync', () => {
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

  it('words a run it cannot read for the sync token, not for an action input, and exits 1', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 30 }] })
    const repo = world.repos[0]!
    const unreadable = repo.runs.find((r) => r.status === 'completed')!
    delete repo.jobs[`${unreadable.id}/1`]
    const { github, sei } = await servers(world)
    try {
      const { code, stdout, stderr } = await sync(github, sei, ['--repo', 'octo-org/web'])
      expect(code).toBe(1)
      const said = stdout + stderr
      expect(said).toContain(
        `octo-org/web run ${unreadable.id} attempt 1: GitHub answered 404 on GET /repos/octo-org/web/actions/runs/${unreadable.id}/attempts/1/jobs`
      )
      expect(said).toContain(
        `the token in GITHUB_TOKEN cannot read jobs of run ${unreadable.id} attempt 1; it needs "Actions: read", "Contents: read" and "Deployments: read" on the repositories`
      )
      expect(said).not.toMatch(/github-token|permissions:/)
      expect(executionIds(sei.reports)).not.toContain(`${unreadable.id}-1`)
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
