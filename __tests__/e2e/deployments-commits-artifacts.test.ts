// What DORA needs from a report: CD or CI, the commits it carries, the artifacts that
// link the CI run that built an image to the deployment that shipped it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ACCEPTED,
  deploymentLog,
  startFakeGitHub,
  startFakeSei
} from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import {
  API_KEY,
  at,
  BEFORE_SHA,
  GUID,
  HEAD_SHA,
  job,
  pushEvent,
  run,
  RUN_ID,
  sha
} from '../fixtures/runs.js'
import { annotations, leaks } from '../support/harness.js'
import { report } from '../support/report-run.js'

const DEPLOY_JOB = 29679449011
const REPORTER_RUN = 9100000777
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
    // The commit's deployments; the candidates' statuses with their environments'
    // histories; then the earlier production deployment's statuses (a success).
    expect(deploymentCalls(githubPaths)).toEqual([
      `/repos/octo-org/octo-repo/deployments?sha=${HEAD_SHA}&per_page=100`,
      '/repos/octo-org/octo-repo/deployments?environment=production&per_page=100',
      '/repos/octo-org/octo-repo/deployments?environment=staging&per_page=100',
      '/repos/octo-org/octo-repo/deployments/3003/statuses?per_page=100',
      '/repos/octo-org/octo-repo/deployments/3002/statuses?per_page=100',
      '/repos/octo-org/octo-repo/deployments/3001/statuses?per_page=100'
    ])
    expect(payload.job_run_params[0]).toEqual({
      type: 'StringParameterValue',
      name: 'environment',
      value: 'production'
    })
    // 3001 deployed the same commit to production: a redeploy ships nothing new, and
    // lists nothing, so the commit's lead time keeps ending at 3001.
    expect(payload.scm_commit_ids).toEqual([])
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
    expect(payload.job_run_params.map((p) => p.name)).not.toContain('environment')
    // The candidates' statuses and environments are read at once; nothing further.
    expect(deploymentCalls(githubPaths)).toHaveLength(5)
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

