import { buildWorkflowReport } from '../../src/mapping/payload.js'
import { runFromApi } from '../../src/mapping/run-info.js'
import { triggerChain } from '../../src/mapping/trigger.js'
import type { GitHubRun } from '../../src/github/types.js'
import {
  pullRequestEvent,
  reportOptions,
  runInfo,
  workflowDispatchEvent,
  workflowRunEvent
} from '../fixtures/github.js'

describe('trigger_chain says what started the run', () => {
  it('push is an SCM trigger', () => {
    expect(triggerChain(runInfo())).toEqual([{ id: 'SCMTrigger', type: 'SCMTriggerCause' }])
  })

  it('pull_request is an SCM trigger', () => {
    const run = runInfo({
      eventName: 'pull_request',
      event: pullRequestEvent('e3b0c44298fc1c149afbf4c8996fb92427ae41e4')
    })
    expect(triggerChain(run)).toEqual([{ id: 'SCMTrigger', type: 'SCMTriggerCause' }])
  })

  it('workflow_dispatch is the user who triggered it', () => {
    const run = runInfo({
      eventName: 'workflow_dispatch',
      event: workflowDispatchEvent({ environment: 'staging' }),
      actor: 'hubot'
    })
    expect(triggerChain(run)).toEqual([{ id: 'hubot', type: 'UserIdCause' }])
  })

  it('schedule is a timer naming its cron line', () => {
    const run = runInfo({ eventName: 'schedule', event: { schedule: '30 5 * * 1-5' } })
    expect(triggerChain(run)).toEqual([{ id: '30 5 * * 1-5', type: 'TimerTriggerCause' }])
  })

  it('repository_dispatch is a remote cause naming its event type', () => {
    const run = runInfo({
      eventName: 'repository_dispatch',
      event: { action: 'deploy-request', client_payload: { env: 'prod' } }
    })
    expect(triggerChain(run)).toEqual([
      { id: 'repository_dispatch:deploy-request', type: 'RemoteCause' }
    ])
  })
})

describe('workflow_run links the run to its upstream run', () => {
  const event = workflowRunEvent({ name: 'CI', run_number: 57, run_attempt: 2 })
  const run = runInfo({ eventName: 'workflow_run', workflowName: 'Report', event })

  it('is an UpstreamCause naming the upstream workflow and its build number', () => {
    expect(triggerChain(run)).toEqual([
      { id: 'octo-org/octo-repo/CI', type: 'UpstreamCause', job_run_number: 57002 }
    ])
  })

  it('names what a report of the upstream run sends as job_full_name and build_number', () => {
    const upstream = runFromApi(
      { owner: 'octo-org', repo: 'octo-repo', serverUrl: 'https://github.com' },
      event.workflow_run as GitHubRun
    )
    const { payload } = buildWorkflowReport(
      upstream,
      [],
      { start: 0, end: 0, conclusion: 'success' },
      reportOptions()
    )
    const [cause] = triggerChain(run)
    expect(cause!.id).toBe(payload.job_full_name)
    expect(cause!.job_run_number).toBe(payload.build_number)
  })

  it('matches the upstream job_full_name even when its workflow name has odd whitespace', () => {
    const odd = workflowRunEvent({ name: 'CI \t build\n', run_number: 57, run_attempt: 1 })
    const upstream = runFromApi(
      { owner: 'octo-org', repo: 'octo-repo', serverUrl: 'https://github.com' },
      odd.workflow_run as GitHubRun
    )
    const { payload } = buildWorkflowReport(upstream, [], { start: 0, end: 0 }, reportOptions())
    const [cause] = triggerChain(runInfo({ eventName: 'workflow_run', event: odd }))
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI build')
    expect(cause!.id).toBe('octo-org/octo-repo/CI build')
  })

  it('counts a first attempt as 1 when the upstream run does not say', () => {
    const { workflow_run } = workflowRunEvent({ name: 'Build images', run_number: 301 })
    const bare = { ...workflow_run, run_attempt: undefined }
    const chain = triggerChain(
      runInfo({ eventName: 'workflow_run', event: { workflow_run: bare } })
    )
    expect(chain).toEqual([
      { id: 'octo-org/octo-repo/Build images', type: 'UpstreamCause', job_run_number: 301001 }
    ])
  })
})
