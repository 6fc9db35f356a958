// How the requests of a report are started and how their failure reads in a notice.
import { GitHubError } from '../github/request.js'

/** Marks a request started early as handled, so that a sibling's failure leaves it quiet. */
export function early<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

/** How a failed GitHub call ended, for a notice: its HTTP status, or no answer. */
export function failureStatus(cause: unknown): string {
  return cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer'
}
