import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outcomeTable } from '../../src/sync/progress.js'
import { advance, loadState, saveState, emptyState } from '../../src/sync/state.js'
import { inShard, parseRepos, parseShard, parseTime } from '../../src/sync/window.js'

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
  })
})

describe('the sync checkpoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sei-sync-unit-'))

  it('drops the attempts created before the new starting point', () => {
    const moved = advance(
      {
        since: '2026-11-30T00:00:00Z',
        etag: 'W/"1"',
        done: { '1/1': '2026-11-30T10:00:00Z', '2/1': '2026-12-01T10:00:00Z' }
      },
      '2026-12-01T10:00:00Z'
    )
    expect(moved).toEqual({
      since: '2026-12-01T10:00:00Z',
      done: { '2/1': '2026-12-01T10:00:00Z' }
    })
  })

  it('starts empty without a file, and refuses another scope’s or a broken one', () => {
    const file = join(dir, 'state.json')
    expect(loadState(file, 'workflow', 'g')).toEqual(emptyState('workflow', 'g'))
    saveState(file, emptyState('job', 'g'))
    expect(() => loadState(file, 'workflow', 'g')).toThrow(
      `${file} is the checkpoint of a --scope job sync to instance g: give each scope and instance its own --state file.`
    )
    writeFileSync(file, '{"version": 2}')
    expect(() => loadState(file, 'job', 'g')).toThrow(`${file} is not a sync checkpoint`)
  })
})

describe('the final table', () => {
  it('lists the repositories with something to say, then the totals', () => {
    const row = (repo: string, reported: number, inProgress = 0, failed = 0) => ({
      repo,
      reported,
      inProgress,
      failed,
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
