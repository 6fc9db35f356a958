// `sei-cicd-action register`: creates the SEI CI/CD instance that reports name, and
// prints its GUID with the lines to paste into a workflow.
import { CLI } from './invocation.js'
import { Budget, retryLog } from '../http/retry.js'
import { createTransport } from '../http/transport.js'
import { createInstance } from '../sei/instances.js'
import type { Command } from './command.js'
import {
  API_KEY_OPTIONS,
  apiKeyOption,
  DEFAULT_KEY_ENV,
  err,
  EXIT_OK,
  out,
  parseOptions,
  requireOption,
  runCommand,
  seiEndpointOption,
  stringOption,
  timeoutOption,
  UsageError,
  CLI_TRANSPORT,
  type OptionValues
} from './options.js'
import { jobLines } from './paste.js'
import { DEFAULT_INSTANCE_NAME, DEFAULT_SEI_ENDPOINT } from '../defaults.js'
import { CLUSTER_NAMES } from '../endpoints.js'

const DEFAULT_TYPE = 'jenkins'

export const HELP = `Usage: sei-cicd-action register --integration-id ID [options]

Creates a CI/CD instance in Harness SEI (POST <api base>/v1/cicd/instances) and prints
its GUID and the lines to paste into a workflow. The API key is read from the
environment variable SEI_API_KEY.

Options:
  --integration-id ID     The id of the custom CI/CD integration in SEI (required).
  --name NAME             The instance name shown in SEI (default "${DEFAULT_INSTANCE_NAME}"). Reports
                          overwrite it with their instance-name input, so use the same.
  --type TYPE             The instance type (default "${DEFAULT_TYPE}": SEI reads custom CI/CD
                          reports as Jenkins-style runs).
  --sei-endpoint NAME     A Harness cluster (${CLUSTER_NAMES.join(', ')})
                          or the https:// URL of a self-managed SEI API base
                          (default ${DEFAULT_SEI_ENDPOINT}).
  --api-key-env NAME      Read the API key from this environment variable instead of
                          ${DEFAULT_KEY_ENV}.
  --api-key KEY           The API key itself. It lands in your shell history: prefer
                          the environment variable.
  --timeout-seconds N     Time for the request, retries included (default 30).
  --quiet                 Print only the GUID.
  -h, --help              Show this help.

Exit codes: 0 created, 1 SEI refused or could not be reached, 2 wrong command line.

Example:
  SEI_API_KEY=... ${CLI} register --integration-id 4711 --sei-endpoint eu1`

const OPTIONS = {
  'integration-id': { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  'sei-endpoint': { type: 'string' },
  ...API_KEY_OPTIONS,
  'timeout-seconds': { type: 'string' },
  quiet: { type: 'boolean' }
} as const

/** The integration's id: a number; anything else SEI would store as an instance of nothing. */
function integrationIdOption(values: OptionValues): string {
  const id = requireOption(values, 'integration-id')
  if (!/^\d+$/.test(id)) {
    // Not echoed: a mistyped command line may have put a key here.
    throw new UsageError(
      '--integration-id must be a number: the integration_id in the satellite.yml SEI gave the custom integration, for example 4711.'
    )
  }
  return id
}

async function register(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS)
  if (values.help) {
    out(HELP)
    return EXIT_OK
  }
  const integrationId = integrationIdOption(values)
  const name = stringOption(values, 'name') || DEFAULT_INSTANCE_NAME
  const type = stringOption(values, 'type') || DEFAULT_TYPE
  const { name: endpointName, base: apiBase } = seiEndpointOption(values)
  const timeoutSeconds = timeoutOption(values, 30)
  const { key, source } = apiKeyOption(values, env)
  const transport = await createTransport(env, CLI_TRANSPORT)
  try {
    const guid = await createInstance(
      { integrationId, name, type },
      { apiBase, apiKey: key, endpointName, keySource: source },
      transport,
      new Budget(timeoutSeconds * 1000),
      undefined,
      retryLog('SEI', err)
    )
    if (values.quiet) {
      out(guid)
      return EXIT_OK
    }
    out(
      [
        `Created the SEI CI/CD instance "${name}" for integration ${integrationId} on ${endpointName}.`,
        '',
        `Instance GUID: ${guid}`,
        '',
        'Store the API key as the secret SEI_API_KEY. In each job to report, add these',
        'permissions and put this step first; it starts in dry run, so the job summary shows',
        'what would be sent and nothing is:',
        '',
        ...jobLines(guid, endpointName, name),
        '',
        `To share the GUID across repositories, store it as a variable (gh variable set SEI_INSTANCE_GUID --org ORG --body ${guid})`,
        'and give the step instance-guid: ${{ vars.SEI_INSTANCE_GUID }} in the workflow instead.'
      ].join('\n')
    )
    return EXIT_OK
  } finally {
    await transport.close()
  }
}

export const command: Command = {
  help: HELP,
  summary: 'create an SEI CI/CD instance and print its GUID and the workflow lines to paste',
  run: (args, env) => runCommand('register', () => register(args, env))
}
