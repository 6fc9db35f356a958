// A GitHub token never travels in clear to another machine: a plain http:// API URL is
// refused before any request, naming where it came from, unless it is this machine or
// the user asks for it. `http://0.0.0.0:PORT` reaches the loopback stand-in on Linux
// but is not a loopback address, so it stands for a server elsewhere.
import { API_KEY, GUID, RUN_ID } from '../fixtures/runs.js'
import { TOKEN } from '../support/sync-cli.js'
import {
  annotations,
  fakes,
  reportToSei,
  runCli,
  sample,
  type FakeServer
} from '../support/harness.js'

const elsewhere = (github: FakeServer) => github.url.replace('127.0.0.1', '0.0.0.0')
const refusal = (what: string, url: string, optIn = ', or with --allow-insecure-http') =>
  `${what} "${url}" uses plain http, which would send the GitHub token unencrypted: use https:// (http is allowed only to localhost${optIn})`

/** `preview` of the sample run from the API at `apiUrl`, with `extra` options. */
function preview(apiUrl: string, ...extra: string[]) {
  const args = ['--repo', 'octo-org/octo-repo', '--run-id', String(RUN_ID), '--api-url', apiUrl]
  return runCli(['preview', ...args, ...extra], { GITHUB_TOKEN: TOKEN })
}

async function withGitHub<T>(body: (github: FakeServer) => Promise<T>): Promise<T> {
  const github = await fakes.startFakeGitHub({ jobs: [sample('job.json')] })
  try {
    return await body(github)
  } finally {
    await github.close()
  }
}

describe('a plain http:// GitHub API URL', () => {
  it('preview --api-url: refused with exit 2, nothing sent', async () => {
    await withGitHub(async (github) => {
      const url = elsewhere(github)
      const run = await preview(url)
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        `${refusal('--api-url', url)}. Run "sei-cicd-action preview --help" for more.\n`
      )
      expect(run.stdout).toBe('')
      expect(github.requests).toEqual([])
    })
  })

  it('preview with GITHUB_API_URL, and with a run address on an http:// server, names each', async () => {
    await withGitHub(async (github) => {
      const url = elsewhere(github)
      const fromEnv = await runCli(
        ['preview', '--repo', 'octo-org/octo-repo', '--run-id', String(RUN_ID)],
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: url }
      )
      expect(fromEnv.code).toBe(2)
      expect(fromEnv.stderr).toContain(refusal('GITHUB_API_URL', url))
      const fromAddress = await runCli(
        ['preview', '--run-id', `http://ghes.example/octo-org/octo-repo/actions/runs/${RUN_ID}`],
        { GITHUB_TOKEN: TOKEN }
      )
      expect(fromAddress.code).toBe(2)
      expect(fromAddress.stderr).toContain(refusal('--run-id', 'http://ghes.example'))
      expect(github.requests).toEqual([])
    })
  })

  it('sync with GITHUB_API_URL: refused with exit 2, nothing sent', async () => {
    await withGitHub(async (github) => {
      const url = elsewhere(github)
      const run = await runCli(
        ['sync', '--instance-guid', GUID, '--repo', 'octo-org/octo-repo', '--dry-run'],
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: url }
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toBe(
        `${refusal('GITHUB_API_URL', url)}. Run "sei-cicd-action sync --help" for more.\n`
      )
      expect(github.requests).toEqual([])
    })
  })

  it('with --allow-insecure-http the request is made, token and all', async () => {
    await withGitHub(async (github) => {
      const run = await preview(
        elsewhere(github),
        '--allow-insecure-http',
        '--timeout-seconds',
        '3'
      )
      expect(run.stderr).not.toContain('plain http')
      expect(github.requests.length).toBeGreaterThan(0)
      expect(github.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    })
  })

  it('to this machine is allowed without the option', async () => {
    await withGitHub(async (github) => {
      await preview(github.url)
      expect(github.requests.length).toBeGreaterThan(0)
    })
  })

  /** The bundled action (cd: false) reading the API at `apiUrl`, with `inputs` added. */
  async function action(apiUrl: string, inputs: Record<string, string> = {}) {
    const { run, requests } = await reportToSei(apiUrl, {
      'instance-guid': GUID,
      'api-key': API_KEY,
      'job-check-run-id': '29679449011',
      ...inputs
    })
    return { run, seiRequests: requests }
  }

  it('the action, given such a GITHUB_API_URL, warns and sends nothing; the job is not failed', async () => {
    await withGitHub(async (github) => {
      const url = elsewhere(github)
      const { run, seiRequests } = await action(url)
      expect([run.main.code, run.post.code]).toEqual([0, 0])
      expect(annotations(run.log, 'warning')).toEqual([
        `${refusal('GITHUB_API_URL', url, ', or with the input allow-insecure-http: true')}; the report was not made. The job is not affected (fail-on-error is false).`
      ])
      expect(github.requests).toEqual([])
      expect(seiRequests).toEqual([])
    })
  })

  it('the action with allow-insecure-http: true reads the API and reports', async () => {
    await withGitHub(async (github) => {
      const { run, seiRequests } = await action(elsewhere(github), {
        'allow-insecure-http': 'true'
      })
      expect([run.main.code, run.post.code]).toEqual([0, 0])
      expect(annotations(run.log, 'warning')).toEqual([])
      expect(github.requests.length).toBeGreaterThan(0)
      expect(github.requests[0]!.headers.authorization).toMatch(/^Bearer /)
      expect(seiRequests).toHaveLength(1)
    })
  })
})
