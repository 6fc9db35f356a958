import { PLACEHOLDER_GUID } from '../../src/cli/command.js'
import { HELP } from '../../src/cli/preview.js'
import { serverUrlOf } from '../../src/cli/run-reference.js'
import type { GitHubJob, GitHubRun } from '../../src/github/types.js'
import { validatePayload, type SeiPayload } from '../../src/sei/schema.js'
import {
  startFakeGitHub,
  wireProblems,
  type FakeServer,
  type FakeGitHubWorld
} from '../../scripts/lib/fake-servers.mjs'
import { runCli } from '../support/cli.js'
import { run } from '../fixtures/runs.js'
import { sampleWorkflowJobs } from '../support/sample-runs.js'

const MORE = 'Run "sei-cicd-action preview --help" for more.'
const TOKEN = 'ghp_previewtoken0123456789'
const RUN_ID = 9100000001

/** The second attempt of run 57, finished, as GET /actions/runs/{id} answers. */
function finishedRun(): GitHubRun {
  return run({
    run_attempt: 2,
    status: 'completed',
    conclusion: 'failure',
    created_at: '2026-11-30T09:39:58Z',
    updated_at: '2026-11-30T09:44:31Z',
    triggering_actor: { login: 'hubot' }
  })
}

function attemptTwoJobs(): GitHubJob[] {
  return sampleWorkflowJobs().map((job) => ({ ...job, run_attempt: 2 }))
}

function world(): FakeGitHubWorld {
  const jobs = attemptTwoJobs()
  return {
    run: finishedRun(),
    jobs: [...jobs, { ...jobs[0]!, id: 555, run_id: 8000000000 }],
    attemptJobs: { [`${RUN_ID}/2`]: jobs }
  }
}

