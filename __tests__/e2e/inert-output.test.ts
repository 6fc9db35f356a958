// Names from GitHub, SEI's answers and kept files reach the log, and a fork chooses some
// of them: printed by the bundled action and CLI, they must run no workflow command. The
// runner stand-in reads each step's output as the runner does: `##[name]` anywhere in a
// line, `::name::` at its start, stop-commands and its token.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeGitHubOrg } from '../../scripts/lib/fake-org.mjs'
import { orgWorld } from '../../scripts/lib/sync-world.mjs'
import { runnerCommands, type RunnerCommand } from '../../scripts/lib/runner-sim.mjs'
import { inert } from '../../src/runner.js'
import { keptReport } from '../fixtures/kept-report.js'
import { API_KEY, GUID, job as jobOf, run as runOf, RUN_ID } from '../fixtures/runs.js'
import { TOKEN } from '../support/sync-cli.js'
import { servers } from '../support/sync-org.js'
import {
  fakes,
  reportToSei,
  runCli,
  sample,
  type FakeServer,
  type NodeRun
} from '../support/harness.js'

/** One name of each kind that runs a command when printed raw; "pwned" marks them all. */
const HOSTILE = [
  'a ##[stop-commands]pwnedtoken',
  'b ##[add-mask]pwned-mask',
  'c ##[set-output name=pwned;]pwned-out',
  'd ##[error]pwned-error',
  'e ##[warning title=pwned]pwned-warning',
  '::error::pwned-leading'
]

const hostileName = (i: number) => HOSTILE[i % HOSTILE.length]!

/** The commands of a step that came from a hostile name, and whether it left commands off. */
function hostile(step: NodeRun): { commands: RunnerCommand[]; stopped: boolean | undefined } {
  return {
    commands: (step.commands ?? []).filter((c) => /pwned/i.test(c.line)),
    stopped: step.stopped
  }
}

const CLEAN = { commands: [], stopped: false }

/** The bundled action against `github` and a stand-in SEI, with `inputs` and `env` added. */
async function report(
  github: FakeServer,
  inputs: Record<string, string>,
  env: Record<string, string>
) {
  try {
    return await reportToSei(
      github.url,
      { 'instance-guid': GUID, 'api-key': API_KEY, ...inputs },
      env
    )
  } finally {
    await github.close()
  }
}

describe('the runner stand-in reads commands as the runner does', () => {
  it('runs every hostile name printed raw, and none printed inert', () => {
    for (const name of HOSTILE) {
      expect(runnerCommands([`Reported "${name}"`, name]).commands.length).toBeGreaterThan(0)
      expect(runnerCommands([inert(`Reported "${name}"`), inert(name)]).commands).toEqual([])
    }
  })

  it('reads a line started after a carriage return, and `::` after blanks', () => {
    const text = `job x\r::error::pwned\n  ::warning::pwned`
    const lines = text.split(/\r\n|\r|\n/)
    expect(runnerCommands(lines).commands.map((c) => c.command)).toEqual(['error', 'warning'])
    expect(runnerCommands(inert(text).split(/\r\n|\r|\n/)).commands).toEqual([])
  })

  it('stops at stop-commands and resumes at its token only', () => {
    const read = runnerCommands([
      '::stop-commands::tok3n-1234',
      '::error::ignored',
      '##[tok3n-9999]',
      '::tok3n-1234::',
      '::error::seen'
    ])
    expect(read.commands.map((c) => `${c.command}:${c.data}`)).toEqual([
      'stop-commands:tok3n-1234',
      'tok3n-1234:',
      'error:seen'
    ])
    expect(read.stopped).toBe(false)
    expect(runnerCommands(['::stop-commands::error']).refused).toEqual(['error'])
  })

  it('keeps JSON equal to itself', () => {
    const value = { names: HOSTILE, nested: { job: '##[error]x ##[' } }
    expect(JSON.parse(inert(JSON.stringify(value, null, 2)))).toEqual(value)
  })
})

