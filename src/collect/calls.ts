// How the requests of a report are started and how their failure reads in a notice.
import { GitHubError } from '../github/request.js'
import type { Inputs } from '../inputs.js'

/** Marks a request started early as handled, so that a sibling's failure leaves it quiet. */
export function early<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

/** How a failed GitHub call ended, for a notice: its HTTP status, or no answer. */
export function failureStatus(cause: unknown): string {
  return cause instanceof GitHubError && cause.status ? `HTTP ${cause.status}` : 'no answer'
}

/**
 * Whether a report reads the commit's deployments: `cd: true` and `cd: false` decide
 * without them, unless an environment is named.
 */
export function readsDeployments(inputs: Pick<Inputs, 'cd' | 'environment'>, sha: string): boolean {
  return !!sha && (inputs.cd === 'auto' || inputs.environment !== undefined)
}
