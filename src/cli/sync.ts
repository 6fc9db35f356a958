// `sei-cicd-action sync`: reports the finished runs of many repositories, history
// included, from one place, exactly as the workflow_run reporter (or each job's post
// step, with --scope job) would have. SEI keeps the first report of a run, so a sync
// beside the other setups, or twice over, changes nothing that was already reported.
import type { Collected } from '../collect/report.js'
import { createGitHubClient } from '../github/client.js'
import { createHistoryClient, syncTokenFailure, type RepoRef } from '../github/history.js'
import { Budget, realClock, retryLog } from '../http/retry.js'
import { createTransport, type Transport } from '../http/transport.js'
import { InputError, readInputs, type Inputs } from '../inputs.js'
import { deliver } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import { outcomeTable, Progress } from '../sync/progress.js'
import { RateGate } from '../sync/rate-gate.js'
import type { RepoOutcome, RepoSync } from '../sync/repo.js'
import { runSync, type RepoSource } from '../sync/run.js'
import { Slots } from '../sync/slots.js'
import { emptyState, loadState, saveState, type SyncState } from '../sync/state.js'
import { parseRepos, parseShard, parseTime, type Shard } from '../sync/window.js'
import { CLI } from './invocation.js'
import type { Command } from './command.js'
import {
  apiKeyOption,
  err,
  EXIT_FAILED,
  EXIT_OK,
  hideSecret,
  listOption,
  out,
  parseOptions,
  runCommand,
  seiEndpointOption,
  stringOption,
  UsageError,
  type OptionValues
} from './options.js'
import { serverUrlOf } from './run-reference.js'

export const HELP = `Usage: sei-cicd-action sync (--repo OWNER/NAME ... | --org ORG) --instance-guid GUID [options]

Reports every completed run attempt created in a time window, re-runs included, of
the given repositories or of every repository of an organisation (archived ones are
skipped), as the workflow_run reporter would have reported each (or, with --scope
job, each job as its own step would have). Runs still in progress are left for a
later sync. SEI keeps the first report of a run, so runs already reported live are
not changed. The GitHub token is read from GITHUB_TOKEN, the SEI API key from
SEI_API_KEY, a GitHub Enterprise Server API from GITHUB_API_URL (its web address from
GITHUB_SERVER_URL, else derived from the API's).

Options:
  --repo OWNER/NAME       A repository to sync; give it several times (or a comma-
                          separated list) for several.
  --org ORG               Every repository of the organisation that is not archived.
  --instance-guid GUID    The SEI instance to report to (required).
  --since DATE|Nd|Nh      Runs created from then: 2026-01-01, an ISO time, 7d or 12h
                          back (default: the checkpoint in --state, else 1d).
  --until DATE            Runs created until then (default: now).
  --state FILE            The checkpoint: a second sync reports only what is new and
                          retries what failed. Written as repositories finish, and on
                          Ctrl-C or SIGTERM.
  --workflow NAME         Only runs of this workflow (its name: key); several allowed.
  --scope workflow|job    One report per run attempt (default), or one per job.
  --sei-endpoint NAME|URL Harness cluster (prod0, prod1, prod2, prod3, prod4, prod6,
                          eu1) or the https:// URL of the SEI API base (default prod2).
  --instance-name NAME    The instance-name input (default "GitHub Actions").
  --cd auto|true|false    The cd input (default auto).
  --hotfix-branches LIST  Branch patterns whose successful deployments are hotfixes
                          (default "hotfix/*, hotfix-*"), as the hotfix-branches input.
  --dry-run               Build and print each report as one JSON line; send nothing.
  --concurrency N         Repositories and run attempts worked on at once, 1 to 16
                          (default 4).
  --shard I/N             Only the I-th of N stable shares of the repositories, for a
                          matrix of jobs (1/4, 2/4, ...).
  -h, --help              Show this help.

The token needs "Actions: read", "Contents: read" and "Deployments: read" on the
repositories (a GitHub App installation token, or a fine-grained token).

Exit codes: 0 everything due was reported; 1 some reports failed (kept in --state for
the next sync); 2 wrong command line.

Example:
  GITHUB_TOKEN=$(gh auth token) SEI_API_KEY=... ${CLI} sync --org octo-org \\
    --instance-guid 4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f --since 30d --state sei-sync.json`

