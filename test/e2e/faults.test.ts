// Fault injection: each case runs the bundled main and post steps against loopback
// stand-ins for GitHub and SEI that answer badly, and checks what the user gets.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  annotations,
  closedPort,
  fakes,
  leaks,
  sample,
  sim,
  type ActionRun,
  type Canned,
  type FakeSei,
  type FakeServer,
  type Fault
} from '../support/harness.js'
import { escapeMarkdown } from '../../src/encodings.js'

const KEY = 'sei-api-key-7Q2xW9vR4mK8pL3n'
const TOKEN = 'ghs_faketoken000000000000000000000000'
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
const JOB_ID = 29679449011
const EXECUTION_ID = `9100000001-1-${JOB_ID}`
const NOT_AFFECTED = ' The job is not affected (fail-on-error is false).'

interface Setup {
  sei?: Canned[]
  github?: Fault[]
  inputs?: Record<string, string>
  /** Changes to the sample job before the fake GitHub serves it. */
  job?: (job: Record<string, unknown>) => Record<string, unknown>
  /** Appended to the fake SEI's URL to make sei-endpoint. */
  seiPath?: string
  /** sei-endpoint instead of the fake SEI's URL. */
  seiEndpoint?: string
  event?: unknown
}

interface Outcome extends ActionRun {
  sei: FakeSei
  github: FakeServer
  keptFile: string
  /** sei-endpoint as given. */
  endpoint: string
}

async function runWith(setup: Setup = {}): Promise<Outcome> {
  const original = sample<Record<string, unknown>>('job.json')
  const job = setup.job ? setup.job(original) : original
  const github = await fakes.startFakeGitHub({ jobs: [job], faults: setup.github ?? [] })
  const sei = await fakes.startFakeSei({ responses: setup.sei ?? [], key: KEY })
  const endpoint = setup.seiEndpoint ?? sei.url + (setup.seiPath ?? '')
  try {
    const run = await sim.runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'sei-endpoint': endpoint,
        'job-check-run-id': String(JOB_ID),
        'timeout-seconds': '10',
        // The request counts below are those of the job lookup alone.
        cd: 'false',
        ...setup.inputs
      },
      env: { GITHUB_API_URL: github.url },
      event: setup.event ?? sample('event-push.json')
    })
    const keptFile = join(run.dir, 'runner-temp', 'sei-cicd-action', `report-${EXECUTION_ID}.json`)
    return { ...run, sei, github, keptFile, endpoint }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

function expectSafe(run: Outcome): void {
  expect(leaks(run, KEY)).toEqual([])
  expect(leaks(run, TOKEN)).toEqual([])
}

/** Job scope reports from the post step, whose outputs the runner drops. */
function expectNoOutputs(run: Outcome): void {
  expect(run.outputs).toEqual({})
}

