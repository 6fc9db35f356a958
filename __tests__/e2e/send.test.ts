// `sei-cicd-action send FILE` re-posts a payload the action kept, from the bundled CLI.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HELP } from '../../src/cli/send.js'
import { keptReport } from '../fixtures/kept-report.js'
import { runCli as runInProcess } from '../support/cli.js'
import {
  fakes,
  runCli,
  sample,
  sim,
  type Canned,
  type FakeSei,
  type NodeRun
} from '../support/harness.js'

const KEY = 'sei-api-key-Zc81Kd0qTr57'

function keptFile(content: string): string {
  const file = join(
    mkdtempSync(join(tmpdir(), 'sei-send-')),
    'report-9100000001-2-29679449011.json'
  )
  writeFileSync(file, content)
  return file
}

const send = runCli
const MORE = 'Run "sei-cicd-action send --help" for more.'

async function withSei<T>(responses: Canned[], body: (sei: FakeSei) => Promise<T>): Promise<T> {
  const sei = await fakes.startFakeSei({ responses, key: KEY })
  try {
    return await body(sei)
  } finally {
    await sei.close()
  }
}

const output = (run: NodeRun) => run.stdout + run.stderr

/** The bundled CLI with `input` on its standard input, as after a | in a shell. */
function sendPiped(args: string[], input: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(process.cwd(), 'dist', 'cli', 'index.js'), ...args],
      {
        env: { PATH: process.env.PATH, ...env }
      }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input)
  })
}

