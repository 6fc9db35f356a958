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
  /**
   * The jobs whose deployments count: the reported job, or every job of the reported
   * attempt. A later attempt of the same run has jobs of its own, so its deployments
   * are never credited to an earlier one.
   */
  jobIds: readonly number[]
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

/** The run and job a status URL is the log of (`.../actions/runs/<run>/job/<job>`). */
export function loggedJob(
  url: string | null | undefined
): { run: string; job: number } | undefined {
  if (!url) return undefined
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  const match = /\/actions\/runs\/(\d{1,20})(?:\/attempts\/\d+)?\/job\/(\d{1,20})\/?$/.exec(path)
  return match ? { run: match[1]!, job: Number(match[2]) } : undefined
}

/** The job a status URL is the log of, in `runId`. */
export function linkedJob(url: string | null | undefined, runId: number): number | undefined {
  const logged = loggedJob(url)
  return logged && logged.run === String(runId) ? logged.job : undefined
}

/** The job of the target that made a deployment, from its statuses' links, if any. */
export function madeBy(
  statuses: readonly GitHubDeploymentStatus[],
  target: Pick<DeploymentTarget, 'runId' | 'jobIds'>
): number | undefined {
  for (const status of statuses) {
    for (const url of [status.log_url, status.target_url]) {
      const job = linkedJob(url, target.runId)
      if (job !== undefined && target.jobIds.includes(job)) return job
    }
  }
  return undefined
}

/** Where a deployment's statuses say it can be seen: the newest log or target URL. */
function statusUrl(statuses: readonly GitHubDeploymentStatus[]): string | undefined {
  return statuses.map((s) => s.log_url || s.target_url).find((url) => !!url) ?? undefined
}

export function deploymentRecord(
  deployment: GitHubDeployment,
  statuses: readonly GitHubDeploymentStatus[],
  jobId?: number
): DeploymentRecord {
  const url = statusUrl(statuses)
  return {
    id: deployment.id,
    sha: deployment.sha,
    environment: deployment.environment,
    createdAt: toMillis(deployment.created_at) ?? 0,
    states: statuses.map((s) => s.state),
    ...(url ? { url } : {}),
    ...(jobId === undefined ? {} : { jobId })
  }
}

/**
 * The deployments the target made, newest first, each with the job that made it: of
 * the commit's deployments, those created since the target started whose statuses link
 * back to one of its jobs. The statuses of every candidate are read at once.
 */
export async function deploymentsMade(
  client: Pick<GitHubClient, 'listDeploymentStatuses'>,
  listed: readonly GitHubDeployment[],
  target: DeploymentTarget
): Promise<DeploymentRecord[]> {
  const candidates = candidateDeployments(listed, target)
  const statuses = await Promise.all(candidates.map((d) => client.listDeploymentStatuses(d.id)))
  return candidates.flatMap((d, i) => {
    const job = madeBy(statuses[i]!, target)
    return job === undefined ? [] : [deploymentRecord(d, statuses[i]!, job)]
  })
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
