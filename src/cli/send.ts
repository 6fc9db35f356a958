// `sei-cicd-action send FILE`: posts a report that the action kept because SEI could
// not take it, with the action's retry policy and time budget. Sending a report twice
// is harmless: SEI keeps one run per job and build_number, and the first post wins.
import { DEFAULT_SEI_ENDPOINT, DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../defaults.js'
import { CLUSTER_NAMES } from '../endpoints.js'
import { Budget, retryLog } from '../http/retry.js'
import { createTransport } from '../http/transport.js'
import { deliver } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import type { SeiPayload } from '../sei/schema.js'
import { holdsSecret } from '../secrets.js'
import type { Command } from './command.js'
import { CLI } from './invocation.js'
import { PLACEHOLDER_GUID } from './command.js'
import { readReport, ReportFileError, reportName, STDIN, unfinishedStages } from './report-file.js'
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

export const HELP = `Usage: sei-cicd-action send FILE|- [options]

Posts a report to SEI with the action's retry policy: FILE, a report the action kept
when SEI could not take it (the path is in the step's warning:
$RUNNER_TEMP/sei-cicd-action/report-<execution id>.json), or, with -, the report on
standard input, such as what preview prints for a finished run or job. Sending a report SEI already has changes nothing: SEI keeps
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
not a report); 2 the command line is wrong.

Example, the report of a job rebuilt from the GitHub API and sent, from any machine:
  export GITHUB_TOKEN=$(gh auth token) SEI_API_KEY=...
  ${CLI} preview --run-id https://github.com/octo-org/octo-repo/actions/runs/9100000001/job/29679449011 \\
    --instance-guid GUID | ${CLI} send - --sei-endpoint eu1`

const OPTIONS = {
  'sei-endpoint': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  ...API_KEY_OPTIONS
} as const

/** Where a GitHub token may sit in the environment of whoever sends. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN']

function readSendable(file: string): SeiPayload {
  const { payload, text } = readReport(file)
  refuseUnsendable(reportName(file), text, payload)
  return payload
}

/** Reports SEI would take and silently drop, or keep with a secret in them. */
function refuseUnsendable(file: string, text: string, payload: SeiPayload): void {
  const unfinished = unfinishedStages(payload)
  if (unfinished.length > 0) {
    throw new ReportFileError(
      `${file} is a preview of a run still in progress (${unfinished.length} job(s) not finished): preview it again once GitHub shows it finished, then send that.`
    )
  }
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
      ? `Give the report file to send: sei-cicd-action send FILE (or ${STDIN} for standard input).`
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
    const folded = foldPayload(readSendable(file))
    if (folded.notice) err(folded.notice)
    const done = await deliver(
      JSON.stringify(folded.payload),
      {
        apiBase,
        apiKey: key,
        endpointName,
        names: {
          key: source,
          endpoint: '--sei-endpoint',
          timeout: '--timeout-seconds',
          host: 'this machine'
        }
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
