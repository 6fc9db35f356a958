// One description of the run being reported, whether it comes from the runner's
// environment (this run) or from the API (a finished run named by workflow_run or run-id).
import type { RunnerContext } from '../context.js'
import type { GitHubRun } from '../github/types.js'
import type { RunIdentity } from './identity.js'

export interface RunInfo extends RunIdentity {
  serverUrl: string
  eventName: string
  /** The webhook payload of the event; empty for runs read from the API. */
  event: Record<string, unknown>
  sha: string
  branch: string
  actor: string
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

export function eventField(event: Record<string, unknown>, ...path: string[]): unknown {
  let value: unknown = event
  for (const key of path) value = record(value)[key]
  return value
}

export function runFromContext(context: RunnerContext): RunInfo {
  const isPullRequest = context.eventName.startsWith('pull_request')
  return {
    owner: context.owner,
    repo: context.repo,
    serverUrl: context.serverUrl,
    workflowName: context.workflow || context.jobKey || 'workflow',
    runId: context.runId,
    runNumber: context.runNumber,
    runAttempt: context.runAttempt,
    eventName: context.eventName,
    event: context.event,
    sha: context.sha,
    branch: isPullRequest && context.headRef ? context.headRef : context.refName,
    actor: context.triggeringActor
  }
}

/** A run read from the API: it carries no event payload. */
export function runFromApi(
  context: Pick<RunnerContext, 'owner' | 'repo' | 'serverUrl'>,
  run: GitHubRun
): RunInfo {
  return {
    owner: context.owner,
    repo: context.repo,
    serverUrl: context.serverUrl,
    workflowName: run.name || run.path || 'workflow',
    runId: run.id,
    runNumber: run.run_number,
    runAttempt: run.run_attempt ?? 1,
    eventName: run.event,
    event: {},
    sha: run.head_sha,
    branch: run.head_branch ?? '',
    actor: run.triggering_actor?.login ?? run.actor?.login ?? ''
  }
}
