import { commitIds, truncatedPush } from '../../src/mapping/commits.js'
import type { RunInfo } from '../../src/mapping/run-info.js'
import { runInfo } from '../fixtures/github.js'
import { BEFORE_SHA, HEAD_SHA, pushEvent, sha } from '../fixtures/runs.js'

function runOf(eventName: string, event: Record<string, unknown>): RunInfo {
  return runInfo({ eventName, event })
}

/** n commits oldest first, the last being the pushed head. */
function pushed(n: number): string[] {
  return [...Array.from({ length: n - 1 }, (_, i) => sha(i + 1)), HEAD_SHA]
}

describe('when the compare API is asked for the rest of a push', () => {
  it('asks when the payload lists 20 commits, the most it carries', () => {
    const run = runOf('push', pushEvent(pushed(30).slice(0, 20)))
    expect(truncatedPush(run)).toEqual({ base: BEFORE_SHA, head: HEAD_SHA })
  })

  it('does not ask when the payload lists fewer, or for a new branch, or for other events', () => {
    expect(truncatedPush(runOf('push', pushEvent(pushed(19))))).toBeUndefined()
    const created = pushEvent(pushed(20), '0000000000000000000000000000000000000000')
    expect(truncatedPush(runOf('push', created))).toBeUndefined()
    expect(truncatedPush(runOf('workflow_dispatch', pushEvent(pushed(20))))).toBeUndefined()
  })
})

describe('scm_commit_ids of long pushes, tags and dispatches', () => {
  it('a push of 30 commits, compared in full, lists all 30: the head first, then newest to oldest', () => {
    const all = pushed(30)
    const ids = commitIds(runOf('push', pushEvent(all.slice(0, 20))), all)
    expect(ids).toHaveLength(30)
    expect(ids[0]).toBe(HEAD_SHA)
    expect(ids.slice(1)).toEqual(all.slice(0, 29).reverse())
  })

  it('keeps at most 100, the newest, with no duplicates', () => {
    const all = [...Array.from({ length: 149 }, (_, i) => sha(i + 1)), HEAD_SHA]
    const ids = commitIds(runOf('push', pushEvent(all.slice(0, 20))), all.slice(-100))
    expect(ids).toHaveLength(100)
    expect(new Set(ids).size).toBe(100)
    expect(ids[0]).toBe(HEAD_SHA)
    expect(ids[99]).toBe(sha(51))
  })

  it('tags and dispatches report the run commit alone', () => {
    const tag = { ref: 'refs/tags/v1.4.0', before: BEFORE_SHA, after: HEAD_SHA, commits: [] }
    expect(commitIds(runOf('push', tag))).toEqual([HEAD_SHA])
    expect(commitIds(runOf('workflow_dispatch', { inputs: {} }))).toEqual([HEAD_SHA])
  })
})
