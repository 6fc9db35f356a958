// The SEI custom CI/CD payload as the server accepts it (docs: the wire-format page).
import { ExplainedError } from '../errors.js'
import * as z from 'zod'
import { GUID_PATTERN } from '../defaults.js'

export const RESULTS = ['SUCCESS', 'FAILURE', 'ABORTED', 'UNSTABLE', 'NOT_BUILT'] as const
export const MAX_DESCRIPTION = 200
/** Commits per report: SEI has no cap; this keeps a payload of a long range bounded. */
export const MAX_COMMITS = 1000

const result = z.enum(RESULTS)
const text = z.string().min(1)
const millis = z.number().int().nonnegative()
const isoTime = z.iso.datetime({ offset: true })

export const stepSchema = z.object({
  id: text,
  displayName: text,
  displayDescription: text.max(MAX_DESCRIPTION),
  result,
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
    result,
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

export type SeiPayload = z.infer<typeof payloadSchema>
export type SeiStage = z.infer<typeof stageSchema>
export type SeiStep = z.infer<typeof stepSchema>
export type SeiResult = z.infer<typeof result>
export type SeiArtifact = z.infer<typeof artifactSchema>
export type SeiTrigger = z.infer<typeof triggerSchema>
export type SeiParam = z.infer<typeof paramSchema>

export class PayloadError extends ExplainedError {
  override name = 'PayloadError'
}

/** Checks a payload before it is sent; a failure names the first wrong field. */
export function validatePayload(payload: unknown): SeiPayload {
  const parsed = payloadSchema.safeParse(payload)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.path.join('.') || 'payload'
  throw new PayloadError(
    `The SEI payload is invalid at ${path}: ${issue.message}. This is a bug in sei-cicd-action; please report it with the payload output.`
  )
}
