// `sei-cicd-action send FILE`: posts a report that the action kept because SEI could
// not take it, with the action's retry policy and time budget. Sending a report twice
// is harmless: SEI keeps one run per job and build_number, and the first post wins.
import { ExplainedError } from '../errors.js'
import { readFileSync } from 'node:fs'
import { DEFAULT_SEI_ENDPOINT, DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../defaults.js'
import { CLUSTER_NAMES } from '../endpoints.js'
import { Budget, retryLog } from '../http/retry.js'
import { createTransport } from '../http/transport.js'
import { deliver } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import { payloadSchema, type SeiPayload } from '../sei/schema.js'
import { holdsSecret } from '../secrets.js'
import type { Command } from './command.js'
import { PLACEHOLDER_GUID } from './command.js'
import {
  API_KEY_OPTIONS,
  apiKeyOption,
  DEFAULT_KEY_ENV,
  err,
  EXIT_OK,
  hideSecret,
  out,
  parseCommandLine,
  runCommand,
  seiEndpointOption,
  timeoutOption,
  UsageError,
  CLI_TRANSPORT
} from './options.js'

export const HELP = `Usage: sei-cicd-action send FILE [options]

Posts FILE, a report the action kept when SEI could not take it (the path is in the
step's warning: $RUNNER_TEMP/sei-cicd-action/report-<execution id>.json), to SEI with
the action's retry policy. Sending a report SEI already has changes nothing: SEI keeps
one run per job and build_number. The API key is read from the environment variable
${DEFAULT_KEY_ENV}.

Options:
  --sei-endpoint NAME|URL  Harness cluster (${CLUSTER_NAMES.join(', ')})
                           or the https:// URL of the SEI API base (default: ${DEFAULT_SEI_ENDPOINT})
  --timeout-seconds N      time for every attempt together, 1 to ${MAX_TIMEOUT_SECONDS} (default: ${DEFAULT_TIMEOUT_SECONDS})
  --api-key-env NAME       read the key from this environment variable instead of
                           ${DEFAULT_KEY_ENV}
  --api-key KEY            the key itself; it stays in the shell history and is visible
                           to other users in the process list: prefer the variable
  -h, --help               show this help

Exit codes: 0 delivered; 1 not delivered (SEI refused it or did not answer, or FILE is
not a report); 2 the command line is wrong.`

const OPTIONS = {
  'sei-endpoint': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  ...API_KEY_OPTIONS
} as const

/** Where a GitHub token may sit in the environment of whoever sends. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN']

/** FILE cannot be read, is not a report, or must not be sent. */
class ReportFileError extends ExplainedError {
  override name = 'ReportFileError'
}

function readReport(file: string): SeiPayload {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    throw new ReportFileError(
      `Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}.`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ReportFileError(`${file} is not JSON: give the report-*.json file the action kept.`)
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ReportFileError(
      `${file} is not an SEI report (at ${issue.path.join('.') || 'the top'}: ${issue.message}): give the report-*.json file the action kept.`
    )
  }
  refuseUnsendable(file, text, parsed.data)
  return parsed.data
}

/** Reports SEI would take and silently drop, or keep with a secret in them. */
function refuseUnsendable(file: string, text: string, payload: SeiPayload): void {
  if (payload.instance_guid === PLACEHOLDER_GUID) {
    throw new ReportFileError(
      `${file} reports to the placeholder instance ${PLACEHOLDER_GUID}, which SEI accepts and drops: make it with preview --instance-guid YOUR_GUID.`
    )
  }
  if (holdsSecret(text)) {
    throw new ReportFileError(
      `${file} contains the API key or a GitHub token: remove it (SEI would store it) and send again.`
    )
  }
}

function oneFile(files: string[]): string {
  if (files.length === 1) return files[0]!
  throw new UsageError(
    files.length === 0
      ? 'Give the report file to send: sei-cicd-action send FILE.'
      : `Give one report file, not ${files.length}.`
  )
}

async function send(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS)
  if (values.help) {
    out(HELP)
    return EXIT_OK
  }
  const file = oneFile(positionals)
  const { name: endpointName, base: apiBase } = seiEndpointOption(values)
  const timeoutSeconds = timeoutOption(values, DEFAULT_TIMEOUT_SECONDS)
  const { key, source } = apiKeyOption(values, env)
  for (const name of TOKEN_VARIABLES) hideSecret((env[name] ?? '').trim())
  const transport = await createTransport(env, CLI_TRANSPORT)
  try {
    const folded = foldPayload(readReport(file))
    if (folded.notice) err(folded.notice)
    const done = await deliver(
      JSON.stringify(folded.payload),
      {
        apiBase,
        apiKey: key,
        endpointName,
        names: { key: source, endpoint: '--sei-endpoint', timeout: '--timeout-seconds' }
      },
      transport,
      new Budget(timeoutSeconds * 1000),
      undefined,
      retryLog('SEI', err)
    )
    out(
      `Sent ${folded.payload.job_full_name} #${folded.payload.build_number} to ${done.url}: HTTP ${done.status} after ${done.attempts} attempt(s).`
    )
    return EXIT_OK
  } finally {
    await transport.close()
  }
}

export const command: Command = {
  help: HELP,
  summary: 'post a report the action kept because SEI could not take it',
  run: (args, env) => runCommand('send', () => send(args, env))
}
