// `sync` over a whole organisation (three repositories, one archived, 230 completed runs,
// re-run attempts), checked run by run against the workflow_run reporter, and a sync that
// must wait out GitHub's rate-limit reset: the long replays of the sync suite.
import {
  type FakeGitHubOrg,
  type FakeSeiRefusing,
  type OrgWorld
} from '../../scripts/lib/fake-org.mjs'
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import { API_KEY } from '../fixtures/runs.js'
import { sync, TOKEN, type BinResult } from '../support/sync-cli.js'
import {
  ORG_REPOS,
  executionIds,
  expectedIds,
  reporterPayload,
  servers
} from '../support/sync-org.js'

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
})
