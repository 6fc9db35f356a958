// How the requests of a report are started and how their failure reads in a notice.
import type { GitHubClient } from '../github/client.js'
import { GitHubError } from '../github/request.js'
import type { GitHubDeploymentStatus } from '../github/types.js'

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
 * The client, reading each deployment's statuses once: a whole run reads them to find
 * the jobs that deployed, and each of those jobs' reports reads them again.
 */
export function rememberStatuses(client: GitHubClient): GitHubClient {
  const read = new Map<number, Promise<GitHubDeploymentStatus[]>>()
  const listDeploymentStatuses = (id: number) => {
    let statuses = read.get(id)
    if (!statuses) {
      statuses = client.listDeploymentStatuses(id)
      read.set(id, statuses)
    }
    return statuses
  }
  // The client's other members, getters included, are reached through its prototype.
  return Object.create(client, { listDeploymentStatuses: { value: listDeploymentStatuses } })
}