function expectDelivered(run: Outcome): void {
  expect(run.post.code).toBe(0)
  expect(run.sei.reports).toHaveLength(1)
  expect(run.sei.problems).toEqual([])
  expectNoOutputs(run)
  expect(run.summary).toMatch(/^### SEI report sent: /)
  expect(annotations(run.log, 'warning')).toEqual([])
  expect(existsSync(run.keptFile)).toBe(false)
  expectSafe(run)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const resendHint = (run: Outcome) =>
  ` The payload was kept in ${run.keptFile}; re-send it with \`npx github:sei-cicd-action/sei-cicd-action#v1 send ${run.keptFile} --sei-endpoint ${run.endpoint}\` (with the API key in SEI_API_KEY).`

/** The warning of an undelivered report, and the payload kept in all three places. */
function expectKept(run: Outcome, message: string | RegExp): void {
  expect(run.post.code).toBe(0)
  expect(run.sei.reports).toHaveLength(0)
  expectNoOutputs(run)
  const tail = resendHint(run) + NOT_AFFECTED
  expect(annotations(run.log, 'warning')).toEqual([
    typeof message === 'string'
      ? message + tail
      : expect.stringMatching(new RegExp(`^${message.source}${escapeRegExp(tail)}$`))
  ])
  expectPayloadKept(run)
}

/** The payload on disk, as the SEI request had it, and in the summary, and no secret anywhere. */
function expectPayloadKept(run: Outcome): void {
  const kept = JSON.parse(readFileSync(run.keptFile, 'utf8')) as Record<string, unknown>
  expect(kept.execution_id).toBe(EXECUTION_ID)
  const sent = run.sei.requests.filter((request) => request.path.endsWith('/v1/custom-cicd'))
  for (const request of sent) expect(JSON.parse(request.body)).toEqual(kept)
  expect(run.summary).toContain('### SEI report NOT delivered')
  expect(run.summary).toContain('<details><summary>The undelivered SEI payload (')
  expect(run.summary).toContain(`<pre><code>{\n  "pipeline": "CI",`)
  expect(run.summary).toContain(`"execution_id": "${EXECUTION_ID}"`)
  expectSafe(run)
}

/** What a connection refused on a loopback port should say: at once, after one attempt. */
const NETWORK_FAILURE = (endpoint: string) =>
  new RegExp(
    `Could not reach SEI at ${escapeRegExp(endpoint)}/v1/custom-cicd \\(${escapeRegExp(new URL(endpoint).host)} refused the connection: nothing listens on that port, 1 attempt\\(s\\)\\): check sei-endpoint and the runner's network or proxy settings\\.`
  )

const gaps = (requests: { at: number }[]) =>
  requests.slice(1).map((request, index) => request.at - requests[index]!.at)

describe('SEI retries what may pass and nothing else', () => {
  it('503, 503, then 202: three posts, one accepted report, the step succeeds', async () => {
    const run = await runWith({
      sei: [{ status: 503, body: { message: 'upstream unavailable' } }, { status: 503 }]
    })
    expectDelivered(run)
    expect(run.sei.requests).toHaveLength(3)
    expect(run.log).toMatch(/^SEI: HTTP 503 on attempt 1; retrying in \d\.\d s\.$/m)
    expect(run.log).toMatch(/^SEI: HTTP 503 on attempt 2; retrying in \d\.\d s\.$/m)
    expect(run.log).toContain(
      `Reported octo-org/octo-repo/CI/build (ubuntu-latest, 20) #57001 to SEI: HTTP 202 after 3 attempt(s).`
    )
  })

  it('429 with Retry-After: 1 waits at least a second, then delivers', async () => {
    const run = await runWith({ sei: [{ status: 429, headers: { 'retry-after': '1' } }] })
    expectDelivered(run)
    expect(run.sei.requests).toHaveLength(2)
    expect(gaps(run.sei.requests)[0]).toBeGreaterThanOrEqual(1000)
    expect(run.log).toContain('SEI: HTTP 429 on attempt 1; retrying in 1.0 s.')
  })

  it('a connection reset mid-request is retried and the report delivered', async () => {
    const run = await runWith({ sei: [{ status: 'reset' }] })
    expectDelivered(run)
    expect(run.sei.requests).toHaveLength(2)
    expect(run.log).toMatch(/^SEI: ECONNRESET: socket hang up on attempt 1; retrying in/m)
  })

  it('an SEI that never answers: the attempt times out inside the budget, well before the hard deadline, and the payload is kept', async () => {
    const run = await runWith({ sei: [{ status: 'hang' }], inputs: { 'timeout-seconds': '3' } })
    expect(run.post.ms).toBeGreaterThanOrEqual(2800)
    // A hang guard only: the step stops itself by timeout-seconds plus its 5 s grace.
    expect(run.post.ms).toBeLessThan((3 + 5 + 2) * 1000)
    expect(run.sei.requests).toHaveLength(1)
    expectKept(
      run,
      new RegExp(
        `SEI at ${escapeRegExp(run.sei.url)}/v1/custom-cicd did not answer within timeout-seconds \\(no answer within [23] s, 1 attempt\\(s\\)\\): raise timeout-seconds, or check that the runner can reach it\\.`
      )
    )
  })

  it('503 on every attempt: retried until timeout-seconds runs out, then the payload is kept', async () => {
    const unavailable = { status: 503, body: { message: 'upstream unavailable' } }
    const run = await runWith({
      sei: Array.from({ length: 8 }, () => unavailable),
      inputs: { 'timeout-seconds': '3' }
    })
    const attempts = run.sei.requests.length
    expect(attempts).toBeGreaterThanOrEqual(2)
    expect(attempts).toBeLessThan(8)
    expect(run.post.ms).toBeLessThan((3 + 5 + 2) * 1000)
    expectKept(
      run,
      `SEI answered HTTP 503 on each of ${attempts} attempt(s) within timeout-seconds: upstream unavailable.`
    )
  })

  it('a Retry-After longer than timeout-seconds leaves is not waited for', async () => {
    const run = await runWith({
      sei: [{ status: 503, headers: { 'retry-after': '30' } }],
      inputs: { 'timeout-seconds': '4' }
    })
    expect(run.sei.requests).toHaveLength(1)
    expect(run.post.ms).toBeLessThan(4 * 1000)
    expectKept(
      run,
      'SEI answered HTTP 503 and asked to wait 30 s, longer than timeout-seconds leaves: re-send the kept payload later.'
    )
  })

  // Nothing listens on a loopback port: retrying for the whole budget cannot help.
  it('a refused connection says SEI could not be reached, and keeps the payload', async () => {
    const endpoint = await closedPort()
    const run = await runWith({ seiEndpoint: endpoint, inputs: { 'timeout-seconds': '2' } })
    expectKept(run, NETWORK_FAILURE(endpoint))
    expect(run.log).not.toMatch(/retrying in/)
  })

  it('401: not retried; the key or the cluster is wrong', async () => {
    const run = await runWith({ sei: [{ status: 401, body: { message: 'Unauthorized' } }] })
    expect(run.sei.requests).toHaveLength(1)
    expectKept(
      run,
      `SEI refused the API key (HTTP 401): check the api-key secret, and that sei-endpoint ("${run.sei.url}") is the Harness cluster the key belongs to.`
    )
  })

  it('403 with Retry-After: not retried, same advice as 401', async () => {
    const run = await runWith({ sei: [{ status: 403, headers: { 'retry-after': '1' } }] })
    expect(run.sei.requests).toHaveLength(1)
    expectKept(
      run,
      `SEI refused the API key (HTTP 403): check the api-key secret, and that sei-endpoint ("${run.sei.url}") is the Harness cluster the key belongs to.`
    )
  })

  it("400: not retried; SEI's own message names the field", async () => {
    const run = await runWith({
      sei: [{ status: 400, body: { payload: 'job_name/pipeline field is missing in request' } }]
    })
    expect(run.sei.requests).toHaveLength(1)
    expectKept(
      run,
      'SEI rejected the report (HTTP 400): job_name/pipeline field is missing in request.'
    )
  })

  it('404: not retried; the endpoint URL is wrong', async () => {
    const run = await runWith({ seiPath: '/gratis/sei' })
    expect(run.sei.requests.map((request) => request.path)).toEqual(['/gratis/sei/v1/custom-cicd'])
    expectKept(
      run,
      `SEI has no custom CI/CD endpoint at ${run.sei.url}/gratis/sei/v1/custom-cicd (HTTP 404): sei-endpoint ("${run.sei.url}/gratis/sei") is wrong; use a cluster name or the API base URL ending in /sei/api.`
    )
  })
})

/** The summary of a report that was not made: the reason, the GUID and the run. */
function expectEarlySummary(
  run: Outcome,
  message: string,
  { guid = GUID, runId = '9100000001' } = {}
): void {
  const runUrl = `https://github.com/octo-org/octo-repo/actions/runs/${runId}`
  expect(run.summary).toMatch(/^### SEI report NOT made\n\n/)
  expect(run.summary).toContain(escapeMarkdown(message))
  expect(run.summary).toContain(`| Instance GUID | \`${guid}\` |`)
  expect(run.summary).toContain(`| Workflow run | [${runUrl}](${runUrl}) |`)
}

const JOB_PATH = `/repos/octo-org/octo-repo/actions/jobs/${JOB_ID}`
const onJob = (...responses: Canned[]): Fault[] => [
  { match: new RegExp(`/actions/jobs/${JOB_ID}$`), responses }
]

/** A report that could not be made: a warning, no post to SEI, nothing to keep. */
function expectNotMade(run: Outcome, message: string, runId?: string): void {
  expect([run.main.code, run.post.code]).toEqual([0, 0])
  expect(run.sei.requests).toHaveLength(0)
  // A finished run (run-id) is reported by the main step, whose outputs the workflow sees.
  if (runId) expect(run.outputs).toEqual({ delivered: 'false' })
  else expectNoOutputs(run)
  expect(annotations(run.log, 'warning')).toEqual([message + NOT_AFFECTED])
  expect(existsSync(run.keptFile)).toBe(false)
  expectEarlySummary(run, message, runId ? { runId } : {})
  expectSafe(run)
}

describe('GitHub API problems are retried or explained', () => {
  it('403 "Resource not accessible by integration" quotes the permissions block to add', async () => {
    const run = await runWith({
      github: onJob({
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url:
            'https://docs.github.com/rest/actions/workflow-jobs#get-a-job-for-a-workflow-run',
          status: '403'
        }
      })
    })
    expect(run.github.requests).toHaveLength(1)
    expectNotMade(
      run,
      `GitHub answered 403 "Resource not accessible by integration" on GET ${JOB_PATH}: the token cannot read job ${JOB_ID}; add \`actions: read\` to the workflow or this job: \`permissions: { contents: read, actions: read }\`.`
    )
  })

  it.each([
    [
      'a primary rate limit (403, x-ratelimit-remaining: 0)',
      (): Canned => ({
        status: 403,
        headers: {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1)
        },
        body: { message: 'API rate limit exceeded for installation ID 4242.' }
      })
    ],
    [
      'a secondary rate limit (429, retry-after: 1)',
      (): Canned => ({
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' }
      })
    ],
    ['a 502 from the API', (): Canned => ({ status: 502, body: 'Bad Gateway' })],
    ['a reset connection', (): Canned => ({ status: 'reset' })]
  ])('%s, then success: retried in the same budget, then delivered', async (_name, answer) => {
    const run = await runWith({ github: onJob(answer()) })
    expect(run.github.requests).toHaveLength(2)
    expect(run.log).toMatch(/^GitHub API: .+ on attempt 1; retrying in \d\.\d s\.$/m)
    expectDelivered(run)
  })

  it('a rate limit that resets after timeout-seconds is not waited for', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600
    const run = await runWith({
      github: onJob({
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: { message: 'API rate limit exceeded for installation ID 4242.' }
      })
    })
    expect(run.github.requests).toHaveLength(1)
    const until = new Date(reset * 1000).toISOString().slice(11, 16)
    expectNotMade(
      run,
      `GitHub's API rate limit for this token is used up until ${until} UTC (HTTP 403 on GET ${JOB_PATH}): the report was not made; re-run later or raise timeout-seconds to wait for the reset.`
    )
  })

  it('404 on the job names the job and why GitHub cannot find it', async () => {
    const run = await runWith({ github: onJob({ status: 404, body: { message: 'Not Found' } }) })
    expect(run.github.requests).toHaveLength(1)
    expectNotMade(
      run,
      `GitHub found no job ${JOB_ID} in octo-org/octo-repo (HTTP 404 on GET ${JOB_PATH}): the job id comes from job.check_run_id, which is not the job id on older GitHub Enterprise Server, or github-token may belong to another repository (GitHub answers 404 for what a token cannot see).`
    )
  })

  it('404 on run-id names the run and the input to check', async () => {
    const run = await runWith({ inputs: { 'run-id': '9100000777' } })
    expect(run.github.requests).toHaveLength(1)
    expectNotMade(
      run,
      "GitHub found no workflow run 9100000777 in octo-org/octo-repo (HTTP 404 on GET /repos/octo-org/octo-repo/actions/runs/9100000777): when run-id is set, it must be a run of octo-org/octo-repo (the number after /actions/runs/ in the run's URL); else github-token may belong to another repository (GitHub answers 404 for what a token cannot see).",
      '9100000777'
    )
  })
})

