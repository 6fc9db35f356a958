// Whether the job or run being reported deployed to a GitHub environment. A job with
// `environment:` makes GitHub create a deployment of the run's commit, and every status
// of that deployment links back to the job's log (`.../actions/runs/<run>/job/<job>`).
import type { DeploymentRecord } from '../mapping/shipped.js'
import { toMillis } from '../mapping/time.js'
import type { GitHubClient } from '../github/client.js'
import { GitHubError } from '../github/request.js'
import type { GitHubDeployment, GitHubDeploymentStatus } from '../github/types.js'

export interface DeploymentTarget {
  /** The commit the run built: deployments are looked up by it. */
  sha: string
  runId: number
  /** The job that must have deployed; absent for a whole run, where any job counts. */
  jobId?: number
  /** Epoch ms; deployments created earlier belong to an earlier attempt or run. */
  since: number
}

/** Deployment and run times come from different GitHub services: allow for skew. */
export const CREATION_SLACK_MS = 60_000

/** Deployments of the target's commit created since it started, newest first. */
export function candidateDeployments(
  deployments: readonly GitHubDeployment[],
  target: DeploymentTarget
): GitHubDeployment[] {
  return deployments
    .filter(
      (d) =>
        d.sha === target.sha &&
        (toMillis(d.created_at) ?? -Infinity) >= target.since - CREATION_SLACK_MS
    )
    .sort((a, b) => (toMillis(b.created_at) ?? 0) - (toMillis(a.created_at) ?? 0))
}

/** True when a status URL is the log of the target run (and, for a job, of that job). */
export function linksToTarget(url: string | null | undefined, target: DeploymentTarget): boolean {
  if (!url) return false
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return false
  }
  const match = /\/actions\/runs\/(\d+)(?:\/attempts\/\d+)?(?:\/job\/(\d+))?\/?$/.exec(path)
  if (!match || match[1] !== String(target.runId)) return false
  return target.jobId === undefined || match[2] === String(target.jobId)
}

export function statusesLinkToTarget(
  statuses: readonly GitHubDeploymentStatus[],
  target: DeploymentTarget
): boolean {
  return statuses.some(
    (status) => linksToTarget(status.log_url, target) || linksToTarget(status.target_url, target)
  )
}

/** Where a deployment's statuses say it can be seen: the newest log or target URL. */
function statusUrl(statuses: readonly GitHubDeploymentStatus[]): string | undefined {
  return statuses.map((s) => s.log_url || s.target_url).find((url) => !!url) ?? undefined
}

export function deploymentRecord(
  deployment: GitHubDeployment,
  statuses: readonly GitHubDeploymentStatus[]
): DeploymentRecord {
  const url = statusUrl(statuses)
  return {
    id: deployment.id,
    sha: deployment.sha,
    environment: deployment.environment,
    createdAt: toMillis(deployment.created_at) ?? 0,
    states: statuses.map((s) => s.state),
    ...(url ? { url } : {})
  }
}

/**
 * The deployments the target made, newest first: of the commit's deployments (listed
 * already, or on their way), those created since the target started whose statuses link
 * back to it. The statuses of every candidate are read at once.
 */
export async function deploymentsMade(
  client: Pick<GitHubClient, 'listDeploymentStatuses'>,
  listed: readonly GitHubDeployment[],
  target: DeploymentTarget
): Promise<DeploymentRecord[]> {
  const candidates = candidateDeployments(listed, target)
  const statuses = await Promise.all(candidates.map((d) => client.listDeploymentStatuses(d.id)))
  return candidates
    .map((d, i) => ({ d, statuses: statuses[i]! }))
    .filter(({ statuses }) => statusesLinkToTarget(statuses, target))
    .map(({ d, statuses }) => deploymentRecord(d, statuses))
}

/** The notice for deployments that could not be read, naming what to change. */
export function unreadableDeployments(sha: string, cause: unknown): string {
  const status = cause instanceof GitHubError ? cause.status : undefined
  const hint =
    status === 403
      ? 'add `deployments: read` under `permissions:`, or set cd: true or cd: false'
      : 'set cd: true or cd: false to decide without the deployments API'
  return `cd: auto could not read the deployments of commit ${sha.slice(0, 12)} (${status ? `HTTP ${status}` : 'no answer'}), so the run is reported as CI; ${hint}.`
}
