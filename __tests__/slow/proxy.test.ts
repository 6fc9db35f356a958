// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through a real forwarding proxy on loopback.
import { annotations, fakes, leaks, sample, sim, type ActionRun } from '../support/harness.js'
import { startProxy, type Proxy } from '../support/proxy.js'
import type { Canned } from '../support/harness.js'

const KEY = 'sei-api-key-Pr0xyT3st9'
const JOB_ID = 29679449011

async function runBehind(
  proxy: Proxy,
  noProxy: string,
  options: { proxyUrl?: string; sei?: Canned[] } = {}
) {
  const proxyUrl = options.proxyUrl ?? proxy.url
  const github = await fakes.startFakeGitHub({ jobs: [sample('job.json')] })
  const sei = await fakes.startFakeSei({ key: KEY, responses: options.sei ?? [] })
  try {
    const run: ActionRun = await sim.runAction({
      inputs: {
        'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
        'api-key': KEY,
        'sei-endpoint': sei.url,
        'job-check-run-id': String(JOB_ID),
        'timeout-seconds': '10',
        cd: 'false'
      },
      env: {
        GITHUB_API_URL: github.url,
        HTTPS_PROXY: proxyUrl,
        HTTP_PROXY: proxyUrl,
        NO_PROXY: noProxy
      },
      event: sample('event-push.json')
    })
    return { run, github, sei }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

describe('proxies from the environment', () => {
  let proxy: Proxy
  beforeEach(async () => {
    proxy = await startProxy()
  })
  afterEach(() => proxy.close())

  it('sends both the GitHub and the SEI requests through HTTPS_PROXY/HTTP_PROXY', async () => {
    const { run, github, sei } = await runBehind(proxy, '')
    expect(run.post.code).toBe(0)
    expect(run.summary).toMatch(/^### SEI report sent: /)
    expect(sei.reports).toHaveLength(1)
    const host = (url: string) => new URL(url).host
    expect([...new Set(proxy.targets)].sort()).toEqual([host(github.url), host(sei.url)].sort())
    expect(github.requests).toHaveLength(1)
  })

  it('goes direct to hosts listed in NO_PROXY', async () => {
    const { run, sei } = await runBehind(proxy, 'localhost,127.0.0.1')
    expect(run.post.code).toBe(0)
    expect(sei.reports).toHaveLength(1)
    expect(proxy.targets).toEqual([])
  })
})

describe('a password in the proxy URL', () => {
  let proxy: Proxy
  beforeEach(async () => {
    proxy = await startProxy()
  })
  afterEach(() => proxy.close())

  it.each([
    ['p4ss-secret', 'p4ss-secret'],
    ['p4ss%40secret', 'p4ss@secret']
  ])(
    'reaches the proxy, and is masked where SEI echoes the URL back (%s)',
    async (written, password) => {
      const proxyUrl = `http://user:${written}@${new URL(proxy.url).host}`
      const { run, sei } = await runBehind(proxy, '', {
        proxyUrl,
        sei: [
          {
            status: 400,
            body: { payload: `request forwarded by http://user:${password}@proxy is not allowed` }
          }
        ]
      })
      expect(leaks(run, password)).toEqual([])
      expect(leaks(run, written)).toEqual([])
      expect(leaks(run, KEY)).toEqual([])
      const basic = `Basic ${Buffer.from(`user:${password}`).toString('base64')}`
      expect(proxy.credentials.length).toBeGreaterThanOrEqual(2)
      expect(new Set(proxy.credentials)).toEqual(new Set([basic]))
      expect(sei.requests).toHaveLength(1)
      expect(run.post.code).toBe(0)
      expect(run.summary).toMatch(/^### SEI report NOT delivered: /)
      expect(annotations(run.log, 'warning')).toEqual([
        expect.stringMatching(
          /^SEI rejected the report \(HTTP 400\): request forwarded by http:\/\/user:\*\*\*@proxy is not allowed\. Once the job has ended, re-send the report from any machine with /
        )
      ])
    }
  )
})
