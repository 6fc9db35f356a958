// A sync that must not trust what it is handed, nor storm what is failing: a tampered
// checkpoint is refused in one line before any request, and an SEI outage stops the
// posting after a few reports in a row, keeping the rest for the next sync.
import { writeFileSync } from 'node:fs'
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import { GUID, API_KEY } from '../fixtures/runs.js'
import { stateFile, sync, TOKEN } from '../support/sync-cli.js'
import { executionIds, expectedIds, withServers } from '../support/sync-org.js'

const checkpoint = (repos: object, orgs: object = {}) => ({
  version: 1,
  scope: 'workflow',
  instanceGuid: GUID,
  repos,
  orgs
})
const since = (time: string) => ({ since: time, done: {} })
const page = (owner: string, name: string) => [
  { etag: 'W/"1"', repos: [{ owner, name, archived: false }] }
]

describe('a tampered checkpoint', () => {
  const fix = 'delete it to start again from --since, or give --state another file.'
  it.each([
    [
      'a time still to come',
      checkpoint({ 'octo-org/web': since('2999-01-01T00:00:00Z') }),
      'says octo-org/web was read up to 2999-01-01T00:00:00Z, a time still to come'
    ],
    [
      'a time that is not one',
      checkpoint({ 'octo-org/web': since('yesterday') }),
      'is not a sync checkpoint (at repos.octo-org/web.since: not an ISO time in UTC)'
    ],
    [
      'another organisation’s repository',
      checkpoint({ 'victim-org/secret-repo': since('2026-01-01T00:00:00Z') }),
      'names victim-org/secret-repo, which is not a repository of octo-org'
    ],
    [
      'a cached listing naming another organisation’s repository',
      checkpoint({}, { 'octo-org': page('victim-org', 'secret-repo') }),
      'names victim-org/secret-repo, which is not a repository of octo-org'
    ],
    [
      'a path for a name',
      checkpoint({}, { 'octo-org': page('octo-org', '../../orgs/victim-org') }),
      'names "octo-org/../../orgs/victim-org", which is not OWNER/NAME as GitHub allows it'
    ],
    [
      'another organisation’s listing',
      checkpoint({}, { 'victim-org': page('victim-org', 'secret-repo') }),
      'names victim-org/secret-repo, which is not a repository of octo-org'
    ],
    ['not JSON', 'while(1);', 'is not JSON']
  ])('%s: one line naming --state, exit 2, no request', async (_, content, problem) => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 3 }] })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      writeFileSync(state, typeof content === 'string' ? content : JSON.stringify(content))
      const result = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `--state ${state} ${problem}: ${fix}\n`
      })
      expect(github.requests).toEqual([])
      expect(sei.requests).toEqual([])
    })
  })

  it('with --repo, names a repository outside the list', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 3 }] })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      writeFileSync(
        state,
        JSON.stringify(checkpoint({ 'octo-org/api': since('2026-01-01T00:00:00Z') }))
      )
      const result = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `--state ${state} names octo-org/api, which is not in the --repo list: ${fix}\n`
      )
      expect(github.requests).toEqual([])
    })
  })
})

describe('an SEI outage', () => {
  it('stops posting after 5 reports in a row, within a minute, and the next sync delivers the rest once', async () => {
    const world = orgWorld({
      repos: [
        { name: 'api', runs: 100 },
        { name: 'web', runs: 100 }
      ]
    })
    let down = true
    await withServers(
      world,
      async ({ github, sei }) => {
        const state = stateFile()
        const started = Date.now()
        const failing = await sync(github, sei, ['--org', 'octo-org', '--state', state])
        expect(Date.now() - started).toBeLessThan(60_000)
        expect(failing.code).toBe(1)
        const due = completedAttempts(world).length
        expect(due).toBeGreaterThan(200)
        const breaker = failing.stdout
          .split('\n')
          .filter((line) => line.startsWith('SEI is failing'))
        expect(breaker).toEqual([
          expect.stringMatching(
            new RegExp(
              `^SEI is failing: 5 reports in a row were not delivered \\(the last: SEI answered HTTP 503 .*\\)\\. Stopped posting: ${due} run attempt\\(s\\) wait for the next sync(; \\d+ repositories were not read)?; the checkpoint in .* keeps them, and the next sync tries them again\\.$`
            )
          )
        ])
        // A handful of reports tried, not 200: each tried 8 times at most.
        expect(sei.refused.length).toBeLessThanOrEqual(8 * 8)
        // Each retry line names the run it is about.
        const retries = failing.stderr.split('\n').filter((line) => line.includes('retrying in'))
        expect(retries.length).toBeGreaterThan(0)
        for (const line of retries) {
          expect(line).toMatch(
            /^SEI, octo-org\/(api|web) run \d+ attempt \d+: HTTP 503 on attempt \d/
          )
        }
        expect(failing.stdout + failing.stderr).not.toContain(API_KEY)
        expect(failing.stdout + failing.stderr).not.toContain(TOKEN)

        down = false
        const next = await sync(github, sei, ['--org', 'octo-org', '--state', state])
        expect(next.code).toBe(0)
        expect(executionIds(sei.reports)).toEqual(expectedIds(world))
      },
      () => down
    )
  })
})
