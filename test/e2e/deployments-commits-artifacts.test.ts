// What DORA needs from a report: CD or CI, the commits it carries, the artifacts that
// link the CI run that built an image to the deployment that shipped it.
import { at, BEFORE_SHA, HEAD_SHA, job, pushEvent, RUN_ID, sha } from '../fixtures/runs.js'
import { report } from '../support/report-run.js'

const DEPLOY_JOB = 29679449011
const BUILD_JOB = 29679449012
const IMAGE_LINE =
  'type=container,name=ghcr.io/acme/api,location=ghcr.io/acme/api,qualifier=sha256:3f1c9a0d5e7b'
const IMAGE = {
  type: 'container',
  name: 'ghcr.io/acme/api',
  location: 'ghcr.io/acme/api',
  qualifier: 'sha256:3f1c9a0d5e7b'
}
const jobLog = (run: number, jobId: number) =>
  `https://github.com/octo-org/octo-repo/actions/runs/${run}/job/${jobId}`

/** GitHub as seen by jobs of run 57: an older deploy, one by a staging job, one by this job. */
const world = {
  jobs: [
    job({ id: DEPLOY_JOB, name: 'deploy / production', conclusion: null, from: 3 }),
    job({ id: BUILD_JOB, name: 'build', conclusion: null, from: 2 })
  ],
  deployments: [
    { id: 3003, sha: HEAD_SHA, ref: 'main', environment: 'production', created_at: at(2) },
    { id: 3002, sha: HEAD_SHA, ref: 'main', environment: 'staging', created_at: at(1) },
    {
      id: 3001,
      sha: HEAD_SHA,
      ref: 'main',
      environment: 'production',
      created_at: '2026-11-29T16:03:11Z'
    }
  ],
  statuses: {
    3003: [
      {
        state: 'in_progress',
        log_url: jobLog(RUN_ID, DEPLOY_JOB),
        target_url: jobLog(RUN_ID, DEPLOY_JOB)
      },
      { state: 'queued', log_url: null, target_url: null }
    ],
    3002: [{ state: 'success', log_url: jobLog(RUN_ID, 29679440001), target_url: null }],
    3001: [{ state: 'success', log_url: jobLog(RUN_ID - 40, 29679000001), target_url: null }]
  }
}

const deploymentCalls = (paths: string[]) => paths.filter((p) => p.includes('/deployments'))

describe('cd: auto and the artifacts', () => {
  it('a job that deployed to an environment is CD, its artifacts inputs, and the other inputs pass through', async () => {
    const { payload, githubPaths, seiProblems } = await report({
      world,
      inputs: {
        'job-check-run-id': String(DEPLOY_JOB),
        artifacts: IMAGE_LINE,
        params: 'region=eu-west-1',
        'project-name': 'payments',
        'module-name': 'api',
        themes: 'payments, checkout',
        'cfr-status': 'true'
      },
      event: pushEvent([HEAD_SHA])
    })
    expect(seiProblems).toEqual([])
    expect([payload.ci, payload.cd]).toEqual([false, true])
    expect(payload.artifacts).toEqual([{ input: true, output: false, ...IMAGE }])
    expect(deploymentCalls(githubPaths)).toEqual([
      `/repos/octo-org/octo-repo/deployments?sha=${HEAD_SHA}&per_page=100`,
      '/repos/octo-org/octo-repo/deployments/3003/statuses?per_page=100'
    ])
    expect(payload.job_run_params).toContainEqual({
      type: 'StringParameterValue',
      name: 'region',
      value: 'eu-west-1'
    })
    expect([payload.project_name, payload.module_name, payload.themes, payload.cfr_status]).toEqual(
      ['payments', 'api', ['payments', 'checkout'], true]
    )
  })

  it('a job of the same run that did not deploy is CI, and its artifacts are outputs', async () => {
    const { payload, githubPaths } = await report({
      world,
      inputs: { 'job-check-run-id': String(BUILD_JOB), artifacts: `[${JSON.stringify(IMAGE)}]` },
      event: pushEvent([HEAD_SHA])
    })
    expect([payload.ci, payload.cd]).toEqual([true, false])
    expect(payload.artifacts).toEqual([{ input: false, output: true, ...IMAGE }])
    expect(deploymentCalls(githubPaths)).toHaveLength(3)
  })

  it('cd: true and cd: false decide without asking for deployments', async () => {
    for (const cd of ['true', 'false']) {
      const { payload, githubPaths } = await report({
        world,
        inputs: { 'job-check-run-id': String(BUILD_JOB), cd },
        event: pushEvent([HEAD_SHA])
      })
      expect(payload.cd).toBe(cd === 'true')
      expect(payload.ci).toBe(cd !== 'true')
      expect(deploymentCalls(githubPaths)).toEqual([])
    }
  })
})

describe('commits of a push longer than its payload lists', () => {
  const all = [...Array.from({ length: 29 }, (_, i) => sha(i + 1)), HEAD_SHA]
  const event = pushEvent(all.slice(0, 20))
  const inputs = { 'job-check-run-id': String(BUILD_JOB), cd: 'false' }

  it('a push of 30 commits reports all 30 full SHAs, read from the compare API', async () => {
    const { payload, githubPaths, seiProblems } = await report({
      world: { ...world, compare: { [`${BEFORE_SHA}...${HEAD_SHA}`]: all } },
      inputs,
      event
    })
    expect(seiProblems).toEqual([])
    expect(payload.scm_commit_ids).toHaveLength(30)
    expect(payload.scm_commit_ids[0]).toBe(HEAD_SHA)
    expect([...payload.scm_commit_ids].sort()).toEqual([...all].sort())
    expect(githubPaths.filter((p) => p.includes('/compare/'))).toEqual([
      `/repos/octo-org/octo-repo/compare/${BEFORE_SHA}...${HEAD_SHA}?per_page=100&page=1`
    ])
  })

  it('when the compare API fails, the report keeps the payload commits and says so', async () => {
    const { payload, run } = await report({ world, inputs, event })
    expect(payload.scm_commit_ids).toEqual([HEAD_SHA, ...all.slice(0, 20).reverse()])
    expect(run.log).toContain(
      '::notice::The push event lists only 20 commits and the compare API could not give the rest (HTTP 404 on 9049f12...6dcb09b), so only those are reported.'
    )
    expect(run.summary).toMatch(/^### SEI report sent: /)
  })
})