const OPTIONS = {
  repo: { type: 'string', multiple: true },
  org: { type: 'string' },
  'instance-guid': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  state: { type: 'string' },
  workflow: { type: 'string', multiple: true },
  scope: { type: 'string' },
  'sei-endpoint': { type: 'string' },
  'instance-name': { type: 'string' },
  cd: { type: 'string' },
  'hotfix-branches': { type: 'string' },
  'dry-run': { type: 'boolean' },
  concurrency: { type: 'string' },
  shard: { type: 'string' }
} as const

const TOKEN_ENV = 'GITHUB_TOKEN'
const DEFAULT_SINCE = '1d'
const DEFAULT_CONCURRENCY = 4
/** The time one report may take to reach SEI, retries included. */
const DELIVERY_MS = 60_000
/** A sync may run for days on a backfill; GitHub requests share no deadline. */
const GITHUB_BUDGET_MS = 30 * 24 * 3_600_000

function source(values: OptionValues): RepoSource {
  const org = stringOption(values, 'org')
  const given = listOption(values, 'repo')
  if ((org ? 1 : 0) + (given.length > 0 ? 1 : 0) !== 1) {
    throw new UsageError('Give either --org ORG or one or more --repo OWNER/NAME.')
  }
  if (org) return { org }
  const repos = parseRepos(given)
  if (typeof repos === 'string') {
    throw new UsageError(`--repo "${repos}" is not OWNER/NAME, for example octo-org/octo-repo.`)
  }
  return { repos: repos.map((repo): RepoRef => ({ ...repo, archived: false })) }
}

function timeOption(values: OptionValues, name: string, now: number): string | undefined {
  const raw = stringOption(values, name)
  if (raw === undefined) return undefined
  const time = parseTime(raw, now)
  if (time === undefined) {
    throw new UsageError(
      `--${name} is "${raw}": use a date (2026-01-01), an ISO time, or 7d / 12h.`
    )
  }
  return time
}

function concurrencyOption(values: OptionValues): number {
  const raw = stringOption(values, 'concurrency')
  if (raw === undefined) return DEFAULT_CONCURRENCY
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > 16) {
    throw new UsageError(`--concurrency is "${raw}": use a whole number from 1 to 16.`)
  }
  return value
}

function shardOption(values: OptionValues): Shard | undefined {
  const raw = stringOption(values, 'shard')
  if (raw === undefined) return undefined
  const shard = parseShard(raw)
  if (!shard) throw new UsageError(`--shard is "${raw}": use I/N with I from 1 to N, as 2/4.`)
  return shard
}

/** The action's inputs for every report, checked by the action's own input rules. */
function syncInputs(values: OptionValues, token: string, apiKey: string): Inputs {
  const given: Record<string, string | undefined> = {
    'instance-guid': stringOption(values, 'instance-guid') ?? '',
    'instance-name': stringOption(values, 'instance-name'),
    cd: stringOption(values, 'cd'),
    'hotfix-branches': stringOption(values, 'hotfix-branches'),
    scope: stringOption(values, 'scope') ?? 'workflow',
    'sei-endpoint': stringOption(values, 'sei-endpoint'),
    'dry-run': values['dry-run'] ? 'true' : 'false',
    'github-token': token,
    'api-key': apiKey
  }
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

function githubToken(env: NodeJS.ProcessEnv): string {
  const token = (env[TOKEN_ENV] ?? '').trim()
  if (token === '') {
    throw new UsageError(
      `No GitHub token: the environment variable ${TOKEN_ENV} is empty. Set it to a GitHub App installation token or a fine-grained token with Actions, Contents and Deployments read access.`
    )
  }
  hideSecret(token)
  return token
}

function sender(inputs: Inputs, values: OptionValues, transport: Transport, apiKey: string) {
  const { name: endpointName } = seiEndpointOption(values)
  const target = {
    apiBase: inputs.seiApiBase,
    apiKey,
    endpointName,
    names: {
      key: 'the key in SEI_API_KEY',
      endpoint: '--sei-endpoint',
      timeout: 'the 60 s given to each report'
    }
  }
  return async (report: Collected) => {
    const folded = foldPayload(report.payload)
    if (inputs.dryRun) {
      out(JSON.stringify(folded.payload))
      return
    }
    await deliver(
      JSON.stringify(folded.payload),
      target,
      transport,
      new Budget(DELIVERY_MS),
      undefined,
      retryLog('SEI', err)
    )
  }
}

function closing(outcomes: RepoOutcome[], gate: RateGate, stateFile: string | undefined): string {
  const reported = outcomes.reduce((sum, o) => sum + o.reported, 0)
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0)
  const { sent, notModified, remaining } = gate.status
  const lines = [
    `${reported} run attempt(s) reported from ${outcomes.length} repositories; ${sent} GitHub request(s), ${notModified} answered 304 (free); ${remaining ?? 'unknown'} left.`
  ]
  if (failed > 0) {
    lines.push(
      stateFile
        ? `${failed} failed: the checkpoint in ${stateFile} keeps them, and the next sync tries them again.`
        : `${failed} failed: without --state nothing is kept; sync the same window again to retry them.`
    )
  }
  return lines.join('\n')
}

