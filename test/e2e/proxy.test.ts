// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through a real forwarding proxy on loopback.
import { fakes, sample, sim, type ActionRun } from '../support/harness.js'
import { startProxy, type Proxy } from '../support/proxy.js'

const KEY = 'sei-api-key-Pr0xyT3st9'
const JOB_ID = 29679449011

async function runBehind(proxy: Proxy, noProxy: string) {
  const github = await fakes.startFakeGitHub({ jobs: [sample('job.json')] })
  const sei = await fakes.startFakeSei({ key: KEY })
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
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
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
    expect(run.outputs.delivered).toBe('true')
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
