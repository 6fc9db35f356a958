// The CLI with hostile input: terminal escape sequences in GitHub names and kept files,
// a preview's placeholder GUID, and files that hold a secret.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PLACEHOLDER_GUID } from '../../src/cli/command.js'
import { keptReport } from '../fixtures/kept-report.js'
import { job, run, RUN_ID } from '../fixtures/runs.js'
import { fakes, runCli } from '../support/harness.js'

const KEY = 'sei-api-key-Zc81Kd0qTr57'
const TOKEN = 'ghp_cliToken0000000000000000000000000000'
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const ESCAPE = '\u001b]0;pwned\u0007\u001b[2J\u001b[31m'

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sei-cli-')), 'report.json')
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

async function send(content: unknown, env: Record<string, string> = {}) {
  const sei = await fakes.startFakeSei({ key: KEY })
  try {
    const path = file(content)
    const result = await runCli(['send', path, '--sei-endpoint', sei.url], {
      SEI_API_KEY: KEY,
      ...env
    })
    return { ...result, path, posts: sei.requests.length }
  } finally {
    await sei.close()
  }
}

describe('9. send refuses what SEI would drop or keep a secret in', () => {
  it('the placeholder GUID that preview writes', async () => {
    const result = await send({ ...keptReport(), instance_guid: PLACEHOLDER_GUID })
    expect(result.code).toBe(1)
    expect(result.posts).toBe(0)
    expect(result.stderr).toBe(
      `${result.path} reports to the placeholder instance ${PLACEHOLDER_GUID}, which SEI accepts and drops: make it with preview --instance-guid YOUR_GUID.\n`
    )
  })

  it.each([
    ['the API key', KEY, {}],
    ['the GitHub token of the environment', TOKEN, { GITHUB_TOKEN: TOKEN }]
  ])('a file holding %s, unprinted', async (_what, secret, env) => {
    const report = keptReport()
    const result = await send({ ...report, user_id: `octocat ${secret}` }, env)
    expect(result.code).toBe(1)
    expect(result.posts).toBe(0)
    expect(result.stderr).toBe(
      `${result.path} contains the API key or a GitHub token: remove it (SEI would store it) and send again.\n`
    )
    expect(result.stdout + result.stderr).not.toContain(secret)
  })
})

describe('9. the CLI prints no control characters from GitHub or a file', () => {
  it('send: a kept file whose names hold escape sequences', async () => {
    const result = await send({
      ...keptReport(),
      job_full_name: `octo-org/octo-repo/CI/${ESCAPE}build`
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('octo-org/octo-repo/CI/]0;pwned[2J[31mbuild')
    expect(result.stdout + result.stderr).not.toMatch(CONTROL)
  })

  it('preview: job names from GitHub that hold escape sequences', async () => {
    const jobs = [job({ id: 101, name: `build${ESCAPE}`, conclusion: 'success' })]
    const github = await fakes.startFakeGitHub({
      attemptJobs: { [`${RUN_ID}/1`]: jobs },
      runs: { [RUN_ID]: run({ status: 'completed', conclusion: 'success' }) }
    })
    try {
      const result = await runCli(
        ['preview', '--repo', 'octo-org/octo-repo', '--run-id', String(RUN_ID), '--job', 'nope'],
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url }
      )
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`Run ${RUN_ID} has no job named "nope"; its jobs are "build`)
      expect(result.stdout + result.stderr).not.toMatch(CONTROL)
    } finally {
      await github.close()
    }
  })
})
