// The fault-injection cases of __tests__/e2e/faults-*.test.ts and __tests__/slow/faults-waits.test.ts:
// the bundled main and post steps against loopback stand-ins for GitHub and SEI that
// answer badly, and the checks of what the user gets.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  annotations,
  fakes,
  leaks,
  sample,
  sim,
  type ActionRun,
  type Canned,
  type FakeSei,
  type FakeServer,
  type Fault
} from './harness.js'
import { escapeMarkdown } from '../../src/encodings.js'

export const KEY = 'sei-api-key-7Q2xW9vR4mK8pL3n'
export const TOKEN = 'ghs_faketoken000000000000000000000000'
export const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
export const JOB_ID = 29679449011
export const EXECUTION_ID = `9100000001-1-${JOB_ID}`
export const NOT_AFFECTED = ' The job is not affected (fail-on-error is false).'

export interface Setup {
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
  /**
   * Run the main step before the post step. Only cases whose inputs the main step acts on
   * need it (a bad input, run-id): with valid job-scope inputs it just checks them and
   * saves an empty state, which is what the post step sees without it too
   * (__tests__/e2e/job-scope.test.ts runs both steps), and the faults here meet the post step.
   */
  mainStep?: boolean
}

export interface Outcome extends ActionRun {
  sei: FakeSei
  github: FakeServer
  keptFile: string
  /** sei-endpoint as given. */
  endpoint: string
}

export async function runWith(setup: Setup = {}): Promise<Outcome> {
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
      event: setup.event ?? sample('event-push.json'),
      skipMain: !setup.mainStep
    })
    const keptFile = join(run.dir, 'runner-temp', 'sei-cicd-action', `report-${EXECUTION_ID}.json`)
    return { ...run, sei, github, keptFile, endpoint }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

export function expectSafe(run: Outcome): void {
  expect(leaks(run, KEY)).toEqual([])
  expect(leaks(run, TOKEN)).toEqual([])
}

/** Job scope reports from the post step, whose outputs the runner drops. */
export function expectNoOutputs(run: Outcome): void {
  expect(run.outputs).toEqual({})
}

export function expectDelivered(run: Outcome): void {
  expect(run.post.code).toBe(0)
  expect(run.sei.reports).toHaveLength(1)
  expect(run.sei.problems).toEqual([])
  expectNoOutputs(run)
  expect(run.summary).toMatch(/^### SEI report sent: /)
  expect(annotations(run.log, 'warning')).toEqual([])
  expect(existsSync(run.keptFile)).toBe(false)
  expectSafe(run)
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const CLI = 'npx github:sei-cicd-action/sei-cicd-action#v1'

/** The command that rebuilds the job's report from the GitHub API and sends it. */
export const rebuildHint = (run: Outcome) =>
  `${CLI} preview --run-id=https://github.com/octo-org/octo-repo/actions/runs/9100000001/job/${JOB_ID} --instance-guid=${GUID} --api-url=${run.github.url} --cd=false | ${CLI} send - --sei-endpoint ${run.endpoint}`

export const resendHint = (run: Outcome) =>
  ` Once the job has ended, re-send the report from any machine with \`${rebuildHint(run)}\` (with a GitHub token that can read the repository in GITHUB_TOKEN and the API key in SEI_API_KEY).` +
  ` On a self-hosted runner, the payload kept in ${run.keptFile} can be sent instead: \`${CLI} send ${run.keptFile} --sei-endpoint ${run.endpoint}\` (with the API key in SEI_API_KEY).`

/** The warning of an undelivered report, and the payload kept in all three places. */
export function expectKept(run: Outcome, message: string | RegExp): void {
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
export function expectPayloadKept(run: Outcome): void {
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
export const NETWORK_FAILURE = (endpoint: string) =>
  new RegExp(
    `Could not reach SEI at ${escapeRegExp(endpoint)}/v1/custom-cicd \\(${escapeRegExp(new URL(endpoint).host)} refused the connection: nothing listens on that port, 1 attempt\\(s\\)\\): check sei-endpoint and the runner's network or proxy settings\\.`
  )

export const gaps = (requests: { at: number }[]) =>
  requests.slice(1).map((request, index) => request.at - requests[index]!.at)

/** The summary of a report that was not made: the reason, the GUID and the run. */
export function expectEarlySummary(
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

export const JOB_PATH = `/repos/octo-org/octo-repo/actions/jobs/${JOB_ID}`
export const onJob = (...responses: Canned[]): Fault[] => [
  { match: new RegExp(`/actions/jobs/${JOB_ID}$`), responses }
]

/** A report that could not be made: a warning, no post to SEI, nothing to keep. */
export function expectNotMade(run: Outcome, message: string, runId?: string): void {
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
