// Secrets in hostile places: step names, parameters, error pages that echo the
// Authorization header at the point where a message is cut. Neither the key nor the
// token may appear in any channel the user or SEI sees, in any encoding the action
// writes, nor any 12-character piece of either.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  escapeCommandData,
  escapeCommandProperty,
  escapeHtml,
  escapeMarkdown,
  jsonStringBody
} from '../../src/encodings.js'
import {
  annotations,
  fakes,
  sample,
  sim,
  type ActionRun,
  type Canned,
  type Fault,
  type Recorded
} from '../support/harness.js'

// Characters that Markdown, HTML, JSON, URLs and workflow commands each escape.
const KEY = 'sei_K3y&<v>9xQ2"mW7pL4rT8z%zQ*a'
const TOKEN = 'ghs_T0k3n_w1th_und3rsc0res_aNd_m0re'
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
const JOB_ID = 29679449011

const ENCODINGS = [
  escapeMarkdown,
  escapeHtml,
  escapeCommandData,
  escapeCommandProperty,
  jsonStringBody,
  encodeURIComponent
]

/** Every form the action could write `secret` in, and every 12-character piece of it. */
function telltales(secret: string): string[] {
  const once = ENCODINGS.map((encode) => encode(secret))
  const twice = once.flatMap((form) => ENCODINGS.map((encode) => encode(form)))
  const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12))
  return [...new Set([secret, ...once, ...twice, ...pieces])]
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

interface Seen {
  run: ActionRun
  sei: Recorded[]
}

/** Where a telltale of `secret` shows: log (but the runner's own mask line), files, outputs, SEI. */
function leaks({ run, sei }: Seen, secret: string): string[] {
  const marks = telltales(secret)
  const holds = (text: string) => marks.some((mark) => text.includes(mark))
  const found: string[] = []
  run.log.split('\n').forEach((line, index) => {
    if (!line.startsWith('::add-mask::') && holds(line))
      found.push(`log line ${index + 1}: ${line}`)
  })
  for (const [name, value] of Object.entries({ ...run.outputs, ...run.droppedOutputs })) {
    if (holds(value)) found.push(`output ${name}`)
  }
  if (holds(run.summary)) found.push('summary')
  for (const file of files(run.dir)) {
    if (!file.endsWith('event.json') && holds(readFileSync(file, 'utf8'))) found.push(file)
  }
  sei.forEach((request, index) => {
    if (holds(request.body)) found.push(`SEI request ${index + 1} body`)
  })
  return found
}

interface Setup {
  sei?: Canned[]
  github?: Fault[]
  inputs?: Record<string, string>
  job?: (job: Record<string, unknown>) => Record<string, unknown>
}

async function runWith(setup: Setup): Promise<Seen & { reports: unknown[] }> {
  const original = sample<Record<string, unknown>>('job.json')
  const job = setup.job ? setup.job(original) : original
  const github = await fakes.startFakeGitHub({ jobs: [job], faults: setup.github ?? [] })
  const sei = await fakes.startFakeSei({ responses: setup.sei ?? [], key: KEY })
  try {
    const run = await sim.runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'github-token': TOKEN,
        'sei-endpoint': sei.url,
        'job-check-run-id': String(JOB_ID),
        'timeout-seconds': '3',
        cd: 'false',
        ...setup.inputs
      },
      env: { GITHUB_API_URL: github.url },
      event: sample('event-push.json')
    })
    return { run, sei: sei.requests, reports: sei.reports }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

function expectNoLeak(seen: Seen): void {
  expect(leaks(seen, KEY)).toEqual([])
  expect(leaks(seen, TOKEN)).toEqual([])
}

