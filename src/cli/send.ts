// `sei-cicd-action send FILE`: posts a report that the action kept because SEI could
// not take it, with the action's retry policy and time budget. Sending a report twice
// is harmless: SEI keeps one run per job and build_number, and the first post wins.
import { readFileSync } from 'node:fs'
import { resolveApiBase } from '../endpoints.js'
import { Budget } from '../http/retry.js'
import { createTransport, proxySecrets } from '../http/transport.js'
import { InputError, parseTimeout } from '../inputs.js'
import { deliver, DeliveryError } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import { payloadSchema, type SeiPayload } from '../sei/schema.js'
import type { Command } from './main.js'

const HELP = `Usage: sei-cicd-action send FILE [options]

Posts FILE, a report the action kept when SEI could not take it (the path is in the
step's warning: $RUNNER_TEMP/sei-cicd-action/report-<execution id>.json), to SEI with
the action's retry policy. Sending a report SEI already has changes nothing: SEI keeps
one run per job and build_number.

The API key is read from the environment variable SEI_API_KEY.

Options:
  --sei-endpoint NAME|URL  Harness cluster (prod0, prod1, prod2, prod3, prod4, prod6, eu1)
                           or the https:// URL of the SEI API base (default: prod2)
  --timeout-seconds N      time for every attempt together, 1 to 600 (default: 60)
  --api-key KEY            the key, when SEI_API_KEY cannot be set; it stays in the
                           shell history and is visible to other users in the process list
  -h, --help               show this help

Exit codes: 0 delivered; 1 not delivered (SEI refused it or did not answer, or FILE is
not a report); 2 the command line is wrong.
`

const VALUE_OPTIONS = ['--sei-endpoint', '--timeout-seconds', '--api-key'] as const
type Option = (typeof VALUE_OPTIONS)[number]

interface SendArgs {
  help: boolean
  files: string[]
  options: Partial<Record<Option, string>>
}

class UsageError extends Error {
  override name = 'UsageError'
}

function parseArgs(args: string[]): SendArgs {
  const parsed: SendArgs = { help: false, files: [], options: {} }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '-h' || arg === '--help') {
      parsed.help = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.files.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown option "${name}": see sei-cicd-action send --help.`)
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i]
    if (value === undefined) throw new UsageError(`Option ${name} needs a value.`)
    parsed.options[name as Option] = value
  }
  return parsed
}

function readReport(file: string): SeiPayload {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    throw new DeliveryError(
      `Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}.`,
      'rejected',
      0
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new DeliveryError(
      `${file} is not JSON: give the report-*.json file the action kept.`,
      'rejected',
      0
    )
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new DeliveryError(
      `${file} is not an SEI report (at ${issue.path.join('.') || 'the top'}: ${issue.message}): give the report-*.json file the action kept.`,
      'rejected',
      0
    )
  }
  return parsed.data
}

interface Settings {
  file: string
  apiBase: string
  endpointName: string
  apiKey: string
  keyName: string
  timeoutSeconds: number
}

function settings(args: SendArgs, env: NodeJS.ProcessEnv, warn: (line: string) => void): Settings {
  if (args.files.length !== 1) {
    throw new UsageError(
      args.files.length === 0
        ? 'Give the report file to send: sei-cicd-action send FILE.'
        : `Give one report file, not ${args.files.length}.`
    )
  }
  const endpointName = args.options['--sei-endpoint'] ?? 'prod2'
  const endpoint = resolveApiBase(endpointName, 'Option --sei-endpoint')
  if ('error' in endpoint) throw new UsageError(endpoint.error)
  let timeoutSeconds: number
  try {
    timeoutSeconds = parseTimeout(args.options['--timeout-seconds'] ?? '')
  } catch (cause) {
    if (!(cause instanceof InputError)) throw cause
    throw new UsageError(
      cause.message.replace('Input "timeout-seconds"', 'Option --timeout-seconds')
    )
  }
  const fromFlag = args.options['--api-key']
  if (fromFlag !== undefined) {
    warn(
      'Warning: --api-key leaves the key in your shell history and the process list; prefer the SEI_API_KEY environment variable.'
    )
  }
  const apiKey = (fromFlag ?? env.SEI_API_KEY ?? '').trim()
  if (apiKey === '') {
    throw new UsageError('SEI_API_KEY is not set: export the SEI API key as SEI_API_KEY.')
  }
  const keyName = fromFlag === undefined ? 'SEI_API_KEY' : '--api-key'
  return {
    file: args.files[0]!,
    apiBase: endpoint.base,
    endpointName,
    apiKey,
    keyName,
    timeoutSeconds
  }
}

function redactor(secrets: string[]): (text: string) => string {
  const hidden = secrets.filter((secret) => secret !== '')
  return (text) => hidden.reduce((out, secret) => out.split(secret).join('***'), text)
}

async function send(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const secrets = [env.SEI_API_KEY ?? '', ...proxySecrets(env)]
  let redact = redactor(secrets)
  const out = (line: string) => process.stdout.write(redact(line) + '\n')
  const err = (line: string) => process.stderr.write(redact(line) + '\n')
  let parsed: SendArgs
  let setup: Settings
  try {
    parsed = parseArgs(args)
    if (parsed.help) {
      out(HELP.trimEnd())
      return 0
    }
    redact = redactor([parsed.options['--api-key'] ?? '', ...secrets])
    setup = settings(parsed, env, err)
  } catch (cause) {
    if (!(cause instanceof UsageError)) throw cause
    err(cause.message)
    return 2
  }
  const transport = await createTransport(env)
  try {
    const folded = foldPayload(readReport(setup.file))
    if (folded.notice) err(folded.notice)
    const done = await deliver(
      JSON.stringify(folded.payload),
      {
        apiBase: setup.apiBase,
        apiKey: setup.apiKey,
        endpointName: setup.endpointName,
        names: { key: setup.keyName, endpoint: '--sei-endpoint' }
      },
      transport,
      new Budget(setup.timeoutSeconds * 1000),
      undefined,
      {
        onRetry: (reason, attempt, waitMs) =>
          err(`SEI: ${reason} on attempt ${attempt}; retrying in ${(waitMs / 1000).toFixed(1)} s.`)
      }
    )
    out(
      `Sent ${folded.payload.job_full_name} #${folded.payload.build_number} to ${done.url}: HTTP ${done.status} after ${done.attempts} attempt(s).`
    )
    return 0
  } catch (cause) {
    if (!(cause instanceof DeliveryError)) throw cause
    err(cause.message)
    return 1
  } finally {
    await transport.close()
  }
}

export const command: Command = {
  summary: 'post a report the action kept because SEI could not take it',
  run: send
}
