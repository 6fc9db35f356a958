// Command-line options of the CLI commands: parsed strictly, so that a typo is a
// usage error (exit 2) rather than an option silently ignored.
import { stripControl } from '../encodings.js'
import { ExplainedError, explain } from '../errors.js'
import { addSecret, maskText } from '../secrets.js'
import { DEFAULT_KEY_ENV } from '../invocation.js'
import { resolveApiBase } from '../endpoints.js'
import { parseArgs } from 'node:util'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export class UsageError extends ExplainedError {
  override name = 'UsageError'
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>
export type OptionValues = Record<string, string | boolean | undefined>

export interface CommandLine {
  values: OptionValues
  positionals: string[]
}

/** Parses `args` against `spec` (plus --help/-h), operands such as FILE allowed. */
export function parseCommandLine(args: string[], spec: OptionSpec): CommandLine {
  return parse(args, spec, true)
}

/** Parses `args` against `spec` (plus --help/-h); throws UsageError naming the problem. */
export function parseOptions(args: string[], spec: OptionSpec): OptionValues {
  return parse(args, spec, false).values
}

function parse(args: string[], spec: OptionSpec, allowPositionals: boolean): CommandLine {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals
    })
    return { values: values as OptionValues, positionals }
  } catch (cause) {
    throw new UsageError((cause as Error).message.split('\n')[0]!)
  }
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value.trim() : undefined
}

export function requireOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name)
  if (!value) throw new UsageError(`--${name} is required.`)
  return value
}

/** A whole number of seconds for the time budget, 1 to 600. */
export function timeoutOption(values: OptionValues, fallback: number): number {
  const raw = stringOption(values, 'timeout-seconds')
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > 600) {
    throw new UsageError(`--timeout-seconds is "${raw}": use a whole number from 1 to 600.`)
  }
  return value
}

export { DEFAULT_KEY_ENV }

/** --sei-endpoint as the user wrote it (default prod2) and the API base it names. */
export function seiEndpointOption(values: OptionValues): { name: string; base: string } {
  const name = stringOption(values, 'sei-endpoint') || 'prod2'
  const endpoint = resolveApiBase(name, '--sei-endpoint')
  if ('error' in endpoint) throw new UsageError(endpoint.error)
  return { name, base: endpoint.base }
}

/** The options that give the SEI API key, for a command's option spec. */
export const API_KEY_OPTIONS = {
  'api-key-env': { type: 'string' },
  'api-key': { type: 'string' }
} as const

export interface ApiKey {
  key: string
  /** Where the key came from, for messages: "the key in SEI_API_KEY". */
  source: string
}

/** The key from --api-key (with a warning), else from the variable --api-key-env names. */
export function apiKeyOption(values: OptionValues, env: NodeJS.ProcessEnv): ApiKey {
  const given = stringOption(values, 'api-key')
  if (given !== undefined) {
    err(
      `Warning: --api-key leaves the key in your shell history; prefer ${DEFAULT_KEY_ENV}=... in the environment.`
    )
    if (given === '') throw new UsageError('--api-key is empty.')
    hideSecret(given)
    return { key: given, source: 'the --api-key value' }
  }
  const name = stringOption(values, 'api-key-env') || DEFAULT_KEY_ENV
  const key = (env[name] ?? '').trim()
  if (key === '') {
    throw new UsageError(
      `No API key: the environment variable ${name} is empty. Set it to a Harness SEI API key (or name another variable with --api-key-env).`
    )
  }
  hideSecret(key)
  return { key, source: `the key in ${name}` }
}

/**
 * Keeps `value` out of everything `out` and `err` print. The runner's setSecret cannot
 * serve a terminal: it announces the value in an ::add-mask:: line on stdout.
 */
export function hideSecret(value: string): void {
  addSecret(value)
}

/** What a terminal is shown: no escape sequences from GitHub or a file, secrets masked last. */
function masked(text: string): string {
  return maskText(stripControl(text))
}

export function out(text: string): void {
  const shown = masked(text)
  process.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`)
}

export function err(text: string): void {
  const shown = masked(text)
  process.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`)
}

/** Runs a command body: usage errors print the help and give 2, other errors give 1. */
export async function runCommand(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (cause) {
    if (cause instanceof UsageError) {
      err(`${cause.message}\n\n${help}`)
      return EXIT_USAGE
    }
    err(explain(cause))
    return EXIT_FAILED
  }
}
