// The promises that must hold under cancellation, broken runner files, odd inputs and
// a real runner, each checked end to end through the bundled dist/ against loopback
// stand-ins for GitHub and SEI. The SIGINT cases, which take the 6 s a cancelled step
// has, are in __tests__/slow/cancellation.test.ts.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { promisify } from 'node:util'
import { join } from 'node:path'
import { RUN_ID } from '../fixtures/runs.js'
import { annotations, fakes, sample, sim, type Fault } from '../support/harness.js'
import {
  GUID,
  JOB_ID,
  KEY,
  NOT_AFFECTED,
  keptPath,
  keptReport,
  runCase,
  warnings
} from '../support/hardening-case.js'

describe('1. cancellation keeps the report', () => {
  it('SIGTERM while SEI does not answer (job scope): kept file, summary and a warning; exit 0 within 5 s', async () => {
    const run = await runCase({
      sei: [{ status: 'hang' }],
      signal: { step: 'post', name: 'SIGTERM' }
    })
    expect(run.post.code).toBe(0)
    expect(run.afterSignal!.ms).toBeLessThan(5000)
    expect(keptReport(run).execution_id).toBe(`${RUN_ID}-1-${JOB_ID}`)
    expect(run.summary).toMatch(/^### SEI report NOT delivered: /)
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        /^The job was cancelled \(SIGTERM\) before the report was delivered\. Once the job has ended, re-send the report from any machine with `[^`]+ preview [^`]+ \| [^`]+ send - [^`]+` \([^)]+\)\. On a self-hosted runner, the payload kept in .+report-9100000001-1-29679449011\.json can be sent instead: /
      )
    ])
  })

  it('SIGTERM in the main step (scope: workflow): the outputs the workflow sees say so too', async () => {
    const run = await runCase({
      workflow: true,
      sei: [{ status: 'hang' }],
      signal: { step: 'main', name: 'SIGTERM' }
    })
    expect(run.main.code).toBe(0)
    expect(run.afterSignal!.ms).toBeLessThan(5000)
    expect(run.outputs.delivered).toBe('false')
    expect(JSON.parse(run.outputs.payload!)).toEqual(keptReport(run, true))
    expect(run.outputs['execution-id']).toBe(`${RUN_ID}-1`)
    expect(warnings(run)).toHaveLength(1)
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
  })

  it('with fail-on-error: true a cancelled report fails the step', async () => {
    const run = await runCase({
      sei: [{ status: 'hang' }],
      inputs: { 'fail-on-error': 'true' },
      signal: { step: 'post', name: 'SIGTERM' }
    })
    expect(run.post.code).toBe(1)
    expect(annotations(run.log, 'error')).toHaveLength(1)
    expect(existsSync(keptPath(run.dir))).toBe(true)
  })
})

describe('4. a runner file that cannot be written is a warning naming it', () => {
  const missing = (name: string) => join(tmpdir(), 'no-such-dir-sei', name)

  it('GITHUB_STATE in job scope: the main step hands nothing over, so it writes nothing, and the job is reported', async () => {
    const run = await runCase({ env: { GITHUB_STATE: missing('state') } })
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(run.main.stderr).toBe('')
    expect(annotations(run.main.stdout, 'warning')).toEqual([])
    expect(run.sei.reports).toHaveLength(1)
  })

  it('GITHUB_STATE with scope: workflow: the main step warns, exits 0 without a stack, and reports once', async () => {
    const run = await runCase({ workflow: true, env: { GITHUB_STATE: missing('state') } })
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(run.main.stderr).toBe('')
    expect(annotations(run.main.stdout, 'warning')).toEqual([
      `Could not write GITHUB_STATE (${missing('state')}): ENOENT. The job is not affected.`
    ])
    expect(run.sei.requests).toHaveLength(1)
    expect(run.outputs.delivered).toBe('true')
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
  })

  it('GITHUB_STEP_SUMMARY after SEI accepted: delivered stays true, no "unexpected error"', async () => {
    const run = await runCase({ workflow: true, env: { GITHUB_STEP_SUMMARY: missing('summary') } })
    expect(run.main.code).toBe(0)
    expect(run.sei.reports).toHaveLength(1)
    expect(run.outputs.delivered).toBe('true')
    expect(warnings(run)).toEqual([
      `Could not write GITHUB_STEP_SUMMARY (${missing('summary')}): ENOENT. The job is not affected.`
    ])
    expect(run.log).not.toMatch(/unexpected error/)
  })

  it('GITHUB_OUTPUT: the warning still says where the kept report is', async () => {
    const run = await runCase({
      workflow: true,
      sei: [{ status: 401 }],
      env: { GITHUB_OUTPUT: missing('output') }
    })
    expect(run.main.code).toBe(0)
    const all = warnings(run)
    expect(all).toContain(
      `Could not write GITHUB_OUTPUT (${missing('output')}): ENOENT. The job is not affected.`
    )
    const kept = keptPath(run.dir, true)
    expect(
      all.filter((line) => line.includes(`the payload kept in ${kept} can be sent instead`))
    ).toHaveLength(1)
    expect(existsSync(kept)).toBe(true)
  })
})

