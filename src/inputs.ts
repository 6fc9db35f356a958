// Every input of action.yml, read and checked in one place. The checks are plain
// functions rather than a zod schema, since zod alone costs more than the whole main
// step's budget; the main step loads them only when an input is set to a value
// inputs/plain.ts cannot vouch for.
import {
  DEFAULT_HOTFIX_BRANCHES,
  DEFAULT_INSTANCE_NAME,
  DEFAULT_SEI_ENDPOINT,
  DEFAULT_TIMEOUT_SECONDS,
  GUID_PATTERN,
  MAX_TIMEOUT_SECONDS
} from './defaults.js'
import { dockerArtifacts, type ArtifactInput } from './inputs/artifacts.js'
import { ExplainedError } from './errors.js'
import { resolveApiBase } from './endpoints.js'
import { getInput } from './runner.js'
import { FALSE_WORDS, TRUE_WORDS } from './inputs/early.js'

export type Scope = 'job' | 'workflow'
export type CdMode = 'auto' | 'true' | 'false'

export type { ArtifactInput }

export interface Param {
  name: string
  value: string
}

export interface Inputs {
  instanceGuid: string
  apiKey: string
  seiApiBase: string
  instanceName: string
  githubToken: string
  dryRun: boolean
  failOnError: boolean
  /** The token may go to a plain http:// GitHub API on another machine. */
  allowInsecureHttp: boolean
  timeoutSeconds: number
  scope: Scope
  runId: number | undefined
  cd: CdMode
  /** The environment a deployment went to, named by the user; makes the report CD. */
  environment: string | undefined
  artifacts: ArtifactInput[]
  params: Param[]
  projectName: string
  moduleName: string
  themes: string[]
  /** Branch patterns whose successful deployments are hotfixes. */
  hotfixBranches: string[]
  cfrStatus: boolean | undefined
  jobStatus: string
  jobCheckRunId: number | undefined
  matrix: Record<string, unknown> | undefined
}

export class InputError extends ExplainedError {
  override name = 'InputError'
}

/** Shorter than any real Harness API key; masking it would blank out half the log. */
export const MIN_KEY_LENGTH = 8
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/

function fail(message: string): never {
  throw new InputError(message)
}

export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  if (raw === '') return fallback
  if (TRUE_WORDS.includes(raw)) return true
  if (FALSE_WORDS.includes(raw)) return false
  return fail(`Input "${name}" is "${raw}": use true or false.`)
}

function parseOptionalBoolean(name: string, raw: string): boolean | undefined {
  return raw === '' ? undefined : parseBoolean(name, raw, false)
}

export function parseGuid(raw: string): string {
  if (raw === '') {
    return fail(
      'Input "instance-guid" is empty: set it to your SEI CI/CD instance GUID (for example `${{ vars.SEI_INSTANCE_GUID }}`).'
    )
  }
  if (!GUID_PATTERN.test(raw)) {
    return fail(
      `Input "instance-guid" is "${raw}", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`
    )
  }
  return raw.toLowerCase()
}

/** A secret input, checked without ever quoting it. */
export function parseSecret(name: string, raw: string, minLength = 0): string {
  if (CONTROL_CHARACTER.test(raw)) {
    return fail(
      `Input "${name}" contains a control character (often a line break pasted with the secret): store the secret again without it.`
    )
  }
  if (raw !== '' && raw.length < minLength) {
    return fail(
      `Input "${name}" is ${raw.length} character(s) long, too short to be a Harness SEI API key: check the secret it comes from.`
    )
  }
  return raw
}

export function parseTimeout(raw: string): number {
  if (raw === '') return DEFAULT_TIMEOUT_SECONDS
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value <= 0) {
    return fail(`Input "timeout-seconds" is "${raw}": use a whole number of seconds above 0.`)
  }
  if (value > MAX_TIMEOUT_SECONDS) {
    return fail(
      `Input "timeout-seconds" is ${raw}: use at most ${MAX_TIMEOUT_SECONDS} seconds, so a report never holds a runner for long.`
    )
  }
  return value
}

