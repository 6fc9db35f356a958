// How the requests of a report are started and how their failure reads in a notice.
import type { GitHubClient } from '../github/client.js'
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

/** `read`, answering a repeated call from the first one's promise. */
function once<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const answers = new Map<K, Promise<V>>()
  return (key) => {
    let answer = answers.get(key)
    if (!answer) {
      answer = read(key)
      answers.set(key, answer)
    }
    return answer
  }
}

/**
 * The client, reading each deployment's statuses and each environment's deployments
 * once: a whole run reads the statuses to find the jobs that deployed, and each of
 * those jobs' reports reads them again, with the environments' histories.
 */
export function rememberReads(client: GitHubClient): GitHubClient {
  const listDeploymentStatuses = once((id: number) => client.listDeploymentStatuses(id))
  const listEnvironmentDeployments = once((name: string) => client.listEnvironmentDeployments(name))
  // The client's other members, getters included, are reached through its prototype.
  return Object.create(client, {
    listDeploymentStatuses: { value: listDeploymentStatuses },
    listEnvironmentDeployments: { value: listEnvironmentDeployments }
  })
}
