// Every GitHub request of a sync goes through one gate that keeps to GitHub's rate
// limits for the token: when an answer says no requests are left (x-ratelimit-remaining
// 0), nothing is sent until x-ratelimit-reset; when GitHub asks to slow down (a 403 or
// 429 with retry-after: its secondary limits), nothing is sent for that long. A request
// turned away for either reason is sent again once the wait is over.
import { answerMessage } from '../http/answer-message.js'
import type { Clock } from '../http/retry.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'

/** Slack after the announced reset: GitHub's clock and ours are not the same clock. */
const RESET_SLACK_MS = 500
/** GitHub's advice for a secondary limit that names no wait: at least a minute. */
const SECONDARY_WAIT_MS = 60_000
/** Turned away this many times in a row, the answer is handed back as it is. */
const MAX_TURNED_AWAY = 5

export interface RateStatus {
  /** Requests left until the reset, as the last answer said. */
  remaining?: number
  /** When the limit resets (epoch ms). */
  resetAt?: number
  /** Requests sent through the gate, and how many were answered 304. */
  sent: number
  notModified: number
}

function headerNumber(response: HttpResponse, name: string): number | undefined {
  const raw = response.headers[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) ? value : undefined
}

function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`
}

export function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

export class RateGate implements Transport {
  readonly status: RateStatus = { sent: 0, notModified: 0 }
  private closedUntil = 0
  private inFlight = 0
  private readonly waiting: (() => void)[] = []
  private limit = '?'

  constructor(
    private readonly inner: Transport,
    private readonly clock: Clock,
    private readonly say: (line: string) => void
  ) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let turnedAway = 0; ; turnedAway++) {
      await this.open()
      this.status.sent++
      let response: HttpResponse
      try {
        response = await this.inner.send(request)
      } finally {
        this.inFlight--
        for (const wake of this.waiting.splice(0)) wake()
      }
      if (response.status === 304) this.status.notModified++
      const waitUntil = this.observe(response)
      if (waitUntil === undefined || turnedAway >= MAX_TURNED_AWAY) return response
    }
  }

  close(): Promise<void> {
    return this.inner.close()
  }

  /**
   * Resolves once a request may be sent, counted in flight from then on: not while the
   * gate is shut, and not while the requests in flight would use up what is left
   * (their answers tell what they cost).
   */
  private async open(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (now < this.closedUntil) {
        await this.clock.sleep(this.closedUntil - now)
        continue
      }
      const { remaining, resetAt } = this.status
      const spent = remaining !== undefined && resetAt !== undefined && now < resetAt
      if (!spent || remaining - this.inFlight > 0) {
        this.inFlight++
        return
      }
      if (this.inFlight === 0) {
        this.shut(resetAt + RESET_SLACK_MS, 'primary')
        continue
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }

  /** Takes note of the limit; when the request was turned away, when to send it again. */
  private observe(response: HttpResponse): number | undefined {
    const now = this.clock.now()
    const remaining = headerNumber(response, 'x-ratelimit-remaining')
    const reset = headerNumber(response, 'x-ratelimit-reset')
    if (response.headers['x-ratelimit-limit']) this.limit = response.headers['x-ratelimit-limit']
    if (remaining !== undefined) {
      // Answers come back out of order: within one window the lowest count is the true one.
      const sameWindow = reset !== undefined && reset * 1000 === this.status.resetAt
      const known = this.status.remaining
      this.status.remaining =
        sameWindow && known !== undefined ? Math.min(known, remaining) : remaining
    }
    if (reset !== undefined) this.status.resetAt = reset * 1000
    const limited = response.status === 403 || response.status === 429
    const retryAfter = headerNumber(response, 'retry-after')
    if (limited && retryAfter !== undefined) {
      return this.shut(now + retryAfter * 1000, 'secondary', response.status)
    }
    if (remaining === 0 && reset !== undefined) {
      const until = Math.max(reset * 1000 + RESET_SLACK_MS, limited ? now + 1000 : 0)
      const closed = this.shut(until, 'primary')
      return limited ? closed : undefined
    }
    if (limited && /secondary rate limit|abuse/i.test(answerMessage(response, ['message']))) {
      return this.shut(now + SECONDARY_WAIT_MS, 'secondary', response.status)
    }
    return undefined
  }

  private shut(until: number, kind: 'primary' | 'secondary', status?: number): number {
    if (until > this.closedUntil) {
      const wait = until - this.clock.now()
      this.say(
        kind === 'primary'
          ? `GitHub's rate limit for this token is used up (0 of ${this.limit} left): waiting ${waitText(wait)} for the reset at ${clockTime(until)}; no request is sent before then.`
          : `GitHub asked to slow down (HTTP ${status}, secondary rate limit): waiting ${waitText(wait)}, until ${clockTime(until)}, before the next request.`
      )
      this.closedUntil = until
    }
    return this.closedUntil
  }
}
