// RUNNER_DEBUG=1 (a run re-run with debug logging): one ::debug:: line per request,
// with method, URL, status and time, and never a secret in any encoding.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fakes, leaks, loggedPayload, runCli, sample, sim } from '../support/harness.js'

const KEY = 'sei-api-key-Db9Qe4Hs7Vn2'
const TOKEN = 'ghs_debugtoken0000000000000000000000'
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
const JOB = sample<{ id: number }>('job.json')

/** The secret as written, URL-encoded, in base64, and inside the Authorization header. */
const encodings = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  Buffer.from(secret).toString('base64'),
  Buffer.from(`ApiKey ${secret}`).toString('base64'),
  Buffer.from(`x-access-token:${secret}`).toString('base64')
]

const debugLines = (text: string) => text.split('\n').filter((line) => line.startsWith('::debug::'))

async function report(env: Record<string, string>) {
  const github = await fakes.startFakeGitHub({ jobs: [JOB] })
  const sei = await fakes.startFakeSei({ key: KEY, responses: [{ status: 503 }] })
  try {
    const run = await sim.runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'github-token': TOKEN,
        'sei-endpoint': sei.url,
        'job-check-run-id': String(JOB.id),
        cd: 'false'
      },
      env: { GITHUB_API_URL: github.url, ...env },
      event: sample('event-push.json')
    })
    return { run, github, sei }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

describe('RUNNER_DEBUG=1 in the action', () => {
  it('logs each request, retries included, and no secret anywhere', async () => {
    const { run, github, sei } = await report({ RUNNER_DEBUG: '1' })
    expect(run.log).toMatch(/ to SEI: HTTP 202 after 2 attempt\(s\)\./)
    const escaped = (url: string) => url.replace(/[.?]/g, '\\$&')
    expect(debugLines(run.log)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::debug::GET ${escaped(github.url)}/repos/octo-org/octo-repo/actions/jobs/${JOB.id}: HTTP 200 in \\d+ ms$`
        )
      ),
      expect.stringMatching(
        new RegExp(`^::debug::POST ${escaped(sei.url)}/v1/custom-cicd: HTTP 503 in \\d+ ms$`)
      ),
      expect.stringMatching(
        new RegExp(`^::debug::POST ${escaped(sei.url)}/v1/custom-cicd: HTTP 202 in \\d+ ms$`)
      )
    ])
    expect(debugLines(run.log)).toHaveLength(github.requests.length + sei.requests.length)
    for (const secret of [...encodings(KEY), ...encodings(TOKEN)]) {
      expect(leaks(run, secret)).toEqual([])
    }
  })

  it('logs nothing of the kind without it', async () => {
    const { run } = await report({})
    expect(run.log).toMatch(/ to SEI: HTTP 202 after /)
    expect(debugLines(run.log)).toEqual([])
  })
})

describe('RUNNER_DEBUG=1 in the CLI', () => {
  it('send tells its request on stderr, apart from its output, masked', async () => {
    const sei = await fakes.startFakeSei({ key: KEY })
    try {
      const action = await report({})
      const kept = loggedPayload<Record<string, unknown>>(action.run.log)!
      const file = join(mkdtempSync(join(tmpdir(), 'sei-debug-')), 'report.json')
      writeFileSync(file, JSON.stringify(kept))
      const run = await runCli(['send', file, '--sei-endpoint', sei.url], {
        SEI_API_KEY: KEY,
        RUNNER_DEBUG: '1'
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^Sent .+: HTTP 202 after 1 attempt\(s\)\.\n$/)
      expect(debugLines(run.stderr)).toEqual([
        expect.stringMatching(
          /^::debug::POST http:\/\/127\.0\.0\.1:\d+\/v1\/custom-cicd: HTTP 202 in \d+ ms$/
        )
      ])
      for (const secret of encodings(KEY)) expect(run.stdout + run.stderr).not.toContain(secret)
    } finally {
      await sei.close()
    }
  })
})
