import { createHash } from 'node:crypto'
import { commitIds } from '../../src/mapping/commits.js'
import {
  HEAD_SHA,
  PARENT_SHA,
  pullRequestEvent,
  runInfo,
  samplePushEvent,
  workflowDispatchEvent
} from '../fixtures/github.js'

const ZERO = '0000000000000000000000000000000000000000'

function sha(n: number): string {
  return createHash('sha1').update(`commit ${n}`).digest('hex')
}

describe('scm_commit_ids holds full SHAs SEI can match', () => {
  it('a push lists its head, then the pushed commits newest first, each once', () => {
    expect(commitIds(runInfo())).toEqual([HEAD_SHA, PARENT_SHA])
  })

  it('an annotated tag push sends the tagged commit, not the tag object in `after`', () => {
    const TAG_OBJECT = 'e1a5d7c3b9f24a6b8c0d2e4f6a8b0c2d4e6f8a0b'
    const event = { ref: 'refs/tags/v1.2.0', before: ZERO, after: TAG_OBJECT, commits: [] }
    expect(commitIds(runInfo({ event, sha: HEAD_SHA }))).toEqual([HEAD_SHA])
  })

  it('leaves out abbreviated and malformed SHAs', () => {
    const event = {
      ...samplePushEvent(),
      commits: [{ id: '2f1b8e4' }, { id: 'not-a-sha' }, { id: 42 }, { id: PARENT_SHA }]
    }
    expect(commitIds(runInfo({ event }))).toEqual([HEAD_SHA, PARENT_SHA])
  })

  it('drops the zero SHA of a deleted branch', () => {
    const event = { ...samplePushEvent(), after: ZERO, deleted: true, commits: [] }
    expect(commitIds(runInfo({ event }))).toEqual([HEAD_SHA])
  })

  it('lower-cases SHAs so that duplicates are found', () => {
    const event = { ...samplePushEvent(), after: HEAD_SHA.toUpperCase() }
    expect(commitIds(runInfo({ event }))).toEqual([HEAD_SHA, PARENT_SHA])
  })

  it('caps the list at 1,000', () => {
    const compared = Array.from({ length: 1500 }, (_, i) => sha(i))
    const ids = commitIds(runInfo(), compared)
    expect(ids).toHaveLength(1000)
    expect(ids.slice(0, 3)).toEqual([HEAD_SHA, sha(1499), sha(1498)])
    expect(new Set(ids).size).toBe(1000)
  })

  it('a pull request names its head commit, not the merge commit the run checked out', () => {
    const head = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4'
    const merge = 'b1946ac92492d2347c6235b4d2611184e2ad5c7f'
    const run = runInfo({ eventName: 'pull_request', sha: merge, event: pullRequestEvent(head) })
    expect(commitIds(run)).toEqual([head])
  })

  it('a pull request without a head SHA in its event falls back to the run SHA', () => {
    const run = runInfo({ eventName: 'pull_request', event: { number: 42 } })
    expect(commitIds(run)).toEqual([HEAD_SHA])
  })

  it('other events name the run SHA', () => {
    const run = runInfo({ eventName: 'workflow_dispatch', event: workflowDispatchEvent({}) })
    expect(commitIds(run)).toEqual([HEAD_SHA])
  })
})
