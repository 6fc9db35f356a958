// The fault-injection cases that must wait on real time: Retry-After, GitHub's rate-limit
// reset, and an SEI that never answers, whose attempt runs into timeout-seconds.
import { type Canned } from '../support/harness.js'
import {
  runWith,
  expectDelivered,
  escapeRegExp,
  expectKept,
  gaps,
  onJob
} from '../support/fault-case.js'

describe('SEI retries what may pass and nothing else', () => {
  it('429 with Retry-After: 1 waits at least a second, then delivers', async () => {
    const run = await runWith({ sei: [{ status: 429, headers: { 'retry-after': '1' } }] })
    expectDelivered(run)
    expect(run.sei.requests).toHaveLength(2)
    expect(gaps(run.sei.requests)[0]).toBeGreaterThanOrEqual(1000)
    expect(run.log).toContain('SEI: HTTP 429 on attempt 1; retrying in 1.0 s.')
  })

  it('an SEI that never answers: the attempt times out inside the budget, well before the hard deadline, and the payload is kept', async () => {
    const run = await runWith({ sei: [{ status: 'hang' }], inputs: { 'timeout-seconds': '3' } })
    expect(run.post.ms).toBeGreaterThanOrEqual(2800)
    // A hang guard only: the step stops itself by timeout-seconds plus its 5 s grace.
    expect(run.post.ms).toBeLessThan((3 + 5 + 2) * 1000)
    expect(run.sei.requests).toHaveLength(1)
    expectKept(
      run,
      new RegExp(
        `SEI at ${escapeRegExp(run.sei.url)}/v1/custom-cicd did not answer within timeout-seconds \\(no answer within [23] s, 1 attempt\\(s\\)\\): raise timeout-seconds, or check that the runner can reach it\\.`
      )
    )
  })

  it('503 on every attempt: retried until timeout-seconds runs out, then the payload is kept', async () => {
    const unavailable = { status: 503, body: { message: 'upstream unavailable' } }
    const run = await runWith({
      sei: Array.from({ length: 8 }, () => unavailable),
      inputs: { 'timeout-seconds': '3' }
    })
    const attempts = run.sei.requests.length
    expect(attempts).toBeGreaterThanOrEqual(2)
    expect(attempts).toBeLessThan(8)
    expect(run.post.ms).toBeLessThan((3 + 5 + 2) * 1000)
    expectKept(
      run,
      `SEI answered HTTP 503 on each of ${attempts} attempt(s) within timeout-seconds: upstream unavailable.`
    )
  })
})

describe('GitHub API problems are retried or explained', () => {
  it.each([
    [
      'a primary rate limit (403, x-ratelimit-remaining: 0)',
      (): Canned => ({
        status: 403,
        headers: {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1)
        },
        body: { message: 'API rate limit exceeded for installation ID 4242.' }
      })
    ],
    [
      'a secondary rate limit (429, retry-after: 1)',
      (): Canned => ({
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' }
      })
    ]
  ])('%s, then success: retried in the same budget, then delivered', async (_name, answer) => {
    const run = await runWith({ github: onJob(answer()) })
    expect(run.github.requests).toHaveLength(2)
    expect(run.log).toMatch(/^GitHub API: .+ on attempt 1; retrying in \d\.\d s\.$/m)
    expectDelivered(run)
  })
})
