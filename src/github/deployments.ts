// Whether the job or run being reported deployed to a GitHub environment. A job with
// `environment:` makes GitHub create a deployment of the run's commit, and every status
// of that deployment links back to the job's log (`.../actions/runs/<run>/job/<job>`).
import type { CdMode } from '../inputs.js'
import { toMillis } from '../mapping/time.js'
import { GitHubError, type GitHubClient } from './client.js'
import type { GitHubDeployment, GitHubDeploymentStatus } from './types.js'

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

export interface Deployed {
  environment: string
  deploymentId: number
}

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

type DeploymentReader = Pick<GitHubClient, 'listDeployments' | 'listDeploymentStatuses'>

/**
 * The first deployment the target made, or undefined. One request for the commit's
 * deployments, then one per deployment created since the target started, newest
 * first, until one links back to the target.
 */
export async function findDeployment(
  client: DeploymentReader,
  target: DeploymentTarget
): Promise<Deployed | undefined> {
  const candidates = candidateDeployments(await client.listDeployments(target.sha), target)
  for (const deployment of candidates) {
    const statuses = await client.listDeploymentStatuses(deployment.id)
    if (statusesLinkToTarget(statuses, target)) {
      return { environment: deployment.environment, deploymentId: deployment.id }
    }
  }
  return undefined
}

export interface CdDecision {
  cd: boolean
  /** Why `cd: auto` fell back to CI, when the deployments could not be read. */
  notice?: string
}

/** `cd: true` and `cd: false` decide alone, without a request; `auto` asks GitHub. */
export async function decideCd(
  mode: CdMode,
  client: DeploymentReader,
  target: DeploymentTarget
): Promise<CdDecision> {
  if (mode !== 'auto') return { cd: mode === 'true' }
  if (!target.sha) return { cd: false }
  try {
    return { cd: (await findDeployment(client, target)) !== undefined }
  } catch (cause) {
    const status = cause instanceof GitHubError ? cause.status : undefined
    const hint =
      status === 403
        ? 'add `deployments: read` under `permissions:`, or set cd: true or cd: false'
        : 'set cd: true or cd: false to decide without the deployments API'
    return {
      cd: false,
      notice: `cd: auto could not read the deployments of commit ${target.sha.slice(0, 12)} (${status ? `HTTP ${status}` : 'no answer'}), so the run is reported as CI; ${hint}.`
    }
  }
}
