// An SEI endpoint that cannot work however often it is tried: https:// to a server that
// speaks plain http, and a loopback port nothing listens on. The action, `register` and
// `send` (all from dist/) say so in one line after one attempt.
import { join } from 'node:path'
import {
  annotations,
  closedPort,
  fakes,
  leaks,
  runCli,
  sample,
  sim,
  type FakeSei
} from '../support/harness.js'

const KEY = 'sei-api-key-Tq3Lm8Zx2Wc5'
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
const JOB = sample<{ id: number }>('job.json')

let sei: FakeSei
let tlsEndpoint: string
beforeAll(async () => {
  sei = await fakes.startFakeSei({ key: KEY })
  tlsEndpoint = sei.url.replace(/^http:/, 'https:')
})
afterAll(() => sei.close())

const host = (endpoint: string) => new URL(endpoint).host
const notTls = (endpoint: string) =>
  `${host(endpoint)} does not speak TLS: it answered the https:// request in plain text; check the scheme and port of the URL`

async function reportTo(endpoint: string) {
  const github = await fakes.startFakeGitHub({ jobs: [JOB] })
  try {
    return await sim.runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'sei-endpoint': endpoint,
        'job-check-run-id': String(JOB.id),
        'timeout-seconds': '20',
        cd: 'false'
      },
      env: { GITHUB_API_URL: github.url },
      event: sample('event-push.json')
    })
  } finally {
    await github.close()
  }
}

describe('https:// to an endpoint that speaks plain http', () => {
  it('the action warns once, in one line, after one attempt, and keeps the payload', async () => {
    const run = await reportTo(tlsEndpoint)
    const kept = join(
      run.dir,
      'runner-temp',
      'sei-cicd-action',
      `report-9100000001-1-${JOB.id}.json`
    )
    expect(run.post.code).toBe(0)
    // The re-send hint that follows is the post step's; this checks the reason before it.
    const warnings = annotations(run.log, 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `Could not reach SEI at ${tlsEndpoint}/v1/custom-cicd (${notTls(tlsEndpoint)}, 1 attempt(s)): check sei-endpoint and the runner's network or proxy settings. Once the job has ended, re-send the report from any machine with `
    )
    expect(warnings[0]).toContain(`the payload kept in ${kept} can be sent instead`)
    expect(run.log).not.toMatch(/retrying in|SSL routines|openssl/)
    expect(sei.reports).toEqual([])
    expect(leaks(run, KEY)).toEqual([])

    // The kept payload, re-sent to the same endpoint, gets the same one line.
    const sent = await runCli(['send', kept, '--sei-endpoint', tlsEndpoint], { SEI_API_KEY: KEY })
    expect(sent).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Could not reach SEI at ${tlsEndpoint}/v1/custom-cicd (${notTls(tlsEndpoint)}, 1 attempt(s)): check --sei-endpoint and this machine's network or proxy settings.\n`
    })
  })

  it('register says so in one line, and not that the instance may exist', async () => {
    const run = await runCli(
      ['register', '--integration-id', '4711', '--sei-endpoint', tlsEndpoint],
      {
        SEI_API_KEY: KEY
      }
    )
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Could not reach SEI at ${tlsEndpoint}/v1/cicd/instances (${notTls(tlsEndpoint)}) in 1 attempt(s): check --sei-endpoint and your network or proxy settings.\n`
    })
    expect(sei.instances).toEqual([])
  })
})

describe('a loopback port nothing listens on', () => {
  it('register says so at once: one line, one attempt, no retries', async () => {
    const endpoint = await closedPort()
    const run = await runCli(['register', '--integration-id', '4711', '--sei-endpoint', endpoint], {
      SEI_API_KEY: KEY
    })
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Could not reach SEI at ${endpoint}/v1/cicd/instances (${host(endpoint)} refused the connection: nothing listens on that port) in 1 attempt(s): check --sei-endpoint and your network or proxy settings.\n`
    })
  })
})
