// The SEI custom CI/CD payload as the server accepts it (docs: the wire-format page),
// as zod schemas: the one definition of the payload, the source of its types
// (src/sei/schema.ts) and of the check the action runs (src/sei/payload-check.ts,
// generated from it by `npm run build`). The CLI reads kept reports with it.
import * as z from 'zod'
import { GUID_PATTERN } from '../defaults.js'
import { MAX_COMMITS, MAX_DESCRIPTION, RESULTS } from './limits.js'

export const resultSchema = z.enum(RESULTS)
const text = z.string().min(1)
const millis = z.number().int().nonnegative()
const isoTime = z.iso.datetime({ offset: true })

export const stepSchema = z.object({
  id: text,
  displayName: text,
  displayDescription: text.max(MAX_DESCRIPTION),
  result: resultSchema,
  state: z.string().max(30),
  durationInMillis: millis,
  startTime: isoTime.optional()
})

function uniqueIds(items: { id: string }[]): boolean {
  return new Set(items.map((item) => item.id)).size === items.length
}

export const stageSchema = stepSchema.extend({
  steps: z.array(stepSchema).refine(uniqueIds, 'step ids must be unique within a stage')
})

export const artifactSchema = z.object({
  input: z.boolean(),
  output: z.boolean(),
  type: text,
  name: text,
  location: z.string().optional(),
  qualifier: z.string().optional(),
  hash: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional()
})

export const triggerSchema = z.object({
  id: text,
  type: text,
  job_run_number: z.number().int().nonnegative().optional(),
  direct_parents: z.array(z.unknown()).optional()
})

export const paramSchema = z.object({
  type: z.literal('StringParameterValue'),
  name: text,
  value: z.string()
})

export const payloadSchema = z
  .object({
    pipeline: text,
    job_full_name: text,
    qualified_name: text,
    instance_guid: z.string().regex(GUID_PATTERN),
    instance_name: text,
    instance_url: z.url(),
    result: resultSchema,
    start_time: millis,
    duration: millis,
    build_number: z.number().int().positive(),
    execution_id: text,
    user_id: z.string(),
    repo_url: z.url(),
    branch_name: z.string(),
    scm_commit_ids: z.array(z.string().regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/)).max(MAX_COMMITS),
    trigger_chain: z.array(triggerSchema),
    job_run_params: z.array(paramSchema),
    ci: z.boolean(),
    cd: z.boolean(),
    artifacts: z.array(artifactSchema),
    job_run: z.object({
      stages: z.array(stageSchema).refine(uniqueIds, 'stage ids must be unique within a run')
    }),
    project_name: z.string().optional(),
    module_name: z.string().optional(),
    cfr_status: z.boolean().optional(),
    themes: z.array(z.string()).optional()
  })
  .refine((payload) => payload.ci !== payload.cd, 'exactly one of ci and cd must be true')
