// Command-line options of the CLI commands: parsed strictly, so that a typo is a
// usage error (exit 2) rather than an option silently ignored.
import { parseArgs } from 'node:util'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export class UsageError extends Error {
  override name = 'UsageError'
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>
export type OptionValues = Record<string, string | boolean | undefined>

/** Parses `args` against `spec` (plus --help/-h); throws UsageError naming the problem. */
export function parseOptions(args: string[], spec: OptionSpec): OptionValues {
  try {
    const { values } = parseArgs({
      args,
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    })
    return values as OptionValues
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

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** Runs a command body: usage errors print the help and give 2, other errors give 1. */
export async function runCommand(
  help: string,
  body: () => Promise<number>,
  known: readonly (new (...args: never[]) => Error)[]
): Promise<number> {
  try {
    return await body()
  } catch (cause) {
    if (cause instanceof UsageError) {
      err(`${cause.message}\n\n${help}`)
      return EXIT_USAGE
    }
    if (known.some((type) => cause instanceof type)) {
      err((cause as Error).message)
      return EXIT_FAILED
    }
    const message = cause instanceof Error ? cause.message : String(cause)
    err(
      `sei-cicd-action stopped on an unexpected error: ${message.split('\n')[0]}. Please report it.`
    )
    return EXIT_FAILED
  }
}