describe('sei-cicd-action send FILE', () => {
  it('re-delivers a kept payload, unchanged, with the key from SEI_API_KEY', async () => {
    const report = keptReport()
    const file = keptFile(JSON.stringify(report, null, 2) + '\n')
    await withSei([{ status: 503 }], async (sei) => {
      const run = await send(['send', file, '--sei-endpoint', sei.url, '--timeout-seconds=5'], {
        SEI_API_KEY: KEY
      })
      expect(run.code).toBe(0)
      expect(sei.requests).toHaveLength(2)
      expect(sei.reports).toEqual([report])
      expect(sei.problems).toEqual([])
      expect(run.stderr).toMatch(/^SEI: HTTP 503 on attempt 1; retrying in \d\.\d s\.$/m)
      expect(run.stdout).toBe(
        `Sent octo-org/octo-repo/CI/build (ubuntu-latest, 20) #57002 to ${sei.url}/v1/custom-cicd: HTTP 202 after 2 attempt(s).\n`
      )
      expect(output(run)).not.toContain(KEY)
    })
  })

  it('re-delivers the very file a failed action run kept', async () => {
    const job = sample<{ id: number }>('job.json')
    const github = await fakes.startFakeGitHub({ jobs: [job] })
    await withSei([{ status: 401 }], async (sei) => {
      const action = await sim.runAction({
        inputs: {
          'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
          'api-key': KEY,
          'sei-endpoint': sei.url,
          'job-check-run-id': String(job.id),
          'timeout-seconds': '5'
        },
        env: { GITHUB_API_URL: github.url },
        event: sample('event-push.json')
      })
      await github.close()
      expect(action.summary).toMatch(/^### SEI report NOT delivered: /)
      const file = join(
        action.dir,
        'runner-temp',
        'sei-cicd-action',
        `report-9100000001-1-${job.id}.json`
      )
      const run = await send(['send', file, '--sei-endpoint', sei.url], { SEI_API_KEY: KEY })
      expect(run.code).toBe(0)
      expect(sei.reports).toEqual([JSON.parse(sei.requests[0]!.body)])
    })
  })

  it('--api-key works but warns about shell history, and never echoes the key', async () => {
    const file = keptFile(JSON.stringify(keptReport()))
    await withSei([{ status: 401 }], async (sei) => {
      const run = await send(['send', '--api-key', KEY, `--sei-endpoint=${sei.url}`, file])
      expect(run.code).toBe(1)
      expect(sei.requests).toHaveLength(1)
      expect(sei.requests[0]!.headers.authorization).toBe(`ApiKey ${KEY}`)
      expect(run.stderr).toBe(
        'Warning: --api-key leaves the key in your shell history; prefer SEI_API_KEY=... in the environment.\n' +
          `SEI refused the API key (HTTP 401): check the --api-key value, and that --sei-endpoint ("${sei.url}") is the Harness cluster the key belongs to.\n`
      )
      expect(run.stdout).toBe('')
    })
  })

  it('--api-key-env names the variable that holds the key, and SEI_API_KEY is then ignored', async () => {
    const file = keptFile(JSON.stringify(keptReport()))
    await withSei([], async (sei) => {
      const run = await send(
        ['send', file, '--api-key-env', 'SEI_KEY_CI', '--sei-endpoint', sei.url],
        {
          SEI_KEY_CI: 'sei-key-of-another-account',
          SEI_API_KEY: KEY
        }
      )
      expect(run.code).toBe(1)
      expect(sei.requests).toHaveLength(1)
      expect(sei.requests[0]!.headers.authorization).toBe('ApiKey sei-key-of-another-account')
      expect(run.stderr).toBe(
        `SEI refused the API key (HTTP 401): check the key in SEI_KEY_CI, and that --sei-endpoint ("${sei.url}") is the Harness cluster the key belongs to.\n`
      )
    })
  })

  it.each<[string, string[], Record<string, string>, string]>([
    [
      'no file',
      ['send'],
      { SEI_API_KEY: KEY },
      'Give the report file to send: sei-cicd-action send FILE (or - for standard input).'
    ],
    [
      'two files',
      ['send', 'report-1.json', 'report-2.json'],
      { SEI_API_KEY: KEY },
      'Give one report file, not 2.'
    ],
    [
      'no key',
      ['send', 'report.json'],
      {},
      'No API key: the environment variable SEI_API_KEY is empty. Set it to a Harness SEI API key (or name another variable with --api-key-env).'
    ],
    [
      'an empty variable named by --api-key-env',
      ['send', 'report.json', '--api-key-env', 'SEI_KEY_CI'],
      { SEI_API_KEY: KEY, SEI_KEY_CI: ' ' },
      'No API key: the environment variable SEI_KEY_CI is empty. Set it to a Harness SEI API key (or name another variable with --api-key-env).'
    ],
    [
      'an unknown cluster',
      ['send', 'report.json', '--sei-endpoint', 'prod9'],
      { SEI_API_KEY: KEY },
      '--sei-endpoint "prod9" is not a known Harness cluster: use a cluster name (prod0, prod1, prod2, prod3, prod4, prod6, eu1) or the https:// URL of your SEI API base.'
    ],
    [
      'plain http to a public host',
      ['send', 'report.json', '--sei-endpoint', 'http://sei.example.com/sei/api'],
      { SEI_API_KEY: KEY },
      '--sei-endpoint "http://sei.example.com" uses plain http, which would send the API key unencrypted: use https:// (http is allowed only to localhost).'
    ],
    [
      'a negative timeout',
      ['send', 'report.json', '--timeout-seconds=-1'],
      { SEI_API_KEY: KEY },
      '--timeout-seconds is "-1": use a whole number from 1 to 600.'
    ],
    [
      'a timeout above 600 s',
      ['send', 'report.json', '--timeout-seconds', '601'],
      { SEI_API_KEY: KEY },
      '--timeout-seconds is "601": use a whole number from 1 to 600.'
    ]
  ])('exits 2 on a wrong command line, in one line: %s', async (_name, args, env, message) => {
    // Parsed before any file or server is touched: in this process, as the bundle parses it.
    const run = await runInProcess(args, env)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`${message} ${MORE}\n`)
    expect(run.stdout).toBe('')
  })

  it('exits 2 on an unknown option without echoing the value after it', async () => {
    const run = await send(['send', 'report.json', '--key', KEY], { SEI_API_KEY: KEY })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`Unknown option --key; did you mean --api-key? ${MORE}\n`)
    expect(output(run)).not.toContain(KEY)
  })

  it.each([
    [
      'is not JSON',
      '{"pipeline": "CI",',
      'is not JSON: give the report-*.json file the action kept, or pipe in what preview prints.'
    ],
    [
      'is not a report',
      JSON.stringify({ ...keptReport(), build_number: 0 }),
      'is not an SEI report (build_number is 0; it must be above 0): give the report-*.json file the action kept, or pipe in what preview prints.'
    ]
  ])('exits 1 without posting when the file %s', async (_name, content, message) => {
    const file = keptFile(content)
    await withSei([], async (sei) => {
      const run = await send(['send', file, '--sei-endpoint', sei.url], { SEI_API_KEY: KEY })
      expect(run.code).toBe(1)
      expect(run.stderr).toBe(`${file} ${message}\n`)
      expect(sei.requests).toHaveLength(0)
    })
  })

  it('names its own options, not the action inputs, when SEI cannot be reached', async () => {
    const file = keptFile(JSON.stringify(keptReport()))
    const closed = await withSei([], async (sei) => sei.url)
    const run = await send(['send', file, '--sei-endpoint', closed, '--timeout-seconds=1'], {
      SEI_API_KEY: KEY
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^Could not reach SEI at http:\/\/127\.0\.0\.1:\d+\/v1\/custom-cicd \(127\.0\.0\.1:\d+ refused the connection: nothing listens on that port, 1 attempt\(s\)\): check --sei-endpoint and this machine's network or proxy settings\.$/m
    )
    expect(output(run)).not.toContain(KEY)
  })

  it('exits 1 when the file cannot be read, saying why in words', async () => {
    const file = join(tmpdir(), 'sei-send-missing', 'report-9100000001-2-29679449011.json')
    const run = await send(['send', file], { SEI_API_KEY: KEY })
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `Cannot read ${file}: there is no such file.\n`
    })
  })

  it('reads the report from standard input with -: nothing, or a preview of a run in progress, is refused', async () => {
    const report = keptReport()
    const running = JSON.parse(JSON.stringify(report)) as {
      job_run: { stages: { state: string }[] }
    }
    running.job_run.stages[0]!.state = 'RUNNING'
    await withSei([], async (sei) => {
      const piped = (text: string) =>
        sendPiped(['send', '-', '--sei-endpoint', sei.url], text, { SEI_API_KEY: KEY })
      const refused = await piped(JSON.stringify(running))
      expect(refused).toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          'Standard input is a preview of a run still in progress (1 job(s) not finished): preview it again once GitHub shows it finished, then send that.\n'
      })
      const empty = await piped('')
      expect(empty).toMatchObject({
        code: 1,
        stderr:
          'Standard input is empty: the command before the | printed no report (its message says why).\n'
      })
      expect(sei.requests).toHaveLength(0)
    })
  })

  it('--help lists the options and exit codes', async () => {
    const run = await send(['send', '--help'])
    expect(run).toMatchObject({ code: 0, stdout: `${HELP}\n`, stderr: '' })
    expect(run.stdout).toMatch(/^Usage: sei-cicd-action send FILE\|- \[options\]$/m)
    for (const option of ['--sei-endpoint', '--timeout-seconds', '--api-key-env', '--api-key']) {
      expect(run.stdout).toContain(`  ${option} `)
    }
    expect(run.stdout).toContain('Exit codes: 0 delivered; 1 not delivered')
  })
})
