// The SEI payload: its limits, its types and the check made before it is sent. The
// payload is defined once, as zod schemas in payload-schema.ts; what runs here is the
// check generated from them (payload-check.ts), so that a step never loads zod.
import type * as z from 'zod'
import { ExplainedError } from '../errors.js'
import { payloadCheck } from './payload-check.js'
import type {
  artifactSchema,
  paramSchema,
  payloadSchema,
  resultSchema,
  stageSchema,
  stepSchema,
  triggerSchema
} from './payload-schema.js'

export { MAX_COMMITS, MAX_DESCRIPTION, RESULTS } from './limits.js'

export type SeiPayload = z.infer<typeof payloadSchema>
export type SeiStage = z.infer<typeof stageSchema>
export type SeiStep = z.infer<typeof stepSchema>
export type SeiResult = z.infer<typeof resultSchema>
export type SeiArtifact = z.infer<typeof artifactSchema>
export type SeiTrigger = z.infer<typeof triggerSchema>
export type SeiParam = z.infer<typeof paramSchema>

export class PayloadError extends ExplainedError {
  override name = 'PayloadError'
}

/** Checks a payload before it is sent; a failure names the first wrong field. */
export function validatePayload(payload: unknown): SeiPayload {
  const parsed = payloadCheck.safeParse(payload)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = issue.path.join('.') || 'payload'
  throw new PayloadError(
    `The SEI payload is invalid at ${path}: ${issue.message}. This is a bug in sei-cicd-action; please report it with the address of the run, from which \`sei-cicd-action preview --run-id\` rebuilds the same report.`
  )
}