async function sync(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS)
  if (values.help) {
    out(HELP)
    return EXIT_OK
  }
  const now = realClock.now()
  const repos = source(values)
  const since = timeOption(values, 'since', now)
  const until = timeOption(values, 'until', now)
  const concurrency = concurrencyOption(values)
  const shard = shardOption(values)
  const token = githubToken(env)
  const apiKey = values['dry-run'] ? '' : apiKeyOption({}, env).key
  const inputs = syncInputs(values, token, apiKey)
  const stateFile = stringOption(values, 'state')
  const state: SyncState = stateFile
    ? loadState(stateFile, inputs.scope, inputs.instanceGuid)
    : emptyState(inputs.scope, inputs.instanceGuid)
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  const transport = await createTransport(env)
  const tty = process.stderr.isTTY === true
  const gate = new RateGate(transport, realClock, (line) => progress.note(line))
  const progress = new Progress({
    line: err,
    ...(tty ? { live: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
    rate: gate.status,
    now: () => realClock.now()
  })
  const budget = new Budget(GITHUB_BUDGET_MS)
  const hooks = retryLog('GitHub API', (line) => progress.note(line))
  const history = createHistoryClient({
    apiUrl,
    token,
    transport: gate,
    budget,
    hooks,
    tokenName: TOKEN_ENV
  })
  let stopped = false
  const save = () => {
    if (stateFile) saveState(stateFile, state)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    stopped = true
    progress.finish()
    save()
    err(
      stateFile
        ? `Stopped by ${signal}: the checkpoint is saved in ${stateFile}; the next sync goes on from it.`
        : `Stopped by ${signal}; without --state the next sync starts again from --since.`
    )
    process.exit(EXIT_FAILED)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const repoSync: Omit<RepoSync, 'onReported'> = {
      inputs,
      apiUrl,
      serverUrl: (env.GITHUB_SERVER_URL || serverUrlOf(apiUrl)).replace(/\/+$/, ''),
      clock: realClock,
      history,
      client: (owner, repo) =>
        createGitHubClient({
          apiUrl,
          token,
          owner,
          repo,
          transport: gate,
          budget,
          hooks,
          failure: (failed, call) => syncTokenFailure(TOKEN_ENV, failed, call.what)
        }),
      send: sender(inputs, values, transport, apiKey),
      ...(values.workflow ? { workflows: new Set(listOption(values, 'workflow')) } : {}),
      ...(since ? { since } : {}),
      defaultSince: parseTime(DEFAULT_SINCE, now)!,
      ...(until ? { until } : {}),
      slots: new Slots(concurrency),
      stopped: () => stopped
    }
    const outcomes = await runSync(
      { source: repos, ...(shard ? { shard } : {}), concurrency, state, history, progress, save },
      repoSync
    )
    save()
    progress.finish()
    const write = inputs.dryRun ? err : out
    write(outcomeTable(outcomes))
    write(closing(outcomes, gate, stateFile))
    return outcomes.some((o) => o.failed > 0) ? EXIT_FAILED : EXIT_OK
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    await transport.close()
  }
}

export const command: Command = {
  summary: 'report the finished runs of many repositories, history included, from one place',
  run: (args, env) => runCommand('sync', () => sync(args, env))
}
