// Reports too large for one request, made smaller in a fixed order: first the step
// lists of jobs that succeeded, then every step list. Jobs (stages) are always kept,
// so results, durations and DORA figures stay whole; only step detail is lost.
import type { SeiPayload, SeiStage } from './schema.js'

/** What SEI is sent in one request at most; larger reports are folded. */
export const MAX_PAYLOAD_BYTES = 5_000_000

export interface Folded {
  payload: SeiPayload
  /** Size of the JSON that will be sent. */
  bytes: number
  /** One line for the log when steps were left out. */
  notice?: string
}

export function payloadBytes(payload: SeiPayload): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8')
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

function withoutSteps(payload: SeiPayload, fold: (stage: SeiStage) => boolean): SeiPayload {
  const stages = payload.job_run.stages.map((stage) =>
    fold(stage) && stage.steps.length > 0 ? { ...stage, steps: [] } : stage
  )
  return { ...payload, job_run: { stages } }
}

function describeFold(original: SeiPayload, folded: SeiPayload): { stages: number; steps: number } {
  let stages = 0
  let steps = 0
  original.job_run.stages.forEach((stage, index) => {
    const dropped = stage.steps.length - folded.job_run.stages[index]!.steps.length
    if (dropped > 0) {
      stages++
      steps += dropped
    }
  })
  return { stages, steps }
}

/** Returns the payload unchanged when it fits in `limit` bytes, else with steps folded. */
export function foldPayload(payload: SeiPayload, limit = MAX_PAYLOAD_BYTES): Folded {
  const bytes = payloadBytes(payload)
  if (bytes <= limit) return { payload, bytes }
  const levels: { fold: (stage: SeiStage) => boolean; which: string }[] = [
    { fold: (stage) => stage.result === 'SUCCESS', which: 'successful job(s)' },
    { fold: () => true, which: 'job(s)' }
  ]
  let folded = payload
  let size = bytes
  let which = ''
  for (const level of levels) {
    folded = withoutSteps(payload, level.fold)
    size = payloadBytes(folded)
    which = level.which
    if (size <= limit) break
  }
  const { stages, steps } = describeFold(payload, folded)
  const still =
    size > limit ? `; at ${megabytes(size)} it is still too large and may be refused` : ''
  return {
    payload: folded,
    bytes: size,
    notice: `The report was ${megabytes(bytes)}, more than SEI takes in one request (${megabytes(limit)}): the step lists of ${stages} ${which} (${steps} step(s)) were left out, every job is still reported${still}.`
  }
}