describe('6. secret inputs are checked by the main step', () => {
  it.each([
    ['an api-key of 2 characters', 'k3', /^Input "api-key" is 2 character\(s\) long/],
    [
      'an api-key with a line break',
      'sei-api-key\n7Q2xW9vR4mK8pL3n',
      /^Input "api-key" contains a control character/
    ]
  ])('%s is refused at once, naming the input and not quoting it', async (_name, key, message) => {
    const run = await runCase({ inputs: { 'api-key': key } })
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(run.sei.requests).toHaveLength(0)
    expect(run.github.requests).toHaveLength(0)
    const lines = annotations(run.main.stdout, 'warning')
    expect(lines).toEqual([expect.stringMatching(message)])
    expect(lines[0]).not.toContain('7Q2xW9vR4mK8pL3n')
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
    expect(run.summary).toMatch(/^### SEI report NOT made/)
  })
})

describe('7. without RUNNER_TEMP the kept report is private', () => {
  it('is written 0600 in a 0700 directory of its own', async () => {
    const run = await runCase({ sei: [{ status: 401 }], env: { RUNNER_TEMP: '' } })
    const file = /the payload kept in (\S+\.json) can be sent instead/.exec(
      warnings(run)[0] ?? ''
    )?.[1]
    expect(file).toBeDefined()
    expect(file!.startsWith(join(tmpdir(), 'sei-cicd-action-'))).toBe(true)
    expect(statSync(file!).mode & 0o777).toBe(0o600)
    expect(statSync(join(file!, '..')).mode & 0o777).toBe(0o700)
  })
})

describe('8. outputs reach the workflow where they can', () => {
  it('scope: workflow is reported by the main step, whose outputs the runner keeps', async () => {
    const run = await runCase({ workflow: true })
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(run.sei.reports).toHaveLength(1)
    expect(JSON.parse(run.outputs.payload!)).toEqual(run.sei.reports[0])
    expect(run.outputs).toMatchObject({
      'execution-id': `${RUN_ID}-1`,
      result: 'SUCCESS',
      delivered: 'true'
    })
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
  })

  it('job scope: the post step sets no output, since none would reach the workflow', async () => {
    const run = await runCase()
    expect(run.sei.reports).toHaveLength(1)
    expect(run.outputs).toEqual({})
    expect(run.droppedOutputs).toEqual({})
  })
})

describe('the re-send command', () => {
  it('works when pasted into a shell, to the endpoint the step used', async () => {
    const temp = join(mkdtempSync(join(tmpdir(), 'sei-action-')), "runner temp's")
    const github = await fakes.startFakeGitHub({ jobs: [sample('job.json')] })
    const sei = await fakes.startFakeSei({ responses: [{ status: 401 }], key: KEY })
    try {
      const run = await sim.runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': KEY,
          'sei-endpoint': sei.url,
          'job-check-run-id': String(JOB_ID),
          cd: 'false'
        },
        env: { GITHUB_API_URL: github.url, RUNNER_TEMP: temp },
        event: sample('event-push.json')
      })
      const command = /can be sent instead: `([^`]+)`/.exec(
        annotations(run.log, 'warning')[0] ?? ''
      )?.[1]
      expect(command).toContain(`--sei-endpoint ${sei.url}`)
      const cli = `${process.execPath} ${join(process.cwd(), 'dist/cli/index.js')}`
      const local = command!.replace('npx github:sei-cicd-action/sei-cicd-action#v1', cli)
      // Asynchronously: the stand-in SEI answers from this process.
      const { stdout: said } = await promisify(execFile)('sh', ['-c', local], {
        env: { PATH: process.env.PATH, SEI_API_KEY: KEY },
        encoding: 'utf8'
      })
      expect(said).toMatch(/^Sent octo-org\/octo-repo\/CI\/build \(ubuntu-latest, 20\) #57001 to /)
      expect(sei.reports).toHaveLength(1)
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })
})

describe('5. odd GitHub answers', () => {
  const JOB_PATH = `GET /repos/octo-org/octo-repo/actions/jobs/${JOB_ID}`
  const answer = (change: (job: Record<string, unknown>) => Record<string, unknown>): Fault[] => [
    {
      match: /\/actions\/jobs\//,
      responses: [{ body: change(sample<Record<string, unknown>>('job.json')) }]
    }
  ]
  const without = (job: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(job).filter(([name]) => name !== key))

  it.each([
    ['null', (job: Record<string, unknown>) => ({ ...job, name: null })],
    ['missing', (job: Record<string, unknown>) => without(job, 'name')]
  ])('a job name that is %s is reported under the job key, not "null"', async (_how, change) => {
    const run = await runCase({ github: answer(change) })
    expect(run.sei.reports).toHaveLength(1)
    expect(run.sei.reports[0]!.job_full_name).toBe('octo-org/octo-repo/CI/build')
    expect(warnings(run)).toEqual([])
  })

  it('an answer for another job is refused, naming the request', async () => {
    const run = await runCase({ github: answer((job) => ({ ...job, id: 29679440000 })) })
    expect(run.sei.requests).toHaveLength(0)
    expect(warnings(run)).toEqual([
      `GitHub answered ${JOB_PATH} with job 29679440000, not job ${JOB_ID}; the report was not made. ${NOT_AFFECTED}`
    ])
  })

  it('steps that are not a list: one warning naming the request, no "unexpected error"', async () => {
    const run = await runCase({ github: answer((job) => ({ ...job, steps: { 1: 'x' } })) })
    expect(run.sei.requests).toHaveLength(0)
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^GitHub's answer to ${JOB_PATH} is not job ${JOB_ID} as the report needs it \\(steps: .+\\); the report was not made\\. ${NOT_AFFECTED.replace(/[().]/g, '\\$&')}$`
        )
      )
    ])
    expect(run.log).not.toMatch(/unexpected error/)
  })

  it('null entries among the steps are left out and the rest reported', async () => {
    const run = await runCase({
      github: answer((job) => ({ ...job, steps: [null, ...(job.steps as unknown[]), null] }))
    })
    expect(run.sei.reports).toHaveLength(1)
    const sent = run.sei.reports[0] as { job_run: { stages: { steps: unknown[] }[] } }
    expect(sent.job_run.stages[0]!.steps.length).toBeGreaterThan(0)
    expect(warnings(run)).toEqual([])
  })
})