function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const value = raw === '' ? choices[0]! : raw.toLowerCase()
  if ((choices as readonly string[]).includes(value)) return value as T
  return fail(`Input "${name}" is "${raw}": use one of ${choices.join(', ')}.`)
}

function parseId(name: string, raw: string, hint: string): number | undefined {
  if (raw === '') return undefined
  if (!/^\d{1,16}$/.test(raw) || Number(raw) === 0) {
    return fail(`Input "${name}" is "${raw}": ${hint}`)
  }
  return Number(raw)
}

interface Line {
  text: string
  /** 1-based, counting blank and comment lines, as the user sees the input. */
  number: number
}

/** Splits a multi-line input into trimmed, non-empty lines that are not comments. */
function lines(raw: string): Line[] {
  return raw
    .split(/\r?\n/)
    .map((line, index) => ({ text: line.trim(), number: index + 1 }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'))
}

const ARTIFACT_KEYS = ['type', 'name', 'location', 'qualifier', 'hash']

function artifactFromLine({ text, number }: Line): ArtifactInput {
  const where = `Input "artifacts", line ${number} ("${text}")`
  const fields: Record<string, string> = {}
  for (const part of text.split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0) {
      return fail(
        `${where}: "${part.trim()}" is not key=value; write the artifact as type=container,name=...,location=...,qualifier=... (one per line).`
      )
    }
    const key = part.slice(0, eq).trim().toLowerCase()
    if (!ARTIFACT_KEYS.includes(key)) {
      return fail(`${where}: unknown key "${key}"; use ${ARTIFACT_KEYS.join(', ')}.`)
    }
    if (key in fields) return fail(`${where}: "${key}" is given twice.`)
    fields[key] = part.slice(eq + 1).trim()
  }
  return checkArtifact(fields, where)
}

function checkArtifact(fields: Record<string, unknown>, where: string): ArtifactInput {
  for (const key of ['type', 'name']) {
    if (typeof fields[key] !== 'string' || fields[key] === '') {
      return fail(`${where}: "${key}" is missing; every artifact needs a type and a name.`)
    }
  }
  const artifact: ArtifactInput = { type: String(fields.type), name: String(fields.name) }
  for (const key of ['location', 'qualifier', 'hash'] as const) {
    const value = fields[key]
    if (value === undefined || value === null || value === '') continue
    if (typeof value !== 'string') return fail(`${where}: "${key}" must be a string.`)
    artifact[key] = value
  }
  const metadata = fields.metadata
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== 'object' || Array.isArray(metadata)) {
      return fail(`${where}: "metadata" must be an object.`)
    }
    artifact.metadata = metadata as Record<string, unknown>
  }
  return artifact
}

export function parseArtifacts(raw: string): ArtifactInput[] {
  if (raw === '') return []
  if (raw.startsWith('[') || raw.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      return fail(
        'Input "artifacts" starts like JSON but is not valid JSON: give a JSON array of artifact objects, or one type=...,name=... line per artifact.'
      )
    }
    if (!Array.isArray(parsed)) {
      const docker =
        typeof parsed === 'object' && parsed !== null
          ? dockerArtifacts(parsed as Record<string, unknown>)
          : undefined
      if (docker) return docker
      return fail('Input "artifacts" is JSON but not an array: wrap the artifact objects in [ ].')
    }
    return parsed.map((item, index) => {
      const where = `Input "artifacts", item ${index + 1}`
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return fail(`${where} is not an object with type, name, location and qualifier.`)
      }
      return checkArtifact(item as Record<string, unknown>, where)
    })
  }
  return lines(raw).map(artifactFromLine)
}

export function parseParams(raw: string): Param[] {
  return lines(raw).map(({ text, number }) => {
    const eq = text.indexOf('=')
    if (eq <= 0) {
      return fail(
        `Input "params", line ${number} ("${text}") is not name=value: write one name=value per line.`
      )
    }
    return { name: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() }
  })
}

