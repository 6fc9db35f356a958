import { join } from 'node:path'
import { wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { ACTION_DEFAULTS, ROOT, runNode, type NodeRun } from '../../scripts/lib/runner-sim.mjs'
import { CLUSTERS } from '../../src/endpoints.js'
import { reportUrl, seiPost } from '../../src/sei/deliver.js'
import { validatePayload } from '../../src/sei/schema.js'

describe('npm run local', () => {
  let run: NodeRun
  beforeAll(async () => {
    run = await runNode(join(ROOT, 'scripts/local-run.mjs'), {
      PATH: process.env.PATH,
      HOME: process.env.HOME
    })
  })

  it('prints, on the built-in samples, a payload that passes the schema and the wire checks', () => {
    expect(run.code).toBe(0)
    const payload = validatePayload(JSON.parse(run.stdout))
    expect(wireProblems(payload)).toEqual([])
    expect(payload).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/build (ubuntu-latest, 20)',
      build_number: 57001,
      execution_id: '9100000001-1-29679449011',
      result: 'SUCCESS',
      scm_commit_ids: [
        '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        '2f1b8e4d7a3c5b6e9f0a1d2c3b4a5968778695a4'
      ]
    })
    expect(payload.job_run.stages[0]!.steps).toHaveLength(6)
  })

  it('tells which steps ran, with no workflow command and no token in sight', () => {
    expect(run.stderr).toMatch(/^ {2}main step {2}node dist\/main\/index\.js {2}exit 0 in \d+ ms$/m)
    expect(run.stderr).toMatch(/^ {2}post step {2}node dist\/post\/index\.js {2}exit 0 in \d+ ms$/m)
    expect(run.stderr).toContain('    GET /repos/octo-org/octo-repo/actions/jobs/29679449011\n')
    expect(run.stderr).not.toMatch(/::[a-z-]+( [^:]*)?::/)
    expect(run.stderr + run.stdout).not.toContain(ACTION_DEFAULTS['github-token'])
  })

  it('shows the request a real run would send: URL and headers as the post step builds them', () => {
    const request = seiPost(reportUrl(CLUSTERS.prod2!), 'KEY', '{}')
    const section = run.stderr.split('The request a real run would send')[1]!.split('\n\n')[0]!
    expect(section).toContain(`  POST ${request.url}\n`)
    const shown = [...section.matchAll(/^ {2}([a-z-]+): /gm)].map((match) => match[1])
    expect(shown).toEqual([...Object.keys(request.headers), 'body'])
    expect(section).toContain('authorization: ApiKey <the api-key secret>')
  })

  it('shows the job summary drawn for a terminal: no Markdown, a timeline of bars', () => {
    const summary = run.stderr.split('The job summary it wrote')[1]!
    expect(summary).toContain(
      '  SEI report (dry run, not sent): octo-org/octo-repo/CI/build (ubuntu-latest, 20)\n'
    )
    expect(summary).toMatch(/^ {4}build_number {4}57001$/m)
    expect(summary).toMatch(/^ {6}Run make test +█{10,}$/m)
    expect(summary).toMatch(/^ {4}Deploy preview +⏭️ NOT_BUILT +0 ms$/m)
    expect(summary).not.toMatch(/\||```|\\\(|###|&amp;/)
    // The payload the summary carries stays folded: stdout has it, once.
    expect(summary).toMatch(/^ {2}▸ The SEI payload a real run would send \(\d+ KB\) \(folded\)$/m)
    expect(run.stderr).not.toContain('"execution_id"')
  })
})
