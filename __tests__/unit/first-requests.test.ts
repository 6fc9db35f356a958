// The post step's first requests leave before the GitHub client is loaded, and the
// client is handed their answers only if it asks for the very same URL with the same
// token. These tests hold the two sides together: what firstRequests sends is what the
// client asks for, and the answers go to the first asker only.
import { jest } from '@jest/globals'
import { answeringFrom, firstRequests } from '../../src/action/first-requests.js'
import { LEAVE_WAIT_MS, requestsLeft } from '../../src/action/post.js'
import { primeJobReport } from '../../src/collect/report.js'
import { readContext } from '../../src/context.js'
import { readInputs } from '../../src/inputs.js'
import { createGitHubClient } from '../../src/github/client.js'
import { Budget } from '../../src/http/retry.js'
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport.js'
import { sha } from '../fixtures/runs.js'

const TOKEN = 'ghs_firstrequests000000000000000000000'
const JOB = 29679449011

function stepEnv(inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  const all: Record<string, string> = { 'github-token': TOKEN, 'job-check-run-id': String(JOB) }
  Object.assign(all, inputs)
  return {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_API_URL: 'https://api.github.com/',
    GITHUB_SHA: sha(1),
    ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...env
  }
}

/** What the client sends for the job and the commit's deployments, recorded. */
async function clientAsks(env: Record<string, string>): Promise<HttpRequest[]> {
  const asked: HttpRequest[] = []
  const transport: Transport = {
    async send(request) {
      asked.push(request)
      const body = request.url.includes('/actions/jobs/')
        ? { id: JOB, run_id: 1, name: 'build', status: 'completed', steps: [] }
        : []
      return { status: 200, headers: {}, body: JSON.stringify(body) }
    },
    async close() {}
  }
  const client = createGitHubClient({
    apiUrl: env.GITHUB_API_URL!.replace(/\/+$/, ''),
    token: TOKEN,
    owner: 'octo-org',
    repo: 'octo-repo',
    transport,
    budget: new Budget(10_000)
  })
  await client.getJob(JOB)
  await client.listDeployments(env.GITHUB_SHA!)
  return asked
}

const shown = (requests: HttpRequest[]) =>
  requests.map((r) => ({ method: r.method, url: r.url, headers: r.headers }))

describe('what the post step sends first', () => {
  it('exactly what the client asks for: the job, then the commit deployments', async () => {
    const env = stepEnv()
    const first = firstRequests(env)
    expect(first.map((r) => r.url)).toEqual([
      `https://api.github.com/repos/octo-org/octo-repo/actions/jobs/${JOB}`,
      `https://api.github.com/repos/octo-org/octo-repo/deployments?sha=${sha(1)}&per_page=100`
    ])
    expect(shown(first)).toEqual(shown(await clientAsks(env)))
    expect(first.every((r) => r.timeoutMs === 20_000)).toBe(true)
  })

  it('a GitHub Enterprise Server API and a short timeout', async () => {
    const env = stepEnv(
      { 'timeout-seconds': '5' },
      { GITHUB_API_URL: 'https://ghes.example/api/v3' }
    )
    const first = firstRequests(env)
    expect(shown(first)).toEqual(shown(await clientAsks(env)))
    expect(first.map((r) => r.timeoutMs)).toEqual([5000, 5000])
  })

  it('the job alone with cd: false or true; deployments too with an environment', () => {
    const urls = (inputs: Record<string, string>) => firstRequests(stepEnv(inputs)).length
    expect(urls({ cd: 'false' })).toBe(1)
    expect(urls({ cd: 'true' })).toBe(1)
    expect(urls({ cd: 'false', environment: 'production' })).toBe(2)
    expect(urls({ cd: 'auto', 'job-check-run-id': '' })).toBe(1)
  })

  it.each([
    ['a whole run', { scope: 'workflow' }, {}],
    ['another run', { 'run-id': '123' }, {}],
    ['no token', { 'github-token': '' }, {}],
    ['an unclear timeout', { 'timeout-seconds': '1.5' }, {}],
    ['a timeout past the limit', { 'timeout-seconds': '601' }, {}],
    ['plain http to another machine', {}, { GITHUB_API_URL: 'http://ghes.example/api/v3' }],
    ['no repository', {}, { GITHUB_REPOSITORY: '' }]
  ])('none for %s', (_, inputs, env) => {
    expect(firstRequests(stepEnv(inputs, env))).toEqual([])
  })

  it('plain http to another machine when allow-insecure-http is true', () => {
    const env = stepEnv(
      { 'allow-insecure-http': 'true', cd: 'false' },
      { GITHUB_API_URL: 'http://ghes.example/api/v3' }
    )
    expect(firstRequests(env).map((r) => r.url)).toEqual([
      `http://ghes.example/api/v3/repos/octo-org/octo-repo/actions/jobs/${JOB}`
    ])
  })
})

describe('who gets the answers', () => {
  const answer = (body: string): Promise<HttpResponse> =>
    Promise.resolve({ status: 200, headers: {}, body })
  const get = (url: string, token = TOKEN): HttpRequest => ({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
    timeoutMs: 1000
  })

  it('the first GET of the URL with the same token; everything else goes out', async () => {
    const sent: HttpRequest[] = []
    const inner: Transport = {
      send: async (request) => {
        sent.push(request)
        return { status: 200, headers: {}, body: 'sent' }
      },
      close: async () => undefined
    }
    const url = 'https://api.github.com/repos/o/r/actions/jobs/1'
    const transport = answeringFrom(inner, [{ request: get(url), answer: answer('early') }])
    expect((await transport.send(get(url, 'ghs_other'))).body).toBe('sent')
    expect((await transport.send({ ...get(url), method: 'POST' })).body).toBe('sent')
    expect((await transport.send(get(url))).body).toBe('early')
    expect((await transport.send(get(url))).body).toBe('sent')
    expect(sent.map((r) => r.method)).toEqual(['GET', 'POST', 'GET'])
  })
})

describe('compiling the report while GitHub answers', () => {
  it('runs the checks and the mapping through on a made-up job, and leaves no trace', () => {
    const env = {
      ...stepEnv({
        'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
        'api-key': 'sei-api-key-0123456789',
        matrix: '{"os": "ubuntu-latest"}',
        params: 'team=payments'
      }),
      GITHUB_RUN_ID: '1234',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_EVENT_PATH: ''
    }
    const written: string[] = []
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    try {
      expect(primeJobReport(readInputs(env), readContext(env))).toBe(true)
    } finally {
      write.mockRestore()
    }
    expect(written).toEqual([])
  })
})

describe('how long the report waits for the first requests to be written', () => {
  it('until they are, or at most LEAVE_WAIT_MS for a connection that takes longer', async () => {
    const never: Transport = {
      send: () => new Promise<HttpResponse>(() => undefined),
      close: async () => undefined,
      flushed: () => new Promise<void>(() => undefined)
    }
    const started = Date.now()
    await requestsLeft(never)
    const waited = Date.now() - started
    expect(waited).toBeGreaterThanOrEqual(LEAVE_WAIT_MS - 5)
    expect(waited).toBeLessThan(LEAVE_WAIT_MS + 500)
    const written: Transport = { ...never, flushed: async () => undefined }
    const at = Date.now()
    await requestsLeft(written)
    expect(Date.now() - at).toBeLessThan(100)
  })
})
