// What a sync promises from one invocation to the next, through the bundled CLI against
// the loopback organisation: the checkpoint wins over --since, a dry run leaves it
// alone, re-runs of reported runs are caught, a deleted run is skipped, and a lost
// checkpoint is said out loud.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { completedAttempts, orgWorld, rerun } from '../../scripts/lib/sync-world.mjs'
import { stateFile, sync, TOKEN } from '../support/sync-cli.js'
import { executionIds, expectedIds, withServers } from '../support/sync-org.js'
import { API_KEY } from '../fixtures/runs.js'

/** No runner command and no secret in what a sync printed. */
function inert(text: string) {
  expect(text).not.toMatch(/^::[a-z-]+/m)
  expect(text).not.toContain('##[')
  expect(text).not.toContain(TOKEN)
  expect(text).not.toContain(API_KEY)
}

describe('sync from one invocation to the next', () => {
  it('lets the checkpoint win over --since: the same command twice posts only what is new', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 30 }] })
    const repo = world.repos[0]!
    const running = repo.runs[3]!
    const finished = { ...running }
    Object.assign(running, { status: 'in_progress', conclusion: null })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      const args = ['--org', 'octo-org', '--since', '30d', '--state', state]
      const first = await sync(github, sei, args)
      expect(first.code).toBe(0)
      const before = sei.reports.length
      expect(before).toBe(completedAttempts(world).length)
      const second = await sync(github, sei, args)
      expect(second.code).toBe(0)
      expect(sei.reports).toHaveLength(before)
      Object.assign(running, finished)
      const third = await sync(github, sei, args)
      const fourth = await sync(github, sei, args)
      expect([third.code, fourth.code]).toEqual([0, 0])
      expect(executionIds(sei.reports.slice(before))).toEqual([`${running.id}-1`])
      inert(first.stdout + first.stderr + fourth.stdout + fourth.stderr)
    })
  })

  it('--reread-from reads the window again on purpose', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 12 }] })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      const once = sei.reports.length
      const again = await sync(github, sei, [
        '--repo',
        'octo-org/web',
        '--state',
        state,
        '--reread-from',
        '2d'
      ])
      expect(again.code).toBe(0)
      expect(executionIds(sei.reports.slice(once))).toEqual(expectedIds(world))
    })
  })

  it('a dry run leaves the checkpoint alone and says "would report"; the real run then posts everything once', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 20 }] })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      const dry = await sync(github, sei, ['--org', 'octo-org', '--state', state, '--dry-run'], {
        SEI_API_KEY: ''
      })
      expect(dry.code).toBe(0)
      expect(existsSync(state)).toBe(false)
      expect(sei.requests).toEqual([])
      expect(dry.stderr).toMatch(/^repository\s+would report\s+in progress\s+failed$/m)
      expect(dry.stderr).toContain(
        `Dry run: would report ${completedAttempts(world).length} run attempt(s) from 1 repositories; nothing was sent and the checkpoint was not written;`
      )
      expect(dry.stderr).not.toMatch(/\d+ run attempt\(s\) reported/)
      const real = await sync(github, sei, ['--org', 'octo-org', '--state', state])
      expect(real.code).toBe(0)
      expect(executionIds(sei.reports)).toEqual(expectedIds(world))
      expect(existsSync(state)).toBe(true)
    })
  })

  it('reports once a re-run of a run created 10 hours earlier, and nothing else again', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 160 }] })
    const repo = world.repos[0]!
    const failed = repo.runs.find(
      (run) => Date.now() - Date.parse(run.created_at) > 10 * 3_600_000 && run.run_attempt === 1
    )!
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      expect((await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])).code).toBe(0)
      const before = sei.reports.length
      const attempt = rerun(world, repo, failed)
      const next = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(next.code).toBe(0)
      expect(executionIds(sei.reports.slice(before))).toEqual([`${failed.id}-2`])
      const report = sei.reports.at(-1)!
      expect(report.result).toBe('SUCCESS')
      expect(report.build_number).toBe(attempt.run_number * 1000 + 2)
      await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(sei.reports).toHaveLength(before + 1)
    })
  })

  it('asks a listing of several pages page by page with its ETags: free when idle, and a re-run on page 2 found', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 150 }] })
    const repo = world.repos[0]!
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      const args = ['--repo', 'octo-org/web', '--state', state]
      expect((await sync(github, sei, args)).code).toBe(0)
      const before = sei.reports.length
      let from = github.answers.length
      const idle = await sync(github, sei, args)
      expect(idle.code).toBe(0)
      expect(github.answers.slice(from).map((a) => a.status)).toEqual([304, 304])
      expect(sei.reports).toHaveLength(before)
      // The 130th newest run (runs are kept oldest first) is on the second page.
      const old = repo.runs[20]!
      rerun(world, repo, old)
      from = github.answers.length
      const next = await sync(github, sei, args)
      expect(next.code).toBe(0)
      const listings = github.answers.slice(from).filter((a) => a.path.includes('/actions/runs?'))
      expect(listings.map((a) => a.status)).toEqual([304, 200])
      expect(executionIds(sei.reports.slice(before))).toEqual([
        `${old.id}-${(old.run_attempt ?? 1) + 1}`
      ])
    })
  })

  it('skips a run deleted after the listing with one line, goes past it, and exits 0', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 12 }] })
    // A run of three attempts: one line for the run.
    const gone = world.repos[0]!.runs.find((run) => run.run_attempt === 3)!
    world.gone = new Set([gone.id])
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      const first = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(first.code).toBe(0)
      const line = `octo-org/web run ${gone.id} was deleted after it was listed (GitHub answers 404 for it now); skipped.`
      expect(first.stderr.split('\n').filter((l) => l.includes(String(gone.id)))).toEqual([line])
      expect(first.stdout + first.stderr).not.toMatch(/permission|cannot read/)
      expect(executionIds(sei.reports)).toEqual(
        expectedIds(world).filter((id) => !id.startsWith(`${gone.id}-`))
      )
      const second = await sync(github, sei, ['--repo', 'octo-org/web', '--state', state])
      expect(second.code).toBe(0)
      expect(second.stderr).not.toContain(String(gone.id))
      inert(first.stdout + first.stderr)
    })
  })

  it('says in one warning that a checkpoint that should be there is lost, and reads back from --lost-state-since', async () => {
    // 20 runs three hours apart: two and a half days, where a first sync reads one.
    const world = orgWorld({ repos: [{ name: 'web', runs: 20 }], spacingMs: 3 * 3_600_000 })
    await withServers(world, async ({ github, sei }) => {
      const state = stateFile()
      const lost = await sync(github, sei, [
        '--repo',
        'octo-org/web',
        '--state',
        state,
        '--lost-state-since',
        '3d'
      ])
      expect(lost.code).toBe(0)
      const warnings = lost.stderr.split('\n').filter((line) => line.startsWith('Warning:'))
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Warning: no checkpoint in --state ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, though this sync has run before \\(the Actions cache drops one unused for 7 days\\): every repository is read from \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, and SEI keeps the first report of what it already has\\.$`
          )
        )
      ])
      // The runs before yesterday, which a start one day back would skip, are reported.
      expect(executionIds(sei.reports)).toEqual(expectedIds(world))
      const again = await sync(github, sei, [
        '--repo',
        'octo-org/web',
        '--state',
        state,
        '--lost-state-since',
        '3d'
      ])
      expect(again.stderr).not.toContain('Warning:')
    })
  })

  it('creates the directory of --state, and refuses one it cannot write before any request', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 3 }] })
    await withServers(world, async ({ github, sei }) => {
      const blocker = stateFile()
      writeFileSync(blocker, 'a file, not a directory')
      const unwritable = join(blocker, 'state.json')
      const nested = join(dirname(stateFile()), 'new', 'dir', 'state.json')
      const refused = await sync(github, sei, ['--repo', 'octo-org/web', '--state', unwritable])
      expect(refused).toEqual({
        code: 2,
        stdout: '',
        stderr: `--state ${unwritable} cannot be written (a part of the path is not a directory): give a file in a directory you can write.\n`
      })
      expect(github.requests).toEqual([])
      expect(sei.requests).toEqual([])
      const created = await sync(github, sei, ['--repo', 'octo-org/web', '--state', nested])
      expect(created.code).toBe(0)
      expect(JSON.parse(readFileSync(nested, 'utf8'))).toMatchObject({ version: 1 })
    })
  })
})
