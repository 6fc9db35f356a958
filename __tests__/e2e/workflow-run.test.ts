// A reporter workflow (on: workflow_run, types: completed) or run-id reports a finished
// run as the same SEI job and build as an in-workflow scope: workflow report of it.
import { HEAD_SHA } from '../fixtures/github.js'
import { at, BEFORE_SHA, job, pushEvent, run, RUN_ID, sha } from '../fixtures/runs.js'
import { report } from '../support/report-run.js'

const REPORTER_RUN = 9100000777
const LAST_JOB = 29679449999

const upstreamJobs = (lastJob: 'running' | 'done') => [
  job({ id: 401, name: 'build', conclusion: 'success', attempt: 2 }),
  job({ id: 402, name: 'test (node 22)', conclusion: 'failure', attempt: 2 }),
  job({ id: 403, name: 'deploy', conclusion: 'skipped', attempt: 2 }),
  {
    ...job({
      id: LAST_JOB,
      name: 'sei',
      conclusion: lastJob === 'done' ? 'success' : null,
      from: 9
    }),
    run_attempt: 2
  }
]

const WORKFLOW_ID = 161335
/** The push's commits, oldest first, as the push payload and the compare API list them. */
const PUSHED = [sha(1), sha(2), HEAD_SHA]

/** The upstream run as workflow_run's payload carries it, once finished. */
const finishedRun = run({
  workflow_id: WORKFLOW_ID,
  run_attempt: 2,
  status: 'completed',
  conclusion: 'failure',
  created_at: at(-5),
  run_started_at: at(0),
  updated_at: at(13),
  triggering_actor: { login: 'hubot' }
})

/** What the runner gives a job of the reporter workflow. */
const reporterEnv = {
  GITHUB_EVENT_NAME: 'workflow_run',
  GITHUB_RUN_ID: String(REPORTER_RUN),
  GITHUB_RUN_NUMBER: '812',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'SEI reporter',
  GITHUB_JOB: 'report',
  GITHUB_TRIGGERING_ACTOR: 'hubot'
}

describe('reporting a finished run from another workflow', () => {
  it('workflow_run reports the upstream run as the in-workflow report of that run would, without fetching the run', async () => {
    const inWorkflow = await report({
      world: {
        attemptJobs: { [`${RUN_ID}/2`]: upstreamJobs('running') },
        runs: { [RUN_ID]: { ...finishedRun, status: 'in_progress', conclusion: null } }
      },
      inputs: { scope: 'workflow', 'job-check-run-id': String(LAST_JOB), cd: 'false' },
      env: { GITHUB_RUN_ATTEMPT: '2', GITHUB_TRIGGERING_ACTOR: 'hubot' },
      event: pushEvent(PUSHED)
    })
    // The run object lists no commits: the reporter finds the previous push run of the
    // workflow on the branch and compares from its head.
    const previousRun = run({
      id: RUN_ID - 5,
      run_number: 56,
      workflow_id: WORKFLOW_ID,
      head_sha: BEFORE_SHA,
      created_at: at(-60)
    })
    const reporter = await report({
      world: {
        attemptJobs: { [`${RUN_ID}/2`]: upstreamJobs('done') },
        runs: { [RUN_ID]: finishedRun, [RUN_ID - 5]: previousRun },
        compare: { [`${BEFORE_SHA}...${HEAD_SHA}`]: PUSHED }
      },
      inputs: { scope: 'workflow', cd: 'false' },
      env: reporterEnv,
      event: {
        action: 'completed',
        workflow_run: finishedRun,
        workflow: { name: 'CI', path: '.github/workflows/ci.yml' },
        repository: { full_name: 'octo-org/octo-repo' }
      }
    })
    const same = (p: typeof reporter.payload) => [
      p.job_full_name,
      p.qualified_name,
      p.pipeline,
      p.build_number,
      p.execution_id,
      p.user_id,
      p.branch_name,
      p.start_time,
      p.trigger_chain,
      p.scm_commit_ids,
      p.job_run_params
    ]
    expect(same(reporter.payload)).toEqual(same(inWorkflow.payload))
    expect(reporter.payload.job_full_name).toBe('octo-org/octo-repo/CI')
    expect(reporter.payload.build_number).toBe(57002)
    expect(reporter.payload.execution_id).toBe(`${RUN_ID}-2`)
    expect(reporter.payload.trigger_chain).toEqual([{ id: 'SCMTrigger', type: 'SCMTriggerCause' }])
    expect(reporter.payload.result).toBe('FAILURE')
    expect(reporter.payload.duration).toBe(12 * 60_000)
    expect(reporter.payload.job_run.stages.map((s) => [s.id, s.result])).toEqual([
      ['401', 'SUCCESS'],
      ['402', 'FAILURE'],
      ['403', 'NOT_BUILT'],
      [String(LAST_JOB), 'SUCCESS']
    ])
    expect(reporter.payload.scm_commit_ids).toEqual([HEAD_SHA, sha(2), sha(1)])
    expect([...reporter.githubPaths].sort()).toEqual(
      [
        `/repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/2/jobs?per_page=100&page=1`,
        `/repos/octo-org/octo-repo/actions/workflows/${WORKFLOW_ID}/runs?branch=main&event=push&created=${encodeURIComponent(`<${finishedRun.created_at}`)}&per_page=1`,
        `/repos/octo-org/octo-repo/compare/${BEFORE_SHA}...${HEAD_SHA}?per_page=100&page=1`
      ].sort()
    )
  })

  it('run-id reports that run, with its own trigger in trigger_chain, after one GET of the run', async () => {
    const dispatched = run({
      id: 9100000555,
      run_number: 61,
      event: 'workflow_dispatch',
      status: 'completed',
      conclusion: 'cancelled',
      html_url: 'https://github.com/octo-org/octo-repo/actions/runs/9100000555',
      triggering_actor: { login: 'mona' }
    })
    const { payload, githubPaths } = await report({
      world: {
        runs: { [dispatched.id]: dispatched },
        attemptJobs: {
          [`${dispatched.id}/1`]: [
            job({ id: 601, name: 'release', conclusion: 'cancelled', runId: dispatched.id })
          ]
        }
      },
      inputs: { 'run-id': String(dispatched.id), cd: 'false' },
      env: { ...reporterEnv, GITHUB_EVENT_NAME: 'workflow_dispatch' },
      event: { inputs: {} }
    })
    expect(payload.job_full_name).toBe('octo-org/octo-repo/CI')
    expect(payload.build_number).toBe(61001)
    expect(payload.execution_id).toBe('9100000555-1')
    expect(payload.trigger_chain).toEqual([{ id: 'mona', type: 'UserIdCause' }])
    expect(payload.result).toBe('ABORTED')
    expect(githubPaths).toEqual([
      '/repos/octo-org/octo-repo/actions/runs/9100000555',
      '/repos/octo-org/octo-repo/actions/runs/9100000555/attempts/1/jobs?per_page=100&page=1'
    ])
  })
})
