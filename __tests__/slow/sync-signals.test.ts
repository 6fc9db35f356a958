// Ctrl-C or SIGTERM (a cancelled job) in the middle of a sync: the checkpoint is saved
// before the process exits, and the next sync goes on from it without re-posting what
// was delivered and recorded.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { startFakeGitHubOrg, startFakeSeiRefusing } from '../../scripts/lib/fake-org.mjs'
import { completedAttempts, orgWorld } from '../../scripts/lib/sync-world.mjs'
import { API_KEY, GUID } from '../fixtures/runs.js'
import { stateFile, sync, TOKEN } from '../support/sync-cli.js'

describe('sync stopped by a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'saves the checkpoint on %s; the next sync reports only the rest',
    async (signal) => {
      const world = { ...orgWorld({ repos: [{ name: 'web', runs: 40 }] }), latencyMs: 15 }
      const github = await startFakeGitHubOrg(world)
      const sei = await startFakeSeiRefusing()
      const state = stateFile()
      try {
        const child = spawn(
          process.execPath,
          [
            'dist/cli/index.js',
            'sync',
            '--repo',
            'octo-org/web',
            '--instance-guid',
            GUID,
            '--sei-endpoint',
            sei.url,
            '--cd',
            'false',
            '--concurrency',
            '2',
            '--state',
            state
          ],
          {
            env: {
              PATH: process.env.PATH,
              GITHUB_TOKEN: TOKEN,
              SEI_API_KEY: API_KEY,
              GITHUB_API_URL: github.url
            }
          }
        )
        let stderr = ''
        child.stderr.on('data', (chunk) => (stderr += chunk))
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
        while (sei.reports.length < 5) await new Promise((resolve) => setTimeout(resolve, 10))
        child.kill(signal)
        expect(await exited).toBe(1)
        expect(stderr).toContain(
          `Stopped by ${signal}: the checkpoint is saved in ${state}; the next sync goes on from it.`
        )
        const saved = JSON.parse(readFileSync(state, 'utf8')) as {
          repos: Record<string, { done: Record<string, string> }>
        }
        const recorded = Object.keys(saved.repos['octo-org/web']!.done).map((key) =>
          key.replace('/', '-')
        )
        expect(recorded.length).toBeGreaterThanOrEqual(5)
        const first = sei.reports.length
        expect(first).toBeLessThan(completedAttempts(world).length)

        const next = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
        expect(next.code).toBe(0)
        const again = sei.reports.slice(first).map((p) => p.execution_id)
        expect(again.filter((id) => recorded.includes(id))).toEqual([])
        expect(new Set(sei.reports.map((p) => p.execution_id)).size).toBe(
          completedAttempts(world).length
        )
      } finally {
        await Promise.all([github.close(), sei.close()])
      }
    }
  )
})
