// What started the run, as SEI's Jenkins-style cause chain.
import type { SeiTrigger } from '../sei/schema.js'
import { buildNumber, workflowFullName } from './identity.js'
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

function upstreamCause(run: RunInfo): SeiTrigger | undefined {
  const upstream = eventField(run.event, 'workflow_run')
  const name = eventField(run.event, 'workflow_run', 'name')
  const number = eventField(run.event, 'workflow_run', 'run_number')
  if (!upstream || typeof name !== 'string' || typeof number !== 'number') return undefined
  const attempt = eventField(run.event, 'workflow_run', 'run_attempt')
  return {
    id: workflowFullName({ owner: run.owner, repo: run.repo, workflowName: name }),
    type: 'UpstreamCause',
    job_run_number: buildNumber(number, typeof attempt === 'number' ? attempt : 1)
  }
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
