// What checking a job answer and a payload costs a step with zod/mini: the same
// schemas as src/github/schemas.ts (the job) and src/sei/payload-schema.ts, in zod/mini.
import { readFileSync } from 'node:fs'
import * as z from 'zod/mini'

const id = z.int().check(z.positive())
const count = z.int().check(z.nonnegative())
const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? null)
)
const name = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => value ?? '')
)
const step = z.looseObject({
  name,
  status: z.string(),
  conclusion: optionalText,
  number: count,
  started_at: optionalText,
  completed_at: optionalText
})
const jobSchema = z.looseObject({
  id,
  run_id: id,
  run_attempt: z.optional(id),
  name,
  status: z.string(),
  conclusion: optionalText,
  started_at: optionalText,
  completed_at: optionalText,
  created_at: optionalText,
  runner_name: optionalText,
  runner_id: z.pipe(
    z.nullish(z.int()),
    z.transform((value) => value ?? null)
  ),
  html_url: optionalText,
  workflow_name: optionalText,
  head_branch: optionalText,
  head_sha: z.optional(z.string()),
  steps: z.pipe(
    z.nullish(z.array(z.nullable(step))),
    z.transform((steps) => (steps ?? []).filter((item) => item !== null))
  )
})

const result = z.enum(['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'])
const text = z.string().check(z.minLength(1))
const millis = count
const uniqueIds = (items: { id: string }[]) =>
  new Set(items.map((item) => item.id)).size === items.length
const stepShape = {
  id: text,
  displayName: text,
  displayDescription: z.string().check(z.minLength(1), z.maxLength(200)),
  result,
  state: z.string().check(z.maxLength(30)),
  durationInMillis: millis,
  startTime: z.optional(z.iso.datetime({ offset: true }))
}
const stepSchema = z.object(stepShape)
const stageSchema = z.object({
  ...stepShape,
  steps: z.array(stepSchema).check(z.refine(uniqueIds, 'step ids must be unique within a stage'))
})
const payloadSchema = z
  .object({
    pipeline: text,
    job_full_name: text,
    qualified_name: text,
    instance_guid: z.string().check(z.regex(/^[0-9a-f-]{36}$/i)),
    instance_name: text,
    instance_url: z.url(),
    result,
    start_time: millis,
    duration: millis,
    build_number: id,
    execution_id: text,
    user_id: z.string(),
    repo_url: z.url(),
    branch_name: z.string(),
    scm_commit_ids: z
      .array(z.string().check(z.regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/)))
      .check(z.maxLength(1000)),
    trigger_chain: z.array(
      z.object({
        id: text,
        type: text,
        job_run_number: z.optional(count),
        direct_parents: z.optional(z.array(z.unknown()))
      })
    ),
    job_run_params: z.array(
      z.object({ type: z.literal('StringParameterValue'), name: text, value: z.string() })
    ),
    ci: z.boolean(),
    cd: z.boolean(),
    artifacts: z.array(
      z.object({
        input: z.boolean(),
        output: z.boolean(),
        type: text,
        name: text,
        location: z.optional(z.string()),
        qualifier: z.optional(z.string()),
        hash: z.optional(z.string()),
        metadata: z.optional(z.record(z.string(), z.unknown()))
      })
    ),
    job_run: z.object({
      stages: z
        .array(stageSchema)
        .check(z.refine(uniqueIds, 'stage ids must be unique within a run'))
    }),
    project_name: z.optional(z.string()),
    module_name: z.optional(z.string()),
    cfr_status: z.optional(z.boolean()),
    themes: z.optional(z.array(z.string()))
  })
  .check(z.refine((payload) => payload.ci !== payload.cd, 'exactly one of ci and cd must be true'))

const [job, payload] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')))
if (!jobSchema.safeParse(job).success || !payloadSchema.safeParse(payload).success) {
  process.exitCode = 1
}
