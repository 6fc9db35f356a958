import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outcomeTable } from '../../src/sync/progress.js'
import { keepFrom, loadState, saveState, emptyState } from '../../src/sync/state.js'
import {
  inShard,
  parseDuration,
  parseRepos,
  parseShard,
  parseTime,
  rerunStart
} from '../../src/sync/window.js'

const NOW = Date.parse('2026-12-01T12:00:00Z')

describe('sync command-line values', () => {
  it('reads --since as a date, an ISO time, or days and hours back', () => {
    expect(parseTime('2026-01-01', NOW)).toBe('2026-01-01T00:00:00.000Z')
    expect(parseTime('2026-11-30T08:15:00+01:00', NOW)).toBe('2026-11-30T07:15:00.000Z')
    expect(parseTime('7d', NOW)).toBe('2026-11-24T12:00:00.000Z')
    expect(parseTime('12h', NOW)).toBe('2026-12-01T00:00:00.000Z')
    for (const wrong of ['yesterday', '7', '2026-13-45', '3w', '']) {
      expect(parseTime(wrong, NOW)).toBeUndefined()
    }
  })

  it('reads --shard I/N with I from 1 to N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    for (const wrong of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(parseShard(wrong)).toBeUndefined()
  })

  it('gives every repository to exactly one shard, the same one whatever the case', () => {
    const names = Array.from({ length: 200 }, (_, i) => `octo-org/repo-${i}`)
    const shards = [1, 2, 3, 4].map((index) => names.filter((n) => inShard(n, { index, count: 4 })))
    expect(shards.flat().sort()).toEqual([...names].sort())
    for (const share of shards) expect(share.length).toBeGreaterThan(30)
    expect(inShard('Octo-Org/Repo-7', { index: 1, count: 4 })).toBe(
      inShard('octo-org/repo-7', { index: 1, count: 4 })
    )
  })

  it('reads several repositories from one --repo value, and names the one that is wrong', () => {
    expect(parseRepos(['a/b, c/d', 'e/f.g'])).toEqual([
      { owner: 'a', name: 'b' },
      { owner: 'c', name: 'd' },
      { owner: 'e', name: 'f.g' }
    ])
    expect(parseRepos(['a/b', 'nope'])).toBe('nope')
    for (const wrong of ['-a/b', 'a/..', 'a--/b', 'a/b/c', 'a/b c']) {
      expect(parseRepos([wrong])).not.toEqual(expect.any(Array))
    }
  })

  it('reads --rerun-window as days or hours', () => {
    expect(parseDuration('3d')).toBe(3 * 86_400_000)
    expect(parseDuration('12h')).toBe(12 * 3_600_000)
    expect(parseDuration('3')).toBeUndefined()
  })

  it('starts the re-read window at the start of a UTC day, the same all day long', () => {
    const window = 3 * 86_400_000
    expect(rerunStart(NOW, window)).toBe('2026-11-28T00:00:00.000Z')
    expect(rerunStart(Date.parse('2026-12-01T00:00:00Z'), window)).toBe('2026-11-28T00:00:00.000Z')
    expect(rerunStart(Date.parse('2026-12-01T23:59:59Z'), window)).toBe('2026-11-28T00:00:00.000Z')
    expect(rerunStart(Date.parse('2026-12-02T00:00:00Z'), window)).toBe('2026-11-29T00:00:00.000Z')
  })
})

describe('the sync checkpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sei-sync-unit-'))

  it('keeps the attempts the next listing may show again, and drops the older ones', () => {
    const done = { '1/1': '2026-11-30T10:00:00Z', '2/1': '2026-12-01T10:00:00Z' }
    expect(keepFrom(done, '2026-12-01T10:00:00Z')).toEqual({ '2/1': '2026-12-01T10:00:00Z' })
    expect(keepFrom(done, '2026-11-01T00:00:00Z')).toEqual(done)
  })

  it('starts empty without a file, and refuses another scope’s or a broken one', () => {
    const file = join(dir, 'state.json')
    const expect_ = (scope: 'job' | 'workflow') => ({
      scope,
      instanceGuid: 'g',
      now: NOW,
      source: { org: 'o' }
    })
    expect(loadState(file, expect_('workflow'))).toBeUndefined()
    saveState(file, emptyState('job', 'g'))
    expect(loadState(file, expect_('job'))).toEqual(emptyState('job', 'g'))
    expect(() => loadState(file, expect_('workflow'))).toThrow(
      `--state ${file} is the checkpoint of a --scope job sync to instance g: give each scope and instance its own --state file.`
    )
    writeFileSync(file, '{"version": 2}')
    expect(() => loadState(file, expect_('job'))).toThrow(
      `--state ${file} is not a sync checkpoint (at version: `
    )
  })
})

describe('the final table', () => {
  it('lists the repositories with something to say, then the totals', () => {
    const row = (repo: string, reported: number, inProgress = 0, failed = 0) => ({
      repo,
      reported,
      inProgress,
      failed,
      waiting: 0,
      deleted: 0,
      problems: [],
      unchanged: false
    })
    expect(outcomeTable([row('o/api', 177, 1), row('o/quiet', 0), row('o/web', 9, 0, 2)])).toBe(
      [
        'repository                                  reported  in progress  failed',
        '------------------------------------------  --------  -----------  ------',
        'o/api                                            177            1       0',
        'o/web                                              9            0       2',
        '------------------------------------------  --------  -----------  ------',
        'total (3 repositories, 1 with nothing new)       186            1       2'
      ].join('\n')
    )
  })
})
