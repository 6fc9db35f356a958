// Command-line options of the CLI commands: parsed strictly, so that a typo is a
// usage error (exit 2) rather than an option silently ignored.
import { DEFAULT_API_URL, DEFAULT_SEI_ENDPOINT, MAX_TIMEOUT_SECONDS } from '../defaults.js'
import { escapeCommandData, stripControl } from '../encodings.js'
import { inert, withoutOldCommands } from '../runner.js'
import { ExplainedError, explain } from '../errors.js'
import { addSecret, maskText } from '../secrets.js'
import { DEFAULT_KEY_ENV } from '../invocation.js'
import { InputError, MIN_KEY_LENGTH, readInputs, type Inputs } from '../inputs.js'
import { checkGitHubApiUrl, INSECURE_HTTP_OPTION, resolveApiBase } from '../endpoints.js'
import { parseArgs } from 'node:util'
import type { TransportOptions } from '../http/transport.js'
import { nearest } from './did-you-mean.js'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

export class UsageError extends ExplainedError {
  override name = 'UsageError'
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>
export type OptionValues = Record<string, string | boolean | string[] | undefined>

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
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    ...spec,
    help: { type: 'boolean', short: 'h' }
  }
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) {
      // Not echoed: a stray word on a command line may be a key that lost its option.
      throw new UsageError(
        `Unexpected argument in position ${token.index + 1}: this command takes only options.`
      )
    }
    if (token.kind !== 'option') continue
    const known = options[token.name]
    if (!known) throw new UsageError(unknownOption(token.rawName, Object.keys(options)))
    if (known.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${token.rawName} takes no value.`)
    }
    if (known.type === 'string' && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value.`)
    }
    if (known.type === 'string' && !token.inlineValue && token.value!.startsWith('-')) {
      throw new UsageError(
        `${token.rawName} needs a value; for one that starts with "-", write ${token.rawName}=VALUE.`
      )
    }
  }
  return { values: values as OptionValues, positionals }
}

function unknownOption(rawName: string, names: string[]): string {
  const typed = rawName.replace(/^-+/, '').split('=')[0]!
  const near = nearest(typed, names)
  return `Unknown option ${rawName.split('=')[0]}${near ? `; did you mean --${near}?` : '.'}`
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value.trim() : undefined
}

/** Every value of an option given several times (spec `multiple: true`). */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name]
  return Array.isArray(value) ? value.map((item) => item.trim()) : []
}

export function requireOption(values: OptionValues, name: string): string {
  const value = stringOption(values, name)
  if (!value) throw new UsageError(`--${name} is required.`)
  return value
}

/** A whole number of seconds for the time budget, 1 to MAX_TIMEOUT_SECONDS. */
export function timeoutOption(values: OptionValues, fallback: number): number {
  const raw = stringOption(values, 'timeout-seconds')
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `--timeout-seconds is "${raw}": use a whole number from 1 to ${MAX_TIMEOUT_SECONDS}.`
    )
  }
  return value
}

export { DEFAULT_KEY_ENV }

/** Where a GitHub token is looked for when --token-env names none, in gh's order. */
export const TOKEN_VARIABLES = ['GH_TOKEN', 'GITHUB_TOKEN'] as const

/** The options of every command that reads the GitHub API. */
export const GITHUB_OPTIONS = {
  'token-env': { type: 'string' },
  'api-url': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' }
} as const

export const TIMEOUT_OPTIONS = { 'timeout-seconds': { type: 'string' } } as const

export interface GitHubToken {
  token: string
  /** The variable it came from, for messages: "GITHUB_TOKEN". */
  variable: string
}

/**
 * The token in the variable --token-env names, else in GH_TOKEN, else in GITHUB_TOKEN.
 * `needs` ends the message when there is none: what the token must be able to read.
 */
export function githubTokenOption(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  needs: string
): GitHubToken {
  const named = stringOption(values, 'token-env')
  const variables = named ? [named] : TOKEN_VARIABLES
  for (const variable of variables) {
    const token = (env[variable] ?? '').trim()
    if (token === '') continue
    hideSecret(token)
    return { token, variable }
  }
  const where = named
    ? `the environment variable ${named} is empty`
    : 'GH_TOKEN and GITHUB_TOKEN are both empty'
  throw new UsageError(
    `No GitHub token: ${where}. Set ${named ?? 'GITHUB_TOKEN'} to ${needs} (or name another variable with --token-env).`
  )
}