describe('the action prints names from GitHub inert', () => {
  it('job scope: the post step names a hostile job, steps and branch in the payload and "Reported"', async () => {
    const base = sample<{ id: number; steps: { name: string }[] }>('job.json')
    const job = {
      ...base,
      name: HOSTILE.join(' '),
      steps: base.steps.map((step, i) => ({ ...step, name: `${step.name} ${hostileName(i)}` }))
    }
    const github = await fakes.startFakeGitHub({ jobs: [job] })
    const { run, reports } = await report(
      github,
      { 'job-check-run-id': String(job.id) },
      { GITHUB_REF_NAME: hostileName(3) }
    )
    expect(reports).toHaveLength(1)
    expect(run.post.stdout).toContain('##\\u005bstop-commands]pwnedtoken')
    expect(run.post.stdout).toMatch(/^Reported /m)
    expect(hostile(run.main)).toEqual(CLEAN)
    expect(hostile(run.post)).toEqual(CLEAN)
    expect((run.post.commands ?? []).map((c) => c.command)).not.toContain('set-output')
  })

  it('whole run: the main step names a fork’s hostile jobs', async () => {
    const jobs = HOSTILE.map((name, i) =>
      jobOf({ id: 101 + i, name, conclusion: 'success', from: i })
    )
    const reporter = jobOf({ id: 29679449999, name: 'report', conclusion: null, from: 9 })
    const github = await fakes.startFakeGitHub({
      attemptJobs: { [`${RUN_ID}/1`]: [...jobs, reporter] },
      runs: { [RUN_ID]: runOf({ name: hostileName(0), head_branch: hostileName(1) }) }
    })
    const { run } = await report(
      github,
      { scope: 'workflow', 'job-check-run-id': String(reporter.id), 'dry-run': 'true' },
      { GITHUB_WORKFLOW: hostileName(2) }
    )
    expect(run.main.stdout).toMatch(/^::stop-commands::sei-[0-9a-f]{32}$/m)
    expect(run.main.stdout).toContain('pwned-mask')
    expect(hostile(run.main)).toEqual(CLEAN)
    expect(hostile(run.post)).toEqual(CLEAN)
  })
})

describe('the CLI prints names from GitHub, SEI and files inert in a workflow', () => {
  const inWorkflow = { GITHUB_ACTIONS: 'true' }

  it('send: the job name of a kept file', async () => {
    const report = { ...keptReport(), job_full_name: `octo-org/octo-repo/CI/${HOSTILE.join(' ')}` }
    const file = join(mkdtempSync(join(tmpdir(), 'sei-send-')), 'report.json')
    writeFileSync(file, JSON.stringify(report))
    const sei = await fakes.startFakeSei({ key: API_KEY })
    try {
      const run = await runCli(['send', file, '--sei-endpoint', sei.url], {
        SEI_API_KEY: API_KEY,
        ...inWorkflow
      })
      expect(run.code).toBe(0)
      expect(run.stdout + run.stderr).toContain('pwned')
      expect(hostile(run)).toEqual(CLEAN)
    } finally {
      await sei.close()
    }
  })

  it('send: SEI’s 400 message, quoted in the failure line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sei-send-')), 'report.json')
    writeFileSync(file, JSON.stringify(keptReport()))
    const sei = await fakes.startFakeSei({
      key: API_KEY,
      responses: [{ status: 400, body: { message: HOSTILE.join('\n') } }]
    })
    try {
      const run = await runCli(['send', file, '--sei-endpoint', sei.url], {
        SEI_API_KEY: API_KEY,
        ...inWorkflow
      })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('pwned')
      expect(hostile(run)).toEqual(CLEAN)
    } finally {
      await sei.close()
    }
  })

  it('sync --dry-run: JSON lines with hostile workflow and job names, still JSON', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 4 }] })
    world.repos[0]!.runs.forEach((run, i) => {
      run.name = hostileName(i)
      run.head_branch = hostileName(i + 1)
    })
    const { github, sei } = await servers(world)
    try {
      const run = await runCli(
        ['sync', '--instance-guid', GUID, '--repo', 'octo-org/web', '--cd', 'false', '--dry-run'],
        {
          GITHUB_TOKEN: TOKEN,
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          ...inWorkflow
        }
      )
      expect(run.code).toBe(0)
      const payloads = run.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { pipeline: string })
      expect(payloads.length).toBeGreaterThan(0)
      expect(payloads.map((p) => p.pipeline)).toEqual(
        expect.arrayContaining([hostileName(0), hostileName(1)])
      )
      expect(hostile(run)).toEqual(CLEAN)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('sync: SEI’s 400 message in the failure line', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 2 }] })
    const github = await startFakeGitHubOrg(world)
    const sei = await fakes.startFakeSei({
      key: API_KEY,
      responses: Array.from({ length: 20 }, () => ({
        status: 400,
        body: { message: HOSTILE.join(' ') }
      }))
    })
    try {
      const run = await runCli(
        [
          'sync',
          '--instance-guid',
          GUID,
          '--repo',
          'octo-org/web',
          '--cd',
          'false',
          '--sei-endpoint',
          sei.url
        ],
        {
          GITHUB_TOKEN: TOKEN,
          SEI_API_KEY: API_KEY,
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          ...inWorkflow
        }
      )
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('pwned')
      expect(hostile(run)).toEqual(CLEAN)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })

  it('outside a workflow only `##[` is broken; a leading `::` is left as it is', async () => {
    const report = { ...keptReport(), job_full_name: '::x:: ##[error]y' }
    const file = join(mkdtempSync(join(tmpdir(), 'sei-send-')), 'report.json')
    writeFileSync(file, JSON.stringify(report))
    const sei = await fakes.startFakeSei({ key: API_KEY })
    try {
      const run = await runCli(['send', file, '--sei-endpoint', sei.url], { SEI_API_KEY: API_KEY })
      expect(run.code).toBe(0)
      expect(run.stdout + run.stderr).toContain('::x:: ##\\u005berror]y')
    } finally {
      await sei.close()
    }
  })
})
