// job_run_params: what the run was started with, as SEI string parameters.
import type { Param } from '../inputs.js'
import type { SeiParam } from '../sei/schema.js'
import { eventField, type RunInfo } from './run-info.js'

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value) ?? ''
}

export function param(name: string, value: unknown): SeiParam {
  return { type: 'StringParameterValue', name, value: asText(value) }
}

function entries(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value)
    : []
}

/** The parameter a DORA profile filters on to count one environment's deployments. */
export const ENVIRONMENT_PARAM = 'environment'

/**
 * The environments deployed to (one `environment` each), dispatch inputs, matrix values
 * (`matrix.<key>`), the run attempt, then the user's params.
 */
export function runParams(
  run: RunInfo,
  matrix: Record<string, unknown> | undefined,
  extra: readonly Param[],
  environments: readonly string[] = []
): SeiParam[] {
  const params: SeiParam[] = [...new Set(environments)].map((name) =>
    param(ENVIRONMENT_PARAM, name)
  )
  if (run.eventName === 'workflow_dispatch') {
    for (const [name, value] of entries(eventField(run.event, 'inputs'))) {
      // Where the report knows where it deployed, a dispatch input must not contradict it.
      if (name === ENVIRONMENT_PARAM && environments.length > 0) continue
      params.push(param(name, value))
    }
  }
  for (const [name, value] of entries(matrix)) params.push(param(`matrix.${name}`, value))
  params.push(param('run_attempt', run.runAttempt))
  for (const { name, value } of extra) params.push(param(name, value))
  return params
}
