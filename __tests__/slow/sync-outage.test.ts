// An SEI outage as SEI's own 503s come, with no Retry-After: each report waits out the
// full backoff before it counts as failed. The breaker must still end the sync of 200
// runs within a minute, and keep every one of them for the next sync.
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import { startFakeGitHubOrg, startFakeSeiRefusing } from '../../scripts/lib/fake-org.mjs'
import { stateFile, sync } from '../support/sync-cli.js'
import { executionIds, expectedIds } from '../support/sync-org.js'

describe('an SEI outage with the backoff of real 503s', () => {
  it('ends within a minute with the breaker’s line; the next sync delivers everything once', async () => {
    const world = orgWorld({ repos: [{ name: 'api', runs: 200 }] })
    let down = true
    const github = await startFakeGitHubOrg(world)
    const sei = await startFakeSeiRefusing(() => down, { retryAfter: null })
    const state = stateFile()
    try {
      const started = Date.now()
      const failing = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      const seconds = (Date.now() - started) / 1000
      expect(seconds).toBeLessThan(60)
      expect(failing.code).toBe(1)
      expect(failing.stdout).toContain(
        `Stopped posting: ${completedAttempts(world).length} run attempt(s) wait for the next sync`
      )
      down = false
      const next = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(next.code).toBe(0)
      expect(executionIds(sei.reports)).toEqual(expectedIds(world))
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  }, 120_000)
})
