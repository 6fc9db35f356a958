// A report given to `send`: read from a file or from standard input (`-`, what `preview`
// prints), checked against SEI's schema, and every problem told in plain words.
import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { ExplainedError, fileProblem } from '../errors.js'
import { payloadSchema } from '../sei/payload-schema.js'
import type { SeiPayload } from '../sei/schema.js'

/** The stage states of a preview of a run or job that has not finished. */
export const RUNNING = 'RUNNING'
export const QUEUED = 'QUEUED'

/** The operand that reads the report from standard input. */
export const STDIN = '-'

/** FILE cannot be read, is not a report, or must not be sent. */
export class ReportFileError extends ExplainedError {
  override name = 'ReportFileError'
}

/** How a report is named in messages: its path, or "standard input". */
export function reportName(file: string): string {
  return file === STDIN ? 'Standard input' : file
}

function readText(file: string): string {
  try {
    return readFileSync(file === STDIN ? 0 : file, 'utf8')
  } catch (cause) {
    throw new ReportFileError(
      `Cannot read ${file === STDIN ? 'standard input' : file}: ${fileProblem(cause)}.`
    )
  }
}

const KINDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  int: 'a whole number'
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return KINDS[typeof value] ?? typeof value
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** One schema problem as a person would say it: "build_number is 0; it must be above 0". */
export function plainIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const where = issue.path.map(String).join('.') || 'the report'
  const value = valueAt(json, issue.path)
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `${where} is missing`
        : `${where} is ${kindOf(value)} where ${KINDS[issue.expected] ?? issue.expected} belongs`
    case 'too_small':
      if (issue.origin === 'string') return `${where} is empty`
      if (issue.origin === 'array') return `${where} has too few items`
      return `${where} is ${String(value)}; it must be ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}`
    case 'too_big':
      return issue.origin === 'string'
        ? `${where} is longer than ${String(issue.maximum)} characters`
        : `${where} is ${String(value)}; it must be ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}`
    case 'invalid_value':
      return `${where} is ${JSON.stringify(value)}, not one of ${issue.values.map((v) => String(v)).join(', ')}`
    case 'invalid_format':
      return `${where} is not a valid ${issue.format === 'url' ? 'address' : issue.format}`
    case 'unrecognized_keys':
      return `${where} has fields SEI does not take: ${issue.keys.join(', ')}`
    default:
      return `${where} is not what SEI takes${issue.code === 'custom' ? ` (${issue.message})` : ''}`
  }
}

const WHAT_TO_GIVE = 'give the report-*.json file the action kept, or pipe in what preview prints'

/** The report in `file` (or on standard input), checked, and its text; throws ReportFileError in words. */
export function readReport(file: string): { payload: SeiPayload; text: string } {
  const text = readText(file)
  const name = reportName(file)
  if (text.trim() === '' && file === STDIN) {
    throw new ReportFileError(
      'Standard input is empty: the command before the | printed no report (its message says why).'
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ReportFileError(`${name} is not JSON: ${WHAT_TO_GIVE}.`)
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) {
    throw new ReportFileError(
      `${name} is not an SEI report (${plainIssue(parsed.error.issues[0]!, json)}): ${WHAT_TO_GIVE}.`
    )
  }
  return { payload: parsed.data, text }
}

/** The stages of a preview made while they were still running or queued. */
export function unfinishedStages(payload: SeiPayload): string[] {
  return payload.job_run.stages
    .filter((stage) => stage.state === RUNNING || stage.state === QUEUED)
    .map((stage) => stage.displayName)
}
