// Fault injection on the SEI side: the bundled main and post steps against an SEI stand-in
// that answers badly, and what the user gets. The cases that wait on real time are in
// __tests__/slow/faults-waits.test.ts.
import { closedPort } from '../support/harness.js'
import { runWith, expectDelivered, expectKept, NETWORK_FAILURE } from '../support/fault-case.js'

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

  it('a connection reset mid-request is retried and the report delivered', async () => {
    const run = await runWith({ sei: [{ status: 'reset' }] })
    expectDelivered(run)
    expect(run.sei.requests).toHaveLength(2)
    expect(run.log).toMatch(/^SEI: ECONNRESET: socket hang up on attempt 1; retrying in/m)
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
