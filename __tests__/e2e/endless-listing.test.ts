// A listing that never ends (a full page and a `next` link, again and again) is read no
// further than GitHub's own limits allow, and said so in one line, within seconds.
import { listen, send } from '../../scripts/lib/fake-servers.mjs'
import { API_KEY, GUID, job as jobOf, run as runOf, RUN_ID } from '../fixtures/runs.js'
import { annotations, runCli, sample, sim, type FakeServer } from '../support/harness.js'
import { TOKEN } from '../support/sync-cli.js'

const REPORTER = 29679449999
const JOBS_PATH = `/repos/octo-org/octo-repo/actions/runs/${RUN_ID}/attempts/1/jobs`

/** A GitHub whose jobs listing and organisation listing go on for ever. */
function endlessGitHub(): Promise<FakeServer> {
  return listen((req, res) => {
    const url = new URL(req.path, 'http://github.test')
    const page = Number(url.searchParams.get('page') ?? 1)
    const next = { link: `<${url.origin}${url.pathname}?page=${page + 1}>; rel="next"` }
    if (
      url.pathname.startsWith(`/repos/octo-org/octo-repo/actions/runs/${RUN_ID}`) &&
      !url.pathname.endsWith('/jobs')
    ) {
      return send(res, { body: runOf() })
    }
    if (url.pathname === JOBS_PATH) {
      const jobs = Array.from({ length: 100 }, (_, i) =>
        jobOf({ id: page * 1000 + i, name: `shard ${page}-${i}`, conclusion: 'success' })
      )
      return send(res, { headers: next, body: { total_count: 1_000_000_000, jobs } })
    }
    if (url.pathname === '/orgs/octo-org/repos') {
      const repos = Array.from({ length: 100 }, (_, i) => ({
        name: `repo-${page}-${i}`,
        owner: { login: 'octo-org' },
        archived: true
      }))
      return send(res, { headers: next, body: repos })
    }
    return send(res, { status: 404, body: { message: 'Not Found' } })
  })
}

const jobPages = (github: FakeServer) =>
  github.requests.filter((r) => r.path.startsWith(`${JOBS_PATH}?`)).length

describe('an endless listing', () => {
  it('the jobs of a run: the action stops after 50 pages, warns in one line, does not fail the job', async () => {
    const github = await endlessGitHub()
    try {
      const run = await sim.runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': API_KEY,
          scope: 'workflow',
          cd: 'false',
          'dry-run': 'true',
          'job-check-run-id': String(REPORTER)
        },
        env: { GITHUB_API_URL: github.url },
        event: sample('event-push.json')
      })
      expect([run.main.code, run.post.code]).toEqual([0, 0])
      expect(run.main.ms).toBeLessThan(10_000)
      expect(annotations(run.log, 'warning')).toEqual([
        `GitHub's listing GET ${JOBS_PATH} went on past 50 pages or 5,000 jobs (about twenty times the 256 jobs a matrix may make in a run): it was read no further; the report was not made. The job is not affected (fail-on-error is false).`
      ])
      expect(jobPages(github)).toBe(50)
    } finally {
      await github.close()
    }
  })

  it('the repositories of an organisation: sync stops after 1,000 pages with one line', async () => {
    const github = await endlessGitHub()
    try {
      const run = await runCli(
        ['sync', '--instance-guid', GUID, '--org', 'octo-org', '--cd', 'false', '--dry-run'],
        { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url }
      )
      expect(run.ms).toBeLessThan(20_000)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(
        "GitHub's listing GET /orgs/octo-org/repos went on past 1000 pages or 100,000 repositories (more than an organisation is read for): it was read no further."
      )
      expect(github.requests.length).toBe(1000)
    } finally {
      await github.close()
    }
  })
})
