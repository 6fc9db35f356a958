// Stops a sync from posting into an SEI outage: after `threshold` reports in a row that
// SEI did not take, nothing more is sent (or collected) in this sync; what is left
// stays due in the checkpoint for the next one.

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
    this.inARow++
    this.reason = reason
    if (this.inARow >= this.threshold) this.open = true
  }

  /** Why it opened: how many in a row, and the last failure. */
  get why(): string {
    return `${this.inARow} reports in a row were not delivered (the last: ${this.reason})`
  }
}
