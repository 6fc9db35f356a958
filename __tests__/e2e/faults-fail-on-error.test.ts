// fail-on-error, a bad input, and a report too large for one request, through the
// bundled main and post steps against loopback stand-ins for GitHub and SEI.
import { annotations, closedPort } from '../support/harness.js'
import {
  JOB_ID,
  type Setup,
  type Outcome,
  runWith,
  expectSafe,
  expectNoOutputs,
  expectDelivered,
  escapeRegExp,
  resendHint,
  expectPayloadKept,
  expectEarlySummary,
  onJob
} from '../support/fault-case.js'

describe('fail-on-error: true turns each final failure into a failed step', () => {
  const failing = { 'fail-on-error': 'true' }
  it.each<[string, Setup, RegExp]>([
    ['SEI 401', { sei: [{ status: 401 }] }, /^SEI refused the API key \(HTTP 401\)/],
    ['SEI 400', { sei: [{ status: 400, body: { payload: 'x' } }] }, /^SEI rejected the report/],
    [
      'SEI never answers',
      { sei: [{ status: 'hang' }], inputs: { 'timeout-seconds': '1' } },
      /did not answer within timeout-seconds/
    ],
    [
      'GitHub 403',
      {
        github: onJob({ status: 403, body: { message: 'Resource not accessible by integration' } })
      },
      /^GitHub answered 403/
    ],
    ['GitHub 404', { github: onJob({ status: 404 }) }, /^GitHub found no job/],
    [
      'malformed event JSON',
      { event: '{' },
      /^The event file GITHUB_EVENT_PATH .* is not valid JSON/
    ]
  ])('%s', async (_name, setup, message) => {
    const run = await runWith({ ...setup, inputs: { ...setup.inputs, ...failing } })
    expect(run.post.code).toBe(1)
    expect(annotations(run.log, 'warning')).toEqual([])
    const errors = annotations(run.log, 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(errors[0]).not.toContain('fail-on-error is false')
    expectNoOutputs(run)
    expectSafe(run)
  })

  it('a bad input fails the main step and the post step stays quiet', async () => {
    const run = await runWith({ inputs: { ...failing, 'timeout-seconds': 'ten' }, mainStep: true })
    expect(run.main.code).toBe(1)
    expect(annotations(run.main.stdout, 'error')).toEqual([
      'Input "timeout-seconds" is "ten": use a whole number of seconds above 0.'
    ])
    expect(run.post.code).toBe(0)
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
    expect(run.github.requests).toHaveLength(0)
    expectSafe(run)
  })

  /** A failed step with one error line, and the payload kept all the same. */
  function expectFailedAndKept(run: Outcome, message: string | RegExp): void {
    expect(run.post.code).toBe(1)
    expect(run.sei.reports).toHaveLength(0)
    expectNoOutputs(run)
    expect(annotations(run.log, 'warning')).toEqual([])
    const tail = resendHint(run)
    expect(run.log.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      typeof message === 'string'
        ? `::error::${message}${tail}`
        : expect.stringMatching(new RegExp(`^::error::${message.source}${escapeRegExp(tail)}$`))
    ])
    expectPayloadKept(run)
  }

  it('SEI 404: exit 1, one error line, the payload still kept', async () => {
    const run = await runWith({ seiPath: '/gratis/sei', inputs: failing })
    expectFailedAndKept(
      run,
      `SEI has no custom CI/CD endpoint at ${run.sei.url}/gratis/sei/v1/custom-cicd (HTTP 404): sei-endpoint ("${run.sei.url}/gratis/sei") is wrong; use a cluster name or the API base URL ending in /sei/api.`
    )
  })

  it('a network failure: exit 1, one error line, the payload still kept', async () => {
    const endpoint = await closedPort()
    const run = await runWith({
      seiEndpoint: endpoint,
      inputs: { ...failing, 'timeout-seconds': '2' }
    })
    expectFailedAndKept(
      run,
      new RegExp(
        `Could not reach SEI at ${escapeRegExp(endpoint)}/v1/custom-cicd .*\\(${escapeRegExp(new URL(endpoint).host)} refused the connection: nothing listens on that port, 1 attempt\\(s\\)\\): .+\\.`
      )
    )
  })
})

describe('a bad input with fail-on-error false', () => {
  it('warns once from the main step, asks nothing of either server, and the post step is quiet', async () => {
    const run = await runWith({
      inputs: { 'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f' },
      mainStep: true
    })
    expect([run.main.code, run.post.code]).toEqual([0, 0])
    expect(run.main.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))).toEqual([
      '::warning title=sei-cicd-action::Input "instance-guid" is "4f9c2d1e-8b7a-4c3d-9e2f", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). Nothing will be reported. The job is not affected (fail-on-error is false).',
      ''
    ])
    expect(run.main.stderr).toBe('')
    expect(run.post.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe('')
    expect(run.post.stderr).toBe('')
    expect(run.outputs).toEqual({ delivered: 'false' })
    expect(run.github.requests).toHaveLength(0)
    expect(run.sei.requests).toHaveLength(0)
    expectEarlySummary(
      run,
      'Input "instance-guid" is "4f9c2d1e-8b7a-4c3d-9e2f", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).',
      { guid: '4f9c2d1e-8b7a-4c3d-9e2f' }
    )
    expectSafe(run)
  })
})

describe('a report too large for one request', () => {
  it('is folded, not refused: the job stays, its steps go, and a notice says so', async () => {
    const steps = Array.from({ length: 15_000 }, (_, index) => ({
      name: `Run ./ci/shard.sh --suite integration --shard ${index + 1} --of 15000 --retry-flaky --report junit`,
      status: 'completed',
      conclusion: 'success',
      number: index + 1,
      started_at: '2026-11-30T01:42:05.000-08:00',
      completed_at: '2026-11-30T01:42:06.000-08:00'
    }))
    const run = await runWith({ job: (job) => ({ ...job, steps }) })
    expectDelivered(run)
    const body = run.sei.requests[0]!.body
    expect(Buffer.byteLength(body)).toBeLessThan(5_000_000)
    const sent = run.sei.reports[0] as { job_run: { stages: { id: string; steps: unknown[] }[] } }
    expect(sent.job_run.stages.map((stage) => [stage.id, stage.steps.length])).toEqual([
      [String(JOB_ID), 0]
    ])
    expect(annotations(run.log, 'notice')).toEqual([
      expect.stringMatching(
        /^The report was \d+\.\d MB, more than SEI takes in one request \(5\.0 MB\): the step lists of 1 successful job\(s\) \(15000 step\(s\)\) were left out, every job is still reported\.$/
      )
    ])
  })
})
