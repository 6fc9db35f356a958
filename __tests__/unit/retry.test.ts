// What is retried, how long each wait is, and when the budget stops it.
import {
  Budget,
  DEFAULT_POLICY,
  isGitHubRetried,
  requestedWait,
  sendWithRetry,
  type Clock
} from '../../src/http/retry.js'
import { TransportError, type HttpResponse, type Transport } from '../../src/http/transport.js'

type Answer = Partial<HttpResponse> | TransportError

function fakeClock(random = 0.5): Clock & { waits: number[] } {
  let now = Date.parse('2026-12-01T10:00:00Z')
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms)
      now += ms
    },
    random: () => random
  }
}

function scripted(answers: Answer[]): Transport & { timeouts: number[] } {
  const timeouts: number[] = []
  return {
    timeouts,
    async send(request) {
      timeouts.push(request.timeoutMs)
      const next = answers.shift() ?? { status: 202 }
      if (next instanceof TransportError) throw next
      return { status: 200, headers: {}, body: '', ...next }
    },
    async close() {}
  }
}

const POST = { method: 'POST' as const, url: 'https://sei.example/v1/custom-cicd', headers: {} }

async function attempt(answers: Answer[], options: { budgetMs?: number; random?: number } = {}) {
  const clock = fakeClock(options.random)
  const transport = scripted(answers)
  const retried: string[] = []
  const result = await sendWithRetry({
    transport,
    request: POST,
    budget: new Budget(options.budgetMs ?? 60_000, clock),
    policy: DEFAULT_POLICY,
    hooks: { onRetry: (reason, n, ms) => retried.push(`${reason} #${n} ${ms}`) }
  })
  return { result, waits: clock.waits, retried, timeouts: transport.timeouts }
}

describe('sendWithRetry for SEI', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('retries %i', async (status) => {
    const { result } = await attempt([{ status }])
    expect(result.response?.status).toBe(202)
    expect(result.attempts).toBe(2)
  })

  it.each([400, 401, 403, 404, 409, 413, 422])('never retries %i', async (status) => {
    const { result, waits } = await attempt([{ status, headers: { 'retry-after': '1' } }])
    expect(result.response?.status).toBe(status)
    expect(result.attempts).toBe(1)
    expect(waits).toEqual([])
  })

  it('backs off exponentially with full jitter: a random share of 0.5, 1, 2, 4 … 10 s', async () => {
    const failures = Array.from({ length: 7 }, () => ({ status: 503 }))
    const { waits, result } = await attempt(failures, { random: 0.5 })
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
    expect(result.attempts).toBe(8)
    const none = await attempt([{ status: 503 }], { random: 0 })
    expect(none.waits).toEqual([0])
  })

  it('gives up after 8 attempts', async () => {
    const { result } = await attempt(Array.from({ length: 9 }, () => ({ status: 500 })))
    expect(result.attempts).toBe(8)
    expect(result.response?.status).toBe(500)
    expect(result.outOfTime).toBe(false)
  })

  it('retries network errors and logs each retry', async () => {
    const { result, retried } = await attempt(
      [new TransportError('ECONNRESET: socket hang up', 'ECONNRESET')],
      { random: 0.2 }
    )
    expect(result.response?.status).toBe(202)
    expect(retried).toEqual(['ECONNRESET: socket hang up #1 100'])
  })

  it('waits exactly what Retry-After asks, in seconds or as an HTTP date', async () => {
    const seconds = await attempt([{ status: 429, headers: { 'retry-after': '3' } }])
    expect(seconds.waits).toEqual([3000])
    const date = await attempt([
      { status: 503, headers: { 'retry-after': 'Tue, 01 Dec 2026 10:00:07 GMT' } }
    ])
    expect(date.waits).toEqual([7000])
  })

  it('does not wait longer than 30 s, nor past the budget', async () => {
    const long = await attempt([{ status: 429, headers: { 'retry-after': '31' } }])
    expect(long.waits).toEqual([])
    expect(long.result).toMatchObject({ attempts: 1, outOfTime: true, refusedWaitMs: 31_000 })
    const tight = await attempt([{ status: 429, headers: { 'retry-after': '5' } }], {
      budgetMs: 4000
    })
    expect(tight.waits).toEqual([])
    expect(tight.result).toMatchObject({ attempts: 1, outOfTime: true, refusedWaitMs: 5000 })
  })

  it('gives each attempt at most 20 s, and never more than the budget left', async () => {
    const timeout = new TransportError('no answer within 20 s', 'ETIMEDOUT')
    const { timeouts } = await attempt([timeout], { budgetMs: 60_000, random: 0 })
    expect(timeouts).toEqual([20_000, 20_000])
    const short = await attempt([{ status: 503 }], { budgetMs: 3000, random: 0.5 })
    expect(short.timeouts).toEqual([3000, 2750])
  })
})

describe('GitHub rate limits', () => {
  const response = (status: number, headers: Record<string, string>) => ({
    status,
    headers,
    body: ''
  })

  it('are retried on 403 and 429 when GitHub says so', () => {
    expect(isGitHubRetried(response(403, { 'x-ratelimit-remaining': '0' }))).toBe(true)
    expect(isGitHubRetried(response(403, { 'retry-after': '60' }))).toBe(true)
    expect(isGitHubRetried(response(429, {}))).toBe(true)
    expect(isGitHubRetried(response(403, { 'x-ratelimit-remaining': '4999' }))).toBe(false)
  })

  it('wait until x-ratelimit-reset', () => {
    const now = Date.parse('2026-12-01T10:00:00Z')
    const reset = String(now / 1000 + 12)
    expect(
      requestedWait(
        response(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
        now
      )
    ).toBe(12_000)
  })
})