describe('the commits a deployment shipped to its environment', () => {
  const PREVIOUS = sha(100)
  const shipped = [sha(101), sha(102), sha(103), HEAD_SHA]
  const log = deploymentLog()
  log.create({ id: 4001, sha: sha(90), environment: 'production', at: '2026-11-28T10:00:00Z' })
  log.setState(4001, 'success', { at: '2026-11-28T10:05:00Z', logUrl: jobLog(RUN_ID - 9, 1) })
  log.create({ id: 4002, sha: PREVIOUS, environment: 'production', at: '2026-11-29T10:00:00Z' })
  log.setState(4002, 'success', { at: '2026-11-29T10:05:00Z', logUrl: jobLog(RUN_ID - 5, 2) })
  log.create({ id: 4003, sha: sha(103), environment: 'production', at: '2026-11-30T08:00:00Z' })
  log.setState(4003, 'failure', { at: '2026-11-30T08:05:00Z', logUrl: jobLog(RUN_ID - 1, 3) })
  log.create({ id: 4004, sha: HEAD_SHA, environment: 'production', at: at(2) })
  log.setState(4004, 'in_progress', { at: at(2), logUrl: jobLog(RUN_ID, DEPLOY_JOB) })
  const history = {
    jobs: [job({ id: DEPLOY_JOB, name: 'deploy', conclusion: null, from: 3 })],
    deployments: log.deployments,
    statuses: log.statuses,
    compare: { [`${PREVIOUS}...${HEAD_SHA}`]: shipped }
  }
  const dispatch = { inputs: { environment: 'prod' } }
  const env = { GITHUB_EVENT_NAME: 'workflow_dispatch' }

  it('a dispatched release lists the head, then every commit since the previous successful deployment, past a failed one', async () => {
    // GitHub marked 4001 inactive when 4002 succeeded; the rule still sees its success.
    expect(log.statuses[4001]!.map((s) => (s as { state: string }).state)).toEqual([
      'inactive',
      'success',
      'waiting'
    ])
    const { payload, run } = await report({
      world: history,
      inputs: { 'job-check-run-id': String(DEPLOY_JOB) },
      env,
      event: dispatch
    })
    expect(payload.cd).toBe(true)
    expect(payload.scm_commit_ids).toEqual([HEAD_SHA, sha(103), sha(102), sha(101)])
    expect(payload.job_run_params.filter((p) => p.name === 'environment')).toEqual([
      { type: 'StringParameterValue', name: 'environment', value: 'production' }
    ])
    expect(run.summary).toContain('| `job_run_params` | environment = `production` |')
    expect(run.summary).toContain(
      `**production**: 4 commits shipped since the previous successful deployment, [${PREVIOUS.slice(0, 7)}](${jobLog(RUN_ID - 5, 2)}).`
    )
  })

  it('the environment input names a deployment made without a GitHub environment: the previous successful run of the job', async () => {
    const workflowRun = (id: number, headSha: string, conclusion: string, day: number) => ({
      id,
      name: 'Release',
      path: '.github/workflows/release.yml',
      workflow_id: 77,
      run_number: id - 9000,
      run_attempt: 1,
      event: 'workflow_dispatch',
      status: 'completed',
      conclusion,
      head_branch: 'main',
      head_sha: headSha,
      created_at: `2026-11-2${day}T10:00:00Z`,
      updated_at: `2026-11-2${day}T10:09:00Z`,
      html_url: `https://github.com/octo-org/octo-repo/actions/runs/${id}`
    })
    const runs = {
      9001: workflowRun(9001, sha(90), 'success', 6),
      9002: workflowRun(9002, PREVIOUS, 'success', 7),
      9003: workflowRun(9003, sha(103), 'failure', 8)
    }
    const ship = (id: number, conclusion: string) => [
      job({ id: id * 10, name: 'ship', conclusion, runId: id }),
      job({ id: id * 10 + 1, name: 'test', conclusion: 'success', runId: id })
    ]
    const { payload, run, githubPaths } = await report({
      world: {
        jobs: [job({ id: DEPLOY_JOB, name: 'ship', conclusion: null, from: 3 })],
        runs,
        attemptJobs: {
          '9001/1': ship(9001, 'success'),
          '9002/1': ship(9002, 'success'),
          '9003/1': ship(9003, 'failure')
        },
        compare: { [`${PREVIOUS}...${HEAD_SHA}`]: shipped }
      },
      inputs: { 'job-check-run-id': String(DEPLOY_JOB), environment: 'prod-eu' },
      env: {
        ...env,
        GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main'
      },
      event: dispatch
    })
    expect([payload.ci, payload.cd]).toEqual([false, true])
    expect(payload.scm_commit_ids).toEqual([HEAD_SHA, sha(103), sha(102), sha(101)])
    expect(payload.job_run_params.filter((p) => p.name === 'environment')).toEqual([
      { type: 'StringParameterValue', name: 'environment', value: 'prod-eu' }
    ])
    expect(githubPaths.filter((p) => p.includes('/workflows/'))).toEqual([
      `/repos/octo-org/octo-repo/actions/workflows/release.yml/runs?status=completed&created=${encodeURIComponent(`<${at(2)}`)}&per_page=20`
    ])
    expect(run.summary).toContain(
      '**prod-eu**: 4 commits shipped since the previous successful deployment'
    )
  })

  it('environment with cd: false is refused in one line that names both inputs', async () => {
    const github = await startFakeGitHub(history)
    const sei = await startFakeSei()
    try {
      const run = await runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': API_KEY,
          'sei-endpoint': sei.url,
          environment: 'production',
          cd: 'false'
        },
        env: { GITHUB_API_URL: github.url }
      })
      expect(run.log).toContain(
        '::warning title=sei-cicd-action::Input "environment" is "production", which reports a deployment, but cd is false: remove one of the two.'
      )
      expect(sei.reports).toEqual([])
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })
})

describe('artifacts straight from the Docker actions', () => {
  const DIGEST = 'sha256:0a8e1f6c2b7d9e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f'
  const metadata = {
    'buildx.build.ref': 'builder-1/builder-10/ylq4vbpf7f1elngpbjbm1kq5x',
    'containerimage.config.digest':
      'sha256:7c2d0a5e4b1f3c6d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d',
    'containerimage.descriptor': {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      digest: DIGEST,
      size: 856
    },
    'containerimage.digest': DIGEST,
    'image.name': 'ghcr.io/acme/api:main,ghcr.io/acme/api:sha-6dcb09b'
  }
  const artifact = {
    type: 'container',
    name: 'ghcr.io/acme/api',
    location: 'ghcr.io/acme/api',
    qualifier: DIGEST,
    hash: DIGEST,
    metadata: { tags: 'main,sha-6dcb09b' }
  }

  it('the build job sends build-push-action metadata as an output, the deploy job the same as an input', async () => {
    const build = await report({
      world,
      inputs: { 'job-check-run-id': String(BUILD_JOB), artifacts: JSON.stringify(metadata) },
      event: pushEvent([HEAD_SHA])
    })
    const deploy = await report({
      world,
      inputs: { 'job-check-run-id': String(DEPLOY_JOB), artifacts: JSON.stringify(metadata) },
      event: pushEvent([HEAD_SHA])
    })
    expect(build.payload.artifacts).toEqual([{ input: false, output: true, ...artifact }])
    expect(deploy.payload.artifacts).toEqual([{ input: true, output: false, ...artifact }])
  })
})

