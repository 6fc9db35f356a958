import { readFileSync } from 'node:fs'
import type * as z from 'zod'
import { TARGETS, generatedChecks } from '../../scripts/lib/checks-gen.js'
import type { Check } from '../../src/checks.js'
import * as answers from '../../src/github/answers.js'
import { buildJobReport } from '../../src/mapping/payload.js'
import { payloadCheck } from '../../src/sei/payload-check.js'
import { reportOptions, runInfo, sampleJob } from '../fixtures/github.js'
import { run } from '../fixtures/runs.js'

// The steps check GitHub's answers and the payload with checks generated from the zod
// schemas, so that they never load zod. These tests hold the two to the same meaning:
// on valid data and on every field of it broken in each of many ways, a check and its
// schema accept the same, make the same of it, and name the same first problem.

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)
const job = sampleJob() as unknown as Record<string, unknown>
const payload = buildJobReport(runInfo(), sampleJob(), 'SUCCESS', NOW, reportOptions({ cd: true }))
  .payload as unknown as Record<string, unknown>
const deployment = {
  id: 2,
  sha: 'a'.repeat(40),
  ref: 'main',
  environment: 'production',
  created_at: '2026-11-29T10:00:00Z',
  extra: { kept: true }
}

const BROKEN: unknown[] = [
  undefined,
  null,
  '',
  'x',
  ' https://example.com/a\tb ',
  'x'.repeat(201),
  '2026-11-30T09:43:53-08:00',
  '2026-02-30T09:43:53Z',
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  Number.NaN,
  Infinity,
  true,
  [],
  [null],
  ['x'],
  {},
  { id: 'a' },
  new Date(0),
  'SUCCESS'
]

/** The value with the field at `path` replaced, or deleted when `value` is DELETE. */
const DELETE = Symbol('delete')
function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (path.length === 0) return by
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  const inner = replaced(copy[head!], rest, by)
  if (inner === DELETE) delete copy[head!]
  else copy[head!] = inner
  return copy
}

function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at]
  if (Array.isArray(value)) {
    return here.concat(...value.slice(0, 2).map((item, i) => paths(item, [...at, i])))
  }
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([key, item]) => paths(item, [...at, key])))
  }
  return here
}

function variants(valid: unknown, extraPaths: (string | number)[][] = []): unknown[] {
  const out: unknown[] = [valid]
  for (const path of [...paths(valid), ...extraPaths]) {
    for (const by of [...BROKEN, DELETE]) out.push(replaced(valid, path, by))
  }
  return out
}

function expectSameMeaning<T>(check: Check<T>, schema: z.ZodType, inputs: unknown[]): void {
  let refused = 0
  for (const input of inputs) {
    const ours = check.safeParse(input)
    const theirs = schema.safeParse(input)
    const issue = (parsed: {
      success: boolean
      error?: { issues: { path: unknown; message: string }[] }
    }) =>
      parsed.error
        ? { path: parsed.error.issues[0]!.path, message: parsed.error.issues[0]!.message }
        : undefined
    expect({ input, issue: issue(ours) }).toEqual({ input, issue: issue(theirs) })
    if (ours.success && theirs.success) {
      expect({ input, data: ours.data }).toStrictEqual({ input, data: theirs.data })
    } else refused++
  }
  expect(refused).toBeGreaterThan(inputs.length / 4)
}

describe('the generated checks', () => {
  it('are what the zod schemas generate', async () => {
    for (const [file, text] of Object.entries(await generatedChecks())) {
      expect({ file, text: readFileSync(file, 'utf8') }).toEqual({ file, text })
    }
  })

  it('check the payload as its zod schema does', async () => {
    const { payloadSchema } = await import('../../src/sei/payload-schema.js')
    const stage = ['job_run', 'stages', 0]
    const inputs = variants(payload, [
      [...stage, 'startTime'],
      [...stage, 'steps', 0, 'startTime'],
      ['project_name'],
      ['themes'],
      ['artifacts', 0],
      ['trigger_chain', 0, 'job_run_number']
    ])
    const twice = payload.job_run as { stages: { steps: unknown[] }[] }
    const stage0 = twice.stages[0]!
    inputs.push(
      { ...payload, cd: false },
      { ...payload, scm_commit_ids: Array.from({ length: 1001 }, () => 'a'.repeat(40)) },
      { ...payload, job_run: { stages: [stage0, stage0] } },
      {
        ...payload,
        job_run: { stages: [{ ...stage0, steps: [stage0.steps[0], stage0.steps[0]] }] }
      },
      { ...payload, unknown_field: 1 },
      {
        ...payload,
        artifacts: [{ input: false, output: true, type: 'a', name: 'b', metadata: { x: 1 } }]
      }
    )
    expectSameMeaning(payloadCheck, payloadSchema, inputs)
  })

  it('check each GitHub answer as its zod schema does', async () => {
    const schemas = await import('../../src/github/schemas.js')
    const runAnswer = {
      ...run(),
      pull_requests: [{ number: 3, head: { sha: 'b'.repeat(40), ref: 'feature' } }],
      actor: { login: 'octocat' },
      head_commit: { id: 'c'.repeat(40) },
      repository: { full_name: 'octo-org/octo-repo' }
    }
    const pairs: [Check<unknown>, z.ZodType, unknown][] = [
      [answers.jobCheck, schemas.jobSchema, job],
      [answers.jobsPageCheck, schemas.jobsPageSchema, { total_count: 2, jobs: [job, job] }],
      [answers.runCheck, schemas.runSchema, runAnswer],
      [answers.runsPageCheck, schemas.runsPageSchema, { workflow_runs: [runAnswer] }],
      [answers.deploymentsCheck, schemas.deploymentsSchema, [deployment]],
      [
        answers.deploymentStatusesCheck,
        schemas.deploymentStatusesSchema,
        [{ state: 'success', log_url: 'https://x', target_url: null }]
      ],
      [
        answers.comparisonCheck,
        schemas.comparisonSchema,
        { total_commits: 1, commits: [{ sha: 'd'.repeat(40) }] }
      ]
    ]
    for (const [check, schema, valid] of pairs) expectSameMeaning(check, schema, variants(valid))
  })

  it('cover every schema the generator is given', () => {
    expect([...Object.keys(answers), 'payloadCheck'].sort()).toEqual(
      TARGETS.flatMap((t) => Object.keys(t.checks)).sort()
    )
  })
})
