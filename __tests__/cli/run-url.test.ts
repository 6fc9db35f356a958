// `preview --run-id` takes what users copy from the browser: the address of a run, of
// one of its jobs, or of one of its attempts, on github.com or a GHES host.
import { apiUrlOf, parseRunReference } from '../../src/cli/run-reference.js'
import { validatePayload } from '../../src/sei/schema.js'
import { startFakeGitHub, type FakeServer } from '../../scripts/lib/fake-servers.mjs'
import { run } from '../fixtures/runs.js'
import { runCli } from '../support/harness.js'
import { sampleWorkflowJobs } from '../support/sample-runs.js'

const TOKEN = 'ghp_runurltoken0123456789'
const RUN_ID = 9100000001
const RUN_URL = `https://github.com/octo-org/octo-repo/actions/runs/${RUN_ID}`

describe('parseRunReference', () => {
  it.each([
    ['9100000001', { runId: '9100000001' }],
    [
      RUN_URL,
      { runId: '9100000001', repository: 'octo-org/octo-repo', serverUrl: 'https://github.com' }
    ],
    [`${RUN_URL}/`, { runId: '9100000001', repository: 'octo-org/octo-repo' }],
    [`${RUN_URL}/job/30000000004`, { runId: '9100000001', jobId: '30000000004' }],
    [`${RUN_URL}/job/30000000004?pr=12#step:3:7`, { jobId: '30000000004' }],
    [`${RUN_URL}/attempts/1`, { runId: '9100000001', attempt: 1 }],
    [
      'https://ghes.corp.example/platform/api-server/actions/runs/42/attempts/3',
      {
        runId: '42',
        attempt: 3,
        repository: 'platform/api-server',
        serverUrl: 'https://ghes.corp.example'
      }
    ]
  ])('%s', (raw, expected) => {
    expect(parseRunReference(raw)).toMatchObject(expected)
  })

  it.each([
    'https://github.com/octo-org/octo-repo/pull/12',
    'https://github.com/octo-org/octo-repo/actions/runs/abc',
    'ftp://github.com/octo-org/octo-repo/actions/runs/1'
  ])('refuses %s, saying what an address looks like', (raw) => {
    expect(parseRunReference(raw)).toEqual({
      error: `--run-id is "${raw}", not the address of a workflow run: use its id, or an address such as https://github.com/OWNER/REPO/actions/runs/ID (…/job/ID and …/attempts/N too).`
    })
  })

  it.each([
    ['https://github.com', 'https://api.github.com'],
    ['https://octo.ghe.com', 'https://api.octo.ghe.com'],
    ['https://ghes.corp.example', 'https://ghes.corp.example/api/v3']
  ])('reads the API of %s at %s', (server, api) => expect(apiUrlOf(server)).toBe(api))
})

describe('preview --run-id ADDRESS, from dist/', () => {
  let github: FakeServer
  beforeAll(async () => {
    const jobs = sampleWorkflowJobs()
    github = await startFakeGitHub({
      run: run({ run_attempt: 2, status: 'completed', conclusion: 'failure' }),
      jobs: jobs.map((job) => ({ ...job, run_attempt: 2 })),
      attemptJobs: {
        [`${RUN_ID}/1`]: jobs.slice(0, 2).map((job) => ({ ...job, run_attempt: 1 })),
        [`${RUN_ID}/2`]: jobs.map((job) => ({ ...job, run_attempt: 2 }))
      }
    })
  })
  afterAll(() => github.close())

  const preview = (address: string, ...more: string[]) =>
    runCli(['preview', '--run-id', address, '--api-url', github.url, ...more], {
      GITHUB_TOKEN: TOKEN
    })

  it('a job address reports that job, the repository and web address taken from it', async () => {
    const result = await preview(`${RUN_URL}/job/30000000004`)
    expect(result.code).toBe(0)
    expect(validatePayload(JSON.parse(result.stdout))).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/build (windows-latest, 22)',
      execution_id: `${RUN_ID}-2-30000000004`,
      instance_url: 'https://github.com',
      repo_url: 'https://github.com/octo-org/octo-repo.git'
    })
    expect(
      github.requests.some((request) => request.path.startsWith('/repos/octo-org/octo-repo/'))
    ).toBe(true)
  })

  it('an attempt address reports that attempt, not the latest', async () => {
    const result = await preview(`${RUN_URL}/attempts/1`)
    expect(result.code).toBe(0)
    const payload = validatePayload(JSON.parse(result.stdout))
    expect(payload).toMatchObject({ build_number: 57001, execution_id: `${RUN_ID}-1` })
    expect(payload.job_run.stages).toHaveLength(2)
  })

  it('a GHES address gives the web address of the report', async () => {
    const result = await preview(
      `https://ghes.corp.example/octo-org/octo-repo/actions/runs/${RUN_ID}`
    )
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      instance_url: 'https://ghes.corp.example',
      repo_url: 'https://ghes.corp.example/octo-org/octo-repo.git'
    })
  })

  it('an address and a --repo that disagree: one line, exit 2, nothing asked', async () => {
    const before = github.requests.length
    const result = await preview(RUN_URL, '--repo', 'octo-org/other')
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `--repo is "octo-org/other", but the --run-id address says "octo-org/octo-repo". Run "sei-cicd-action preview --help" for more.\n`
    })
    expect(github.requests).toHaveLength(before)
  })
})
