// GitHub's answers checked at the boundary: each answer is parsed with a schema of the
// fields the report uses, so that an odd answer (a job without a name, steps that are
// not a list, nulls in it) is either made usable here or refused with one message that
// names the request, instead of failing somewhere in the mapping. Fields not listed are
// kept as they came. These zod schemas are the definition; the requests run the checks
// generated from them (answers.ts, by `npm run build`), so that a step never loads zod.
import { z } from 'zod'
import type {
  GitHubDeployment,
  GitHubDeploymentStatus,
  GitHubJob,
  GitHubRun,
  GitHubStep
} from './types.js'

const id = z.number().int().positive()
const count = z.number().int().nonnegative()
/** Text GitHub may leave out or send as null; null stands for both. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null)
const time = optionalText
/** A name GitHub may send as null: the mapping gives it a fallback ("Step 3", "Job 42"). */
const name = z
  .string()
  .nullish()
  .transform((value) => value ?? '')

const step: z.ZodType<GitHubStep, unknown> = z.looseObject({
  name,
  status: z.string(),
  conclusion: optionalText,
  number: count,
  started_at: time,
  completed_at: time
})

export const jobSchema: z.ZodType<GitHubJob, unknown> = z.looseObject({
  id,
  run_id: id,
  run_attempt: id.optional(),
  name,
  status: z.string(),
  conclusion: optionalText,
  started_at: time,
  completed_at: time,
  created_at: time,
  runner_name: optionalText,
  runner_id: z
    .number()
    .int()
    .nullish()
    .transform((value) => value ?? null),
  html_url: optionalText,
  workflow_name: optionalText,
  head_branch: optionalText,
  head_sha: z.string().optional(),
  // A null step is left out rather than failing the whole report.
  steps: z
    .array(step.nullable())
    .nullish()
    .transform((steps) => (steps ?? []).filter((item): item is GitHubStep => item !== null))
})

const login = z.looseObject({ login: z.string() }).nullish()

export const runSchema: z.ZodType<GitHubRun, unknown> = z.looseObject({
  id,
  name: z.string().nullish(),
  path: z.string().optional(),
  run_number: id,
  run_attempt: id.optional(),
  event: z.string(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  head_branch: z.string().nullable(),
  head_sha: z.string(),
  run_started_at: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string().optional(),
  actor: login,
  triggering_actor: login,
  head_commit: z.looseObject({ id: z.string() }).nullish(),
  workflow_id: id.optional(),
  pull_requests: z
    .array(
      z.looseObject({
        number: id,
        head: z.looseObject({ sha: z.string(), ref: z.string() })
      })
    )
    .nullish()
    .transform((list) => list ?? []),
  repository: z.looseObject({ full_name: z.string(), html_url: z.string().optional() }).optional()
})

export const deploymentsSchema: z.ZodType<GitHubDeployment[], unknown> = z.array(
  z.looseObject({
    id,
    sha: z.string(),
    ref: z.string(),
    environment: z.string(),
    created_at: z.string(),
    statuses_url: z.string().optional()
  })
)

export const deploymentStatusesSchema: z.ZodType<GitHubDeploymentStatus[], unknown> = z.array(
  z.looseObject({
    state: z.string(),
    log_url: z.string().nullish(),
    target_url: z.string().nullish()
  })
)

/** One page of a listing: `key` holds the items. */
export function pageSchema<T>(key: string, item: z.ZodType<T, unknown>) {
  return z.looseObject({ total_count: count.optional(), [key]: z.array(item) })
}

/** A page of a run attempt's jobs. */
export const jobsPageSchema = pageSchema('jobs', jobSchema)

export const runsPageSchema = z.looseObject({ workflow_runs: z.array(runSchema).optional() })

export const comparisonSchema = z.looseObject({
  total_commits: count.optional(),
  commits: z.array(z.looseObject({ sha: z.string() })).optional()
})