describe('a deployment of a long range, and the order its requests go in', () => {
  const PREVIOUS = sha(20_000)
  const range = [...Array.from({ length: 1499 }, (_, i) => sha(20_001 + i)), HEAD_SHA]
  const longWorld = (latencyMs = 0) => {
    const log = deploymentLog()
    log.create({ id: 5001, sha: PREVIOUS, environment: 'production', at: '2026-11-29T10:00:00Z' })
    log.setState(5001, 'success', { at: '2026-11-29T10:05:00Z', logUrl: jobLog(RUN_ID - 3, 9) })
    log.create({ id: 5002, sha: HEAD_SHA, environment: 'production', at: at(2) })
    log.setState(5002, 'in_progress', { at: at(2), logUrl: jobLog(RUN_ID, DEPLOY_JOB) })
    return {
      jobs: [job({ id: DEPLOY_JOB, name: 'deploy', conclusion: null, from: 3 })],
      deployments: log.deployments,
      statuses: log.statuses,
      compare: { [`${PREVIOUS}...${HEAD_SHA}`]: range },
      latencyMs
    }
  }

  it('1,500 commits since the previous deployment: the newest 1,000, and a notice of the rest', async () => {
    const { payload, run } = await report({
      world: longWorld(),
      inputs: { 'job-check-run-id': String(DEPLOY_JOB) },
      env: { GITHUB_EVENT_NAME: 'workflow_dispatch' }
    })
    expect(payload.scm_commit_ids).toHaveLength(1000)
    expect(payload.scm_commit_ids.slice(0, 2)).toEqual([HEAD_SHA, range.at(-2)])
    expect(payload.scm_commit_ids.at(-1)).toBe(range[500])
    expect(run.log).toContain(
      '::notice::This deployment shipped 1500 commits; the newest 1000 are reported (SEI links lead time by commit, so the oldest 500 get none).'
    )
  })

  it('each request starts as soon as what it needs has come: four GitHub round trips, then SEI', async () => {
    const latency = 250
    const short = [sha(20_001), HEAD_SHA]
    const github = await startFakeGitHub({
      ...longWorld(latency),
      compare: { [`${PREVIOUS}...${HEAD_SHA}`]: short }
    })
    const sei = await startFakeSei({ key: API_KEY })
    try {
      const run = await runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': API_KEY,
          'sei-endpoint': sei.url,
          'job-check-run-id': String(DEPLOY_JOB)
        },
        env: { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'workflow_dispatch' },
        skipMain: true
      })
      expect(run.log).toMatch(/ to SEI: HTTP 202 after 1 attempt\(s\)\./)
      // A request's round trip is one more than that of the latest answer it could have
      // waited for: robust to a slow machine, yet a request that waits needlessly for an
      // answer it does not need lands one round trip later.
      const waves = new Map<number, number>()
      const wave = (at: number): number =>
        Math.max(
          0,
          ...github.requests
            .filter((q) => q.at + latency <= at)
            .map((q) => (waves.get(q.at) ?? wave(q.at)) + 1)
        )
      for (const r of github.requests) waves.set(r.at, wave(r.at))
      const prefix = '/repos/octo-org/octo-repo'
      expect(
        github.requests.map((r) => `${wave(r.at)} ${r.path.replace(prefix, '')}`).sort()
      ).toEqual([
        `0 /actions/jobs/${DEPLOY_JOB}`,
        `0 /deployments?sha=${HEAD_SHA}&per_page=100`,
        '1 /deployments/5002/statuses?per_page=100',
        '1 /deployments?environment=production&per_page=100',
        '2 /deployments/5001/statuses?per_page=100',
        `3 /compare/${PREVIOUS}...${HEAD_SHA}?per_page=100&page=1`
      ])
      expect(wave(sei.requests[0]!.at)).toBe(4)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })
})

