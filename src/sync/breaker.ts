// Stops a sync from posting into an SEI outage: after `threshold` reports in a row that
// SEI did not take, nothing more is sent (or collected) in this sync; what is left
// stays due in the checkpoint for the next one. While the last report failed, the
// next ones are tried with fewer retries, so that an outage is found in about one
// report's backoff rather than five.
import { DEFAULT_POLICY, type RetryPolicy } from '../http/retry.js'

/** Reports in a row not delivered before a sync stops posting. */
export const BREAKER_THRESHOLD = 5

export class Breaker {
  private inARow = 0
  private reason = ''
  open = false

  constructor(private readonly threshold = BREAKER_THRESHOLD) {}

  delivered(): void {
    if (!this.open) this.inARow = 0
  }

  failed(reason: string): void {
    if (this.open) return
    this.inARow++
    this.reason = reason.replace(/\.$/, '')
    if (this.inARow >= this.threshold) this.open = true
  }

  /** The retry policy for the next report: a short one while SEI is failing. */
  get policy(): RetryPolicy {
    return this.inARow > 0 ? { ...DEFAULT_POLICY, maxAttempts: 2 } : DEFAULT_POLICY
  }

  /** Why it opened: how many in a row, and the last failure. */
  get why(): string {
    return `${this.inARow} reports in a row were not delivered (the last: ${this.reason})`
  }
}
