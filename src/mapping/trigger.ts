// What started the run, as SEI's Jenkins-style cause chain.
import type { SeiTrigger } from '../sei/schema.js'
import { buildNumber, MAX_LINKED_BUILD_NUMBER, workflowFullName } from './identity.js'
import { eventField, type RunInfo } from './run-info.js'

const SCM_EVENTS = new Set([
  'push',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'merge_group',
  'create',
  'delete'
])

/** The upstream run of a workflow_run event, as SEI names it: its job and build number. */
function upstreamRun(run: RunInfo): { id: string; buildNumber: number } | undefined {
  const upstream = eventField(run.event, 'workflow_run')
  const name = eventField(run.event, 'workflow_run', 'name')
  const number = eventField(run.event, 'workflow_run', 'run_number')
  if (!upstream || typeof name !== 'string' || typeof number !== 'number') return undefined
  const attempt = eventField(run.event, 'workflow_run', 'run_attempt')
  return {
    id: workflowFullName({ owner: run.owner, repo: run.repo, workflowName: name }),
    buildNumber: buildNumber(number, typeof attempt === 'number' ? attempt : 1)
  }
}

function upstreamCause(run: RunInfo): SeiTrigger | undefined {
  const upstream = upstreamRun(run)
  if (!upstream || upstream.buildNumber > MAX_LINKED_BUILD_NUMBER) return undefined
  return { id: upstream.id, type: 'UpstreamCause', job_run_number: upstream.buildNumber }
}

/** Why the run is not linked to its upstream run, when its build number is past SEI's limit. */
export function triggerNotice(run: RunInfo): string | undefined {
  if (run.eventName !== 'workflow_run') return undefined
  const upstream = upstreamRun(run)
  if (!upstream || upstream.buildNumber <= MAX_LINKED_BUILD_NUMBER) return undefined
  return `The upstream run's build number ${upstream.buildNumber} is past the largest SEI can link a trigger to (${MAX_LINKED_BUILD_NUMBER}), so the trigger is sent as the user who started it, without a link to ${upstream.id}.`
}

export function triggerChain(run: RunInfo): SeiTrigger[] {
  const event = run.eventName
  if (event === 'workflow_run') {
    const cause = upstreamCause(run)
    if (cause) return [cause]
  }
  if (SCM_EVENTS.has(event)) return [{ id: 'SCMTrigger', type: 'SCMTriggerCause' }]
  if (event === 'schedule') {
    const cron = eventField(run.event, 'schedule')
    return [
      { id: typeof cron === 'string' && cron ? cron : 'TimerTrigger', type: 'TimerTriggerCause' }
    ]
  }
  if (event === 'repository_dispatch') {
    const action = eventField(run.event, 'action')
    const id =
      typeof action === 'string' && action ? `repository_dispatch:${action}` : 'repository_dispatch'
    return [{ id, type: 'RemoteCause' }]
  }
  return [{ id: run.actor || event || 'unknown', type: 'UserIdCause' }]
}