// Each case checks for leaks before the exact message, so that a leak is named by where it is.
describe('a secret that reaches a message is masked in it', () => {
  it('SEI 400 whose message echoes the API key', async () => {
    const run = await runWith({
      sei: [{ status: 400, body: { payload: `api key ${KEY} is not valid for account acme-prod` } }]
    })
    expectSafe(run)
    expectKept(
      run,
      'SEI rejected the report (HTTP 400): api key *** is not valid for account acme-prod.'
    )
  })

  it('SEI 401 whose body echoes the Authorization header: the body is not quoted', async () => {
    const run = await runWith({
      sei: [{ status: 401, body: { message: `Unauthorized: Authorization: ApiKey ${KEY}` } }]
    })
    expectSafe(run)
    expectKept(
      run,
      `SEI refused the API key (HTTP 401): check the api-key secret, and that sei-endpoint ("${run.sei.url}") is the Harness cluster the key belongs to.`
    )
  })

  it('SEI 422 whose message echoes the Authorization header', async () => {
    const run = await runWith({
      sei: [{ status: 422, body: { message: `unexpected header Authorization: ApiKey ${KEY}` } }]
    })
    expectSafe(run)
    expectKept(
      run,
      'SEI refused the report (HTTP 422): unexpected header Authorization: ApiKey ***.'
    )
  })

  it('GitHub 403 whose message quotes the token', async () => {
    const run = await runWith({
      github: onJob({
        status: 403,
        body: { message: `Token ${TOKEN} has no access to octo-org/octo-repo`, status: '403' }
      })
    })
    expectSafe(run)
    expectNotMade(
      run,
      `GitHub answered 403 "Token *** has no access to octo-org/octo-repo" on GET ${JOB_PATH}: the token cannot read job ${JOB_ID}; add \`actions: read\` to the workflow or this job: \`permissions: { contents: read, actions: read }\`.`
    )
  })
})

describe('a broken runner environment', () => {
  it('malformed event JSON: a warning, nothing sent', async () => {
    const run = await runWith({ event: '{"ref": "refs/heads/main", "commits": [' })
    expect(run.github.requests).toHaveLength(0)
    expectNotMade(
      run,
      `The event file GITHUB_EVENT_PATH (${join(run.dir, 'event.json')}) is not valid JSON, so the trigger and commits cannot be read.`
    )
  })
})

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
    const run = await runWith({ inputs: { ...failing, 'timeout-seconds': 'ten' } })
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
    const run = await runWith({ inputs: { 'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f' } })
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
