// What is retried, how long we wait, and when we give up. Retries happen on network
// errors, timeouts, 408, 429 and 5xx (and GitHub's rate limits), with exponential
// backoff and full jitter, honouring Retry-After, inside one time budget shared by
// every request of the step. Other 4xx answers are final.
import { ATTEMPT_TIMEOUT_MS } from '../defaults.js'
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from './transport.js'

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random()
}

/** The time left for the whole step; every request and wait draws on it. */
export class Budget {
  private endsAt: number
  constructor(
    totalMs: number,
    readonly clock: Clock = realClock
  ) {
    this.endsAt = clock.now() + totalMs
  }
  remaining(): number {
    return Math.max(0, this.endsAt - this.clock.now())
  }
  /** Ends the budget no later than `ms` from now (a cancelled step has little time left). */
  limit(ms: number): void {
    this.endsAt = Math.min(this.endsAt, this.clock.now() + ms)
  }
}

export interface RetryPolicy {
  /** Longest one attempt may take. */
  attemptTimeoutMs: number
  /** First backoff ceiling; doubled after each failure. */
  baseDelayMs: number
  maxDelayMs: number
  /** Longest Retry-After (or rate-limit reset) we are willing to wait. */
  maxRetryAfterMs: number
  maxAttempts: number
}

export const DEFAULT_POLICY: RetryPolicy = {
  attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  maxAttempts: 8
}

const RETRIED_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** How long an answer asks us to wait (Retry-After seconds or date, or a rate-limit reset). */
export function requestedWait(response: HttpResponse, now: number): number | undefined {
  const retryAfter = response.headers['retry-after']
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  if (response.headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(response.headers['x-ratelimit-reset'])
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now)
  }
  return undefined
}

/** GitHub signals rate limits as 403 or 429 with these headers. */
export function isRateLimited(response: HttpResponse): boolean {
  if (response.status !== 403 && response.status !== 429) return false
  return (
    response.headers['x-ratelimit-remaining'] === '0' ||
    response.headers['retry-after'] !== undefined
  )
}

/** SEI's rule: 408, 429 and 5xx are worth another try; every other 4xx is final. */
export function isRetriedStatus(response: HttpResponse): boolean {
  return RETRIED_STATUS.has(response.status) || response.status >= 500
}

/** GitHub's rule: SEI's, plus rate limits announced on a 403. */
export function isGitHubRetried(response: HttpResponse): boolean {
  return isRetriedStatus(response) || isRateLimited(response)
}

export interface RetryHooks {
  /** Told before each wait: what failed, which attempt, how long we wait. */
  onRetry?(reason: string, attempt: number, waitMs: number): void
}

/** Hooks that tell each retry, as it happens, in one line naming `what` was asked. */
export function retryLog(what: string, write: (line: string) => void): RetryHooks {
  return {
    onRetry(reason, attempt, waitMs) {
      write(
        `${what}: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`
      )
    }
  }
}

/** The last answer or error, after retries ran out or the budget did. */
export interface Delivery {
  response?: HttpResponse
  error?: TransportError
  attempts: number
  /** Set when we stopped because waiting again would overrun the budget. */
  outOfTime: boolean
  /** The wait the last answer asked for, when it was longer than we are willing to wait. */
  refusedWaitMs?: number
  /** Why it was refused: over the policy's cap, or over what the budget has left. */
  refusedBy?: 'cap' | 'budget'
  /** The policy's cap on waits, for the message. */
  maxWaitMs?: number
}

function reasonOf(outcome: { response?: HttpResponse; error?: TransportError }): string {
  return outcome.response ? `HTTP ${outcome.response.status}` : (outcome.error?.message ?? 'error')
}

export interface RetriedRequest {
  transport: Transport
  request: Omit<HttpRequest, 'timeoutMs'>
  budget: Budget
  policy?: RetryPolicy
  hooks?: RetryHooks
  /** Whether an answer is worth another try (default: SEI's rule). */
  retryOn?: (response: HttpResponse) => boolean
  /** Whether a request without an answer is worth another try (default: unless it is final). */
  retryError?: (error: TransportError) => boolean
}

/** Sends `request` until an answer is final, the attempts run out or the budget does. */
export async function sendWithRetry({
  transport,
  request,
  budget,
  policy = DEFAULT_POLICY,
  hooks = {},
  retryOn = isRetriedStatus,
  retryError = (error) => !error.final
}: RetriedRequest): Promise<Delivery> {
  const clock = budget.clock
  let outcome: { response?: HttpResponse; error?: TransportError } = {
    error: new TransportError('time budget used up', 'ETIMEDOUT')
  }
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.min(policy.attemptTimeoutMs, budget.remaining())
    if (timeoutMs <= 0) return { ...outcome, attempts: attempt - 1, outOfTime: true }
    try {
      outcome = { response: await transport.send({ ...request, timeoutMs }) }
    } catch (cause) {
      outcome = {
        error:
          cause instanceof TransportError ? cause : new TransportError(String(cause), 'ERR_NETWORK')
      }
    }
    const retry = outcome.error ? retryError(outcome.error) : retryOn(outcome.response!)
    if (!retry) return { ...outcome, attempts: attempt, outOfTime: false }
    if (attempt >= policy.maxAttempts) return { ...outcome, attempts: attempt, outOfTime: false }
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
    const jitter = Math.round(clock.random() * ceiling)
    const asked = outcome.response ? requestedWait(outcome.response, clock.now()) : undefined
    const waitMs = asked !== undefined ? asked : jitter
    if (waitMs > policy.maxRetryAfterMs || waitMs >= budget.remaining()) {
      const refusedBy: Delivery['refusedBy'] = waitMs > policy.maxRetryAfterMs ? 'cap' : 'budget'
      const refused =
        asked !== undefined
          ? { refusedWaitMs: asked, refusedBy, maxWaitMs: policy.maxRetryAfterMs }
          : {}
      return { ...outcome, attempts: attempt, outOfTime: true, ...refused }
    }
    hooks.onRetry?.(reasonOf(outcome), attempt, waitMs)
    await clock.sleep(waitMs)
  }
}