export function parseThemes(raw: string): string[] {
  const themes = raw
    .split(/[,\n]/)
    .map((theme) => theme.trim())
    .filter((theme) => theme !== '')
  return [...new Set(themes)]
}

/** Branch patterns, comma- or line-separated; the default when none is given. */
export function parseHotfixBranches(raw: string): string[] {
  const patterns = parseThemes(raw || DEFAULT_HOTFIX_BRANCHES)
  const bad = patterns.find((pattern) => pattern.length > 255 || /\p{Cc}/u.test(pattern))
  if (bad !== undefined) {
    fail(
      `Input "hotfix-branches" has a pattern longer than 255 characters or with a control character: give branch patterns such as ${DEFAULT_HOTFIX_BRANCHES}.`
    )
  }
  const spaced = patterns.find((pattern) => /\s/.test(pattern))
  if (spaced !== undefined) {
    fail(
      `Input "hotfix-branches" has the pattern "${spaced}", with a space, which no branch name has: separate patterns with commas or new lines.`
    )
  }
  return patterns
}

export function parseMatrix(raw: string): Record<string, unknown> | undefined {
  if (raw === '' || raw === 'null') return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>
    }
  } catch {
    // A matrix the runner could not serialise is not worth failing a report over.
  }
  return undefined
}

/** GitHub's own limit on an environment name. */
export const MAX_ENVIRONMENT_LENGTH = 255

export function parseEnvironment(raw: string, cd: CdMode): string | undefined {
  if (raw === '') return undefined
  if (/[\r\n]/.test(raw) || raw.length > MAX_ENVIRONMENT_LENGTH) {
    return fail(
      `Input "environment" must be one environment name of at most ${MAX_ENVIRONMENT_LENGTH} characters on one line.`
    )
  }
  if (cd === 'false') {
    return fail(
      `Input "environment" is "${raw}", which reports a deployment, but cd is false: remove one of the two.`
    )
  }
  return raw
}

/** Reads and checks every input; throws InputError with a one-line message. */
export function readInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const input = (name: string) => getInput(name, env)
  const dryRun = parseBoolean('dry-run', input('dry-run'), false)
  const endpoint = resolveApiBase(
    input('sei-endpoint') || DEFAULT_SEI_ENDPOINT,
    'Input "sei-endpoint"'
  )
  if ('error' in endpoint) fail(endpoint.error)
  const cd = parseChoice('cd', input('cd'), ['auto', 'true', 'false'] as const)
  return {
    instanceGuid: parseGuid(input('instance-guid')),
    apiKey: parseSecret('api-key', input('api-key'), MIN_KEY_LENGTH),
    seiApiBase: endpoint.base,
    instanceName: input('instance-name') || DEFAULT_INSTANCE_NAME,
    githubToken: parseSecret('github-token', input('github-token')),
    dryRun,
    failOnError: parseBoolean('fail-on-error', input('fail-on-error'), false),
    allowInsecureHttp: parseBoolean('allow-insecure-http', input('allow-insecure-http'), false),
    timeoutSeconds: parseTimeout(input('timeout-seconds')),
    scope: parseChoice('scope', input('scope'), ['job', 'workflow'] as const),
    runId: parseId(
      'run-id',
      input('run-id'),
      'use the numeric id of a workflow run of this repository (the number after /actions/runs/ in its URL).'
    ),
    cd,
    environment: parseEnvironment(input('environment'), cd),
    artifacts: parseArtifacts(input('artifacts')),
    params: parseParams(input('params')),
    projectName: input('project-name'),
    moduleName: input('module-name'),
    themes: parseThemes(input('themes')),
    hotfixBranches: parseHotfixBranches(input('hotfix-branches')),
    cfrStatus: parseOptionalBoolean('cfr-status', input('cfr-status')),
    jobStatus: input('job-status').toLowerCase(),
    jobCheckRunId: parseId(
      'job-check-run-id',
      input('job-check-run-id'),
      'leave this hidden input unset; the runner fills it.'
    ),
    matrix: parseMatrix(input('matrix'))
  }
}