/** A step list whose names hold both secrets: plain, after 190 characters, and in a Mermaid label. */
function hostileSteps(job: Record<string, unknown>): Record<string, unknown> {
  const steps = job.steps as Record<string, unknown>[]
  return {
    ...job,
    name: `deploy ${KEY}`,
    steps: [
      { ...steps[0], name: `Run gh auth login --with-token <<< ${TOKEN}` },
      { ...steps[1], name: `${'x'.repeat(190)} ${TOKEN}` },
      { ...steps[2], name: `echo ${KEY} | docker login --password-stdin` },
      ...steps.slice(3)
    ]
  }
}

describe('2. secrets in names are masked before any escaping or cutting', () => {
  it('a delivered report: step and job names with the token and the key reach no channel and not SEI', async () => {
    const seen = await runWith({ job: hostileSteps })
    expect(seen.reports).toHaveLength(1)
    expectNoLeak(seen)
    const sent = seen.reports[0] as { job_run: { stages: { steps: { displayName: string }[] }[] } }
    expect(sent.job_run.stages[0]!.steps[0]!.displayName).toBe(
      'Run gh auth login --with-token <<< ***'
    )
    expect(seen.run.summary).toContain('```mermaid')
  })

  it('an undelivered one: the kept file and the payload in the summary are masked value by value and stay JSON', async () => {
    const seen = await runWith({
      job: hostileSteps,
      sei: [{ status: 400, body: { payload: 'no' } }]
    })
    expectNoLeak(seen)
    const file = join(
      seen.run.dir,
      'runner-temp',
      'sei-cicd-action',
      `report-9100000001-1-${JOB_ID}.json`
    )
    const kept = JSON.parse(readFileSync(file, 'utf8')) as unknown
    expect(kept).toEqual(JSON.parse(seen.sei[0]!.body))
  })

  it('a parameter holding the key is sent as ***', async () => {
    const seen = await runWith({ inputs: { params: `login=${KEY}` } })
    expectNoLeak(seen)
    const sent = seen.reports[0] as { job_run_params: { name: string; value: string }[] }
    expect(sent.job_run_params).toContainEqual({
      type: 'StringParameterValue',
      name: 'login',
      value: '***'
    })
  })
})

/** A text error page that echoes the request's Authorization header where a 200-character cut falls. */
const echoPage = (header: string) => `${'<p>'.repeat(60)}${header} was not accepted here</p>`

describe('3. a cut never splits a secret so that masking misses it', () => {
  it('an SEI 418 text page echoing the key', async () => {
    const seen = await runWith({
      sei: [
        { status: 418, headers: { 'content-type': 'text/html' }, body: echoPage(`ApiKey ${KEY}`) }
      ]
    })
    expectNoLeak(seen)
    expect(annotations(seen.run.log, 'warning')).toEqual([
      expect.stringMatching(/^SEI refused the report \(HTTP 418\): (<p>)+ApiKey \*\*\* was not/)
    ])
  })

  it.each([
    ['HTML-escaped', escapeHtml(KEY)],
    ['URL-encoded', encodeURIComponent(KEY)],
    ['JSON-escaped', jsonStringBody(KEY)]
  ])('an SEI error page echoing the key %s', async (_how, echoed) => {
    const seen = await runWith({
      sei: [
        { status: 418, headers: { 'content-type': 'text/html' }, body: echoPage(`key=${echoed}`) }
      ]
    })
    expectNoLeak(seen)
    expect(annotations(seen.run.log, 'warning')).toEqual([
      expect.stringMatching(/^SEI refused the report \(HTTP 418\): (<p>)+key=\*\*\* was not/)
    ])
  })

  it('a GitHub 500 echoing the token', async () => {
    const page = { status: 500, body: echoPage(`Bearer ${TOKEN}`) }
    const seen = await runWith({
      github: [{ match: /\/actions\/jobs\//, responses: Array.from({ length: 8 }, () => page) }]
    })
    expectNoLeak(seen)
    expect(annotations(seen.run.log, 'warning')).toEqual([
      expect.stringMatching(/^GitHub answered HTTP 500 on GET .+: (<p>)+Bearer \*\*\*/)
    ])
  })
})