describe('a finished run reported by run-id', () => {
  const PREVIOUS = sha(30_000)
  function finishedRunWorld() {
    const log = deploymentLog()
    log.create({ id: 6001, sha: PREVIOUS, environment: 'production', at: '2026-11-29T10:00:00Z' })
    log.setState(6001, 'success', { at: '2026-11-29T10:05:00Z', logUrl: jobLog(RUN_ID - 2, 5) })
    log.create({ id: 6002, sha: HEAD_SHA, environment: 'production', at: at(2) })
    log.setState(6002, 'in_progress', { at: at(2), logUrl: jobLog(RUN_ID, DEPLOY_JOB) })
    log.setState(6002, 'success', { at: at(5) })
    const finished = run({
      workflow_id: 4242,
      event: 'workflow_dispatch',
      status: 'completed',
      conclusion: 'success',
      updated_at: at(6)
    })
    return {
      log,
      world: {
        runs: { [RUN_ID]: finished },
        attemptJobs: {
          [`${RUN_ID}/1`]: [
            job({ id: BUILD_JOB, name: 'build', conclusion: 'success', from: 1 }),
            job({ id: DEPLOY_JOB, name: 'deploy', conclusion: 'success', from: 2 })
          ]
        },
        deployments: log.deployments,
        statuses: log.statuses,
        compare: { [`${PREVIOUS}...${HEAD_SHA}`]: [sha(30_001), HEAD_SHA] }
      }
    }
  }

  it('is CI, and its deploying job is reported on its own: CD, its environment, the commits since the previous deployment there', async () => {
    const { log, world } = finishedRunWorld()
    const {
      payload,
      reports,
      run: step
    } = await report({
      world,
      inputs: { 'run-id': String(RUN_ID) },
      env: { GITHUB_RUN_ID: String(REPORTER_RUN) },
      reports: 2
    })
    // GitHub marked the earlier production deployment inactive when 6002 succeeded.
    expect((log.statuses[6001]![0] as { state: string }).state).toBe('inactive')
    expect([payload.job_full_name, payload.ci, payload.cd, payload.result]).toEqual([
      'octo-org/octo-repo/CI',
      true,
      false,
      'SUCCESS'
    ])
    expect(payload.job_run_params.map((p) => p.name)).not.toContain('environment')
    const deployed = reports[1]!
    expect([deployed.job_full_name, deployed.build_number, deployed.cd]).toEqual([
      'octo-org/octo-repo/CI/deploy',
      57001,
      true
    ])
    expect(deployed.scm_commit_ids).toEqual([HEAD_SHA, sha(30_001)])
    expect(deployed.job_run_params[0]).toEqual({
      type: 'StringParameterValue',
      name: 'environment',
      value: 'production'
    })
    expect(step.summary).toContain(
      'Deploying job `deploy` is reported on its own, as its own step reports it: `octo-org/octo-repo/CI/deploy` #57001, ✅ SUCCESS, environment = `production`.'
    )
    expect(step.summary).toContain(
      '**production**: 2 commits shipped since the previous successful deployment'
    )
  })

  it('a deploying job whose report SEI refuses: a warning that keeps it, the run still reported, the job not failed', async () => {
    const github = await startFakeGitHub(finishedRunWorld().world)
    const sei = await startFakeSei({
      key: API_KEY,
      responses: [
        ACCEPTED,
        { status: 400, body: { payload: 'job_name/pipeline field is missing in request' } }
      ]
    })
    try {
      const step = await runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': API_KEY,
          'sei-endpoint': sei.url,
          'timeout-seconds': '10',
          'run-id': String(RUN_ID)
        },
        env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: String(REPORTER_RUN) }
      })
      const kept = join(
        step.dir,
        'runner-temp',
        'sei-cicd-action',
        `report-${RUN_ID}-1-${DEPLOY_JOB}.json`
      )
      expect([step.main.code, step.post.code]).toEqual([0, 0])
      expect(annotations(step.log, 'error')).toEqual([])
      expect(annotations(step.log, 'warning')).toEqual([
        `The report of the deploying job octo-org/octo-repo/CI/deploy #57001 was not delivered: SEI rejected the report (HTTP 400): job_name/pipeline field is missing in request. Once the run has ended, re-send the report from any machine with \`npx github:sei-cicd-action/sei-cicd-action#v1 preview --run-id=https://github.com/octo-org/octo-repo/actions/runs/${RUN_ID}/job/${DEPLOY_JOB} --instance-guid=${GUID} --api-url=${github.url} | npx github:sei-cicd-action/sei-cicd-action#v1 send - --sei-endpoint ${sei.url}\` (with a GitHub token that can read the repository in GITHUB_TOKEN and the API key in SEI_API_KEY). On a self-hosted runner, the payload kept in ${kept} can be sent instead: \`npx github:sei-cicd-action/sei-cicd-action#v1 send ${kept} --sei-endpoint ${sei.url}\` (with the API key in SEI_API_KEY). The job is not affected (fail-on-error is false).`
      ])
      expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({
        job_full_name: 'octo-org/octo-repo/CI/deploy',
        cd: true
      })
      expect(step.outputs.delivered).toBe('true')
      const posted = sei.requests.map(
        (r) => (JSON.parse(r.body) as { job_full_name: string }).job_full_name
      )
      expect(posted).toEqual(['octo-org/octo-repo/CI', 'octo-org/octo-repo/CI/deploy'])
      expect(leaks(step, API_KEY)).toEqual([])
      expect(step.log).not.toMatch(/##\[/)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })
})