/** An http(s) URL from `flag`, without its trailing slashes. */
export function httpUrl(raw: string, flag: string): string {
  try {
    const url = new URL(raw)
    if (url.protocol === 'https:' || url.protocol === 'http:') return raw.replace(/\/+$/, '')
  } catch {
    // reported below
  }
  throw new UsageError(`${flag} is "${raw}", not an http(s) URL.`)
}

/** Whether --allow-insecure-http lets the token go to a plain http:// API elsewhere. */
export function insecureHttpOption(values: OptionValues): boolean {
  return values['allow-insecure-http'] === true
}

/** Where the GitHub API URL comes from, and the name messages give that place. */
function apiUrlSource(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  runAddressApi: string | undefined
): [string, string] {
  const option = stringOption(values, 'api-url')
  if (option) return [option, '--api-url']
  if (runAddressApi) return [runAddressApi, '--run-id']
  if (env.GITHUB_API_URL) return [env.GITHUB_API_URL, 'GITHUB_API_URL']
  return [DEFAULT_API_URL, '--api-url']
}

/**
 * --api-url, else the API of the server a --run-id address names, else GITHUB_API_URL,
 * else github.com's API; a plain http:// one is refused unless it is this machine or
 * --allow-insecure-http is given.
 */
export function apiUrlOption(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  runAddressApi?: string
): string {
  const [raw, what] = apiUrlSource(values, env, runAddressApi)
  const checked = checkGitHubApiUrl(raw, what, {
    insecureHttp: insecureHttpOption(values),
    optIn: INSECURE_HTTP_OPTION
  })
  if ('error' in checked) throw new UsageError(`${checked.error}.`)
  return checked.url
}

/** --sei-endpoint as the user wrote it (default DEFAULT_SEI_ENDPOINT) and the API base it names. */
export function seiEndpointOption(values: OptionValues): { name: string; base: string } {
  const name = stringOption(values, 'sei-endpoint') || DEFAULT_SEI_ENDPOINT
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
    refuseShortKey(given, 'The --api-key value')
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
  refuseShortKey(key, `The key in ${name}`)
  hideSecret(key)
  return { key, source: `the key in ${name}` }
}

/** A key too short to be real is refused before it is masked: masking it would blank out words. */
function refuseShortKey(key: string, what: string): void {
  if (key.length < MIN_KEY_LENGTH) {
    throw new UsageError(
      `${what} is ${key.length} character(s) long, too short to be a Harness SEI API key: set it to the whole key.`
    )
  }
}

/**
 * Keeps `value` out of everything `out` and `err` print. The runner's setSecret cannot
 * serve a terminal: it announces the value in an ::add-mask:: line on stdout.
 */
export function hideSecret(value: string): void {
  addSecret(value)
}

/**
 * What a terminal is shown: no escape sequences from GitHub, SEI or a file, and nothing a
 * runner would take for a workflow command (`##[` anywhere, always; a line that starts
 * with `::` too when it runs in a workflow); secrets masked last.
 */
function masked(text: string): string {
  const clean = stripControl(text)
  return maskText(process.env.GITHUB_ACTIONS === 'true' ? inert(clean) : withoutOldCommands(clean))
}

export function out(text: string): void {
  const shown = masked(text)
  process.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`)
}

export function err(text: string): void {
  const shown = masked(text)
  process.stderr.write(shown.endsWith('\n') ? shown : `${shown}\n`)
}

/** With RUNNER_DEBUG=1, a command's request lines go to stderr, masked, apart from its output. */
export const CLI_TRANSPORT: TransportOptions = {
  debug: (line) =>
    process.stderr.write(`::debug::${maskText(escapeCommandData(stripControl(line)))}\n`)
}

/** Where a usage error points for more: the command's --help. */
export function moreHelp(command?: string): string {
  return `Run "sei-cicd-action ${command ? `${command} ` : ''}--help" for more.`
}

/** Runs a command body: usage errors give one line and 2, other errors give 1. */
export async function runCommand(name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body()
  } catch (cause) {
    if (cause instanceof UsageError) {
      err(`${cause.message} ${moreHelp(name)}`)
      return EXIT_USAGE
    }
    err(explain(cause))
    return EXIT_FAILED
  }
}

/**
 * The action's inputs from a command's options, checked by the action's own rules; a
 * problem is a usage error that names the option (`--cd`) instead of the input.
 */
export function actionInputs(given: Record<string, string | undefined>): Inputs {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(given)) {
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = value
  }
  try {
    return readInputs(env)
  } catch (cause) {
    if (cause instanceof InputError) {
      throw new UsageError(cause.message.replace(/Input "([a-z-]+)"/g, '--$1'))
    }
    throw cause
  }
}