describe('sei-cicd-action preview', () => {
  let github: FakeServer
  beforeEach(async () => {
    github = await startFakeGitHub(world())
  })
  afterEach(() => github.close())

  const preview = (args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }) =>
    runCli(
      [
        'preview',
        '--repo',
        'octo-org/octo-repo',
        '--run-id',
        String(RUN_ID),
        '--api-url',
        github.url,
        '--server-url',
        'https://github.com',
        ...args
      ],
      env
    )

  it('prints the whole-run payload, valid for SEI, and sends nothing', async () => {
    const { code, stdout, stderr } = await preview([])
    expect(code).toBe(0)
    const payload = JSON.parse(stdout) as SeiPayload
    expect(() => validatePayload(payload)).not.toThrow()
    expect(wireProblems(payload)).toEqual([])
    expect(payload).toMatchObject({
      pipeline: 'CI',
      job_full_name: 'octo-org/octo-repo/CI',
      instance_guid: PLACEHOLDER_GUID,
      instance_url: 'https://github.com',
      repo_url: 'https://github.com/octo-org/octo-repo.git',
      result: 'FAILURE',
      build_number: 57002,
      execution_id: `${RUN_ID}-2`,
      user_id: 'hubot',
      start_time: Date.parse('2026-11-30T09:40:00Z'),
      duration: 266_000,
      ci: true,
      cd: false
    })
    expect(payload.job_run.stages.map((stage) => stage.displayName)).toEqual([
      'lint',
      'build (ubuntu-latest, 20)',
      'build (ubuntu-latest, 22)',
      'build (windows-latest, 22)',
      'e2e / browser tests',
      'deploy'
    ])
    expect(stderr).toBe(
      [
        `Preview of the whole run of run ${RUN_ID} in octo-org/octo-repo: result FAILURE, build_number 57002, 6 stage(s). Nothing was sent to SEI.`,
        `instance_guid is the placeholder ${PLACEHOLDER_GUID}: pass --instance-guid to show yours.`,
        ''
      ].join('\n')
    )
    expect(github.requests.every((request) => request.method === 'GET')).toBe(true)
    expect(github.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('prints one job by name as scope: job reports it, with its own end and attempt', async () => {
    const guid = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
    const { code, stdout, stderr } = await preview([
      '--job',
      'build (windows-latest, 22)',
      '--instance-guid',
      guid.toUpperCase()
    ])
    expect(code).toBe(0)
    const payload = validatePayload(JSON.parse(stdout))
    expect(payload).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/build (windows-latest, 22)',
      instance_guid: guid,
      result: 'FAILURE',
      build_number: 57002,
      execution_id: `${RUN_ID}-2-30000000004`,
      start_time: Date.parse('2026-11-30T09:40:44Z'),
      duration: 207_000
    })
    expect(payload.job_run.stages).toHaveLength(1)
    expect(payload.job_run.stages[0]!.steps.map((step) => [step.displayName, step.result])).toEqual(
      [
        ['Set up job', 'SUCCESS'],
        ['Run npm ci', 'SUCCESS'],
        ['Run npm test', 'FAILURE']
      ]
    )
    expect(stderr).not.toContain('placeholder')
  })

  it('finds a job by id too', async () => {
    const { code, stdout } = await preview(['--job', '30000000002'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/build (ubuntu-latest, 20)',
      result: 'SUCCESS',
      execution_id: `${RUN_ID}-2-30000000002`
    })
  })

  it('names the jobs of the run when --job matches none (exit 2)', async () => {
    const result = await preview(['--job', 'build'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `Run ${RUN_ID} has no job named "build"; its jobs are "lint", "build (ubuntu-latest, 20)", "build (ubuntu-latest, 22)", "build (windows-latest, 22)", "e2e / browser tests", "deploy". ${MORE}\n`
    )
    const other = await preview(['--job', '555'])
    expect(other.code).toBe(2)
    expect(other.stderr).toBe(`Job 555 belongs to run 8000000000, not to run ${RUN_ID}. ${MORE}\n`)
  })

  it('reads the token from --token-env and never prints it', async () => {
    const result = await preview(['--token-env', 'GH_PAT'], { GH_PAT: TOKEN })
    expect(result.code).toBe(0)
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it('says what the token lacks on 403, without retrying (exit 1)', async () => {
    await github.close()
    github = await startFakeGitHub({
      ...world(),
      faults: [
        {
          match: /\/actions\/runs\//,
          responses: [{ status: 403, body: { message: 'Resource not accessible by integration' } }]
        }
      ]
    })
    const result = await preview([])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'GitHub answered 403 for octo-org/octo-repo: the token in GITHUB_TOKEN cannot read its Actions runs; a fine-grained token needs "Actions: read", a classic token the repo scope.\n'
    })
    expect(github.requests).toHaveLength(1)
  })

  it('masks the token when GitHub echoes it in an answer (exit 1)', async () => {
    await github.close()
    github = await startFakeGitHub({
      ...world(),
      faults: [
        {
          match: /\/actions\/runs\//,
          responses: [{ status: 422, body: { message: `bad credentials Bearer ${TOKEN}` } }]
        }
      ]
    })
    const result = await preview([])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('bad credentials Bearer ***')
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it('says which option to check when the run does not exist (exit 1)', async () => {
    const result = await runCli(
      ['preview', '--repo', 'octo-org/octo-repo', '--run-id', '123', '--api-url', github.url],
      { GITHUB_TOKEN: TOKEN }
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'GitHub found no workflow run 123 in octo-org/octo-repo (HTTP 404 on GET /repos/octo-org/octo-repo/actions/runs/123): check --repo, --run-id and --job, and that the token in GITHUB_TOKEN can see the repository.\n'
    )
  })

  it.each([
    [[], {}, 'No GitHub token: GH_TOKEN and GITHUB_TOKEN are both empty.'],
    [['--repo', 'octo-repo', '--run-id', '1'], { GITHUB_TOKEN: TOKEN }, '--repo is "octo-repo"'],
    [['--repo', 'o/r'], { GITHUB_TOKEN: TOKEN }, '--run-id is required.'],
    [
      ['--repo', 'o/r', '--run-id', 'abc'],
      { GITHUB_TOKEN: TOKEN },
      '--run-id is "abc": use the numeric id of a workflow run'
    ],
    [
      ['--repo', 'o/r', '--run-id', '1', '--instance-guid', 'nope'],
      { GITHUB_TOKEN: TOKEN },
      '--instance-guid is "nope", which is not a GUID'
    ],
    [
      ['--repo', 'o/r', '--run-id', '1', '--cd', 'maybe'],
      { GITHUB_TOKEN: TOKEN },
      '--cd is "maybe"'
    ],
    [
      ['--repo', 'o/r', '--run-id', '1', '--instance-guid', ''],
      { GITHUB_TOKEN: TOKEN },
      '--instance-guid is empty: give the GUID register printed, or leave the option out to show a placeholder.'
    ],
    [
      ['--repo', 'o/r', '--run-id', '1', '--cfr-status', 'often'],
      { GITHUB_TOKEN: TOKEN },
      '--cfr-status is "often"'
    ]
  ])('exits 2 on a wrong command line %j', async (args, env, message) => {
    const result = await runCli(
      ['preview', ...(args.length ? args : ['--repo', 'o/r', '--run-id', '1'])],
      env
    )
    expect(result.code).toBe(2)
    // One line: the problem, then where to read more; no help dump.
    expect(result.stderr.startsWith(message)).toBe(true)
    expect(result.stderr).toMatch(/^[^\n]* Run "sei-cicd-action preview --help" for more\.\n$/)
    expect(result.stderr).not.toContain('${{')
    expect(github.requests).toHaveLength(0)
  })

  describe('of a run still in progress', () => {
    beforeEach(async () => {
      await github.close()
      const jobs = attemptTwoJobs()
      const deploy = jobs.find((job) => job.name === 'deploy')!
      Object.assign(deploy, { status: 'in_progress', conclusion: null, completed_at: null })
      const waiting = jobs.find((job) => job.name === 'e2e / browser tests')!
      Object.assign(waiting, { status: 'queued', conclusion: null, completed_at: null })
      github = await startFakeGitHub({
        run: { ...finishedRun(), status: 'in_progress', conclusion: null },
        jobs,
        attemptJobs: { [`${RUN_ID}/2`]: jobs }
      })
    })

    it('says so in the result line and the stages, with a note, and exits 0', async () => {
      const { code, stdout, stderr } = await preview([])
      expect(code).toBe(0)
      const payload = validatePayload(JSON.parse(stdout))
      expect(payload.job_run.stages.map((stage) => [stage.displayName, stage.state])).toEqual([
        ['lint', 'FINISHED'],
        ['build (ubuntu-latest, 20)', 'FINISHED'],
        ['build (ubuntu-latest, 22)', 'FINISHED'],
        ['build (windows-latest, 22)', 'FINISHED'],
        ['e2e / browser tests', 'QUEUED'],
        ['deploy', 'RUNNING']
      ])
      expect(stderr.split('\n')[0]).toBe(
        `Preview of the whole run of run ${RUN_ID} in octo-org/octo-repo: result ${payload.result} so far, still in progress, build_number 57002, 6 stage(s). Nothing was sent to SEI.`
      )
      expect(stderr.split('\n')[1]).toBe(
        'Note: the run has not finished (2 job(s) marked RUNNING or QUEUED): this is the report as it stands now, not the one the action sends at the end, and send refuses it. Preview again once GitHub shows it finished.'
      )
    })

    it('shows a finished job of it as finished, with no note', async () => {
      const { code, stdout, stderr } = await preview(['--job', 'lint'])
      expect(code).toBe(0)
      expect(validatePayload(JSON.parse(stdout)).job_run.stages[0]!.state).toBe('FINISHED')
      expect(stderr).not.toContain('in progress')
      expect(stderr).not.toContain('Note:')
    })

    it('says so too between two jobs, when every job listed has finished', async () => {
      await github.close()
      github = await startFakeGitHub({
        ...world(),
        run: { ...finishedRun(), status: 'in_progress', conclusion: null }
      })
      const { code, stdout, stderr } = await preview([])
      expect(code).toBe(0)
      const payload = validatePayload(JSON.parse(stdout))
      expect(payload.job_run.stages.every((stage) => stage.state === 'FINISHED')).toBe(true)
      expect(stderr.split('\n')[1]).toBe(
        'Note: the run has not finished: this is the report as it stands now, not the one the action sends at the end. Preview again once GitHub shows it finished.'
      )
    })

    it('marks a job still running as such', async () => {
      const { code, stdout, stderr } = await preview(['--job', 'deploy'])
      expect(code).toBe(0)
      expect(validatePayload(JSON.parse(stdout)).job_run.stages[0]!.state).toBe('RUNNING')
      expect(stderr).toContain('so far, still in progress')
      expect(stderr).toContain('Note: the job has not finished (1 job(s) marked RUNNING or QUEUED)')
    })
  })

  it('prints its help with exit 0', async () => {
    expect(await runCli(['preview', '-h'])).toEqual({ code: 0, stdout: `${HELP}\n`, stderr: '' })
  })
})

describe('the GitHub web address of an API', () => {
  it.each([
    ['https://api.github.com', 'https://github.com'],
    ['https://ghes.example.com/api/v3', 'https://ghes.example.com'],
    ['https://api.octo.ghe.com', 'https://octo.ghe.com']
  ])('%s → %s', (api, server) => expect(serverUrlOf(api)).toBe(server))
})

describe('sei-cicd-action', () => {
  it('lists its commands and exits 0 on --help, 2 without a command or on an unknown one', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(
      /^ {2}register {2}create an SEI CI\/CD instance.*\n {2}preview {3}print the payload.*\n {2}send {6}post a report/m
    )
    expect((await runCli([])).code).toBe(2)
    const unknown = await runCli(['regsiter'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      'Unknown command "regsiter"; did you mean register? Run "sei-cicd-action --help" for more.\n'
    )
  })
})
