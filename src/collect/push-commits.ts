// The commits a CI report lists when the run's event does not carry them all: a push
// payload cut short, or a finished push run read from the API.
import type { GitHubClient } from '../github/client.js'
import type { GitHubRun } from '../github/types.js'
import { pushedCommits, truncatedPush } from '../mapping/commits.js'
import type { RunInfo } from '../mapping/run-info.js'
import { failureStatus } from './calls.js'

/** The push's full commit list when its payload was cut short; undefined keeps the payload's. */
export async function comparedCommits(
  run: RunInfo,
  client: GitHubClient,
  notices: string[]
): Promise<string[] | undefined> {
  const range = truncatedPush(run)
  if (!range) return undefined
  try {
    return await client.compareCommits(range.base, range.head)
  } catch (cause) {
    notices.push(
      `The push event lists only ${pushedCommits(run.event).length} commits and the compare API could not give the rest (${failureStatus(cause)} on ${range.base.slice(0, 7)}...${range.head.slice(0, 7)}), so only those are reported.`
    )
    return undefined
  }
}

/**
 * The commits a finished push run brought, which its run object does not list: those
 * since the previous push run of the same workflow on the branch.
 */
export async function finishedPushCommits(
  run: GitHubRun,
  client: GitHubClient,
  notices: string[]
): Promise<string[] | undefined> {
  if (run.event !== 'push' || !run.workflow_id || !run.head_branch) return undefined
  try {
    const previous = await client.previousPushRun({
      workflowId: run.workflow_id,
      branch: run.head_branch,
      before: run.created_at
    })
    if (!previous || previous.head_sha === run.head_sha) return undefined
    return await client.compareCommits(previous.head_sha, run.head_sha)
  } catch (cause) {
    notices.push(
      `The commits of push run ${run.id} could not be listed (${failureStatus(cause)}), so only its head commit is reported.`
    )
    return undefined
  }
}
