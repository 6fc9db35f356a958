// Fault injection on the GitHub side and in the runner environment, and secrets that
// reach a message: what the user gets from the bundled main and post steps.
import { join } from 'node:path'
import { type Canned } from '../support/harness.js'
import {
  KEY,
  TOKEN,
  JOB_ID,
  runWith,
  expectSafe,
  expectDelivered,
  expectKept,
  JOB_PATH,
  onJob,
  expectNotMade
} from '../support/fault-case.js'

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
    const run = await runWith({ inputs: { 'run-id': '9100000777' }, mainStep: true })
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
  it('malformed event JSON: a warning, nothing sent to SEI', async () => {
    const run = await runWith({ event: '{"ref": "refs/heads/main", "commits": [' })
    // The job's request leaves before the event is read (first-requests.ts); its answer is dropped.
    expect(run.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${JOB_PATH}`])
    expectNotMade(
      run,
      `The event file GITHUB_EVENT_PATH (${join(run.dir, 'event.json')}) is not valid JSON, so the trigger and commits cannot be read.`
    )
  })
})
