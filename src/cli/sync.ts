// `sei-cicd-action sync`: reports the finished runs of many repositories, history
// included, from one place, exactly as the workflow_run reporter (or each job's post
// step, with --scope job) would have. SEI keeps the first report of a run, so a sync
// beside the other setups, or twice over, changes nothing that was already reported.
import type { Collected } from '../collect/report.js'
import { createGitHubClient } from '../github/client.js'
import { createHistoryClient, syncTokenFailure, type RepoRef } from '../github/history.js'
import { Budget, realClock, retryLog } from '../http/retry.js'
import { createTransport, type Transport } from '../http/transport.js'
import type { Inputs } from '../inputs.js'
import { deliver } from '../sei/deliver.js'
import { foldPayload } from '../sei/fold.js'
import { outcomeTable, Progress } from '../sync/progress.js'
import { RateGate } from '../sync/rate-gate.js'
import type { RepoOutcome, RepoSync } from '../sync/repo.js'
import { runSync, type RepoSource } from '../sync/run.js'
import { Slots } from '../sync/slots.js'
import { Breaker, BREAKER_THRESHOLD } from '../sync/breaker.js'
import {
  emptyState,
  loadState,
  prepareStateFile,
  saveState,
  StateFileError,
  type StateExpectation,
  type SyncState
} from '../sync/state.js'
import {
  parseDuration,
  parseRepos,
  parseShard,
  parseTime,
  rerunStart,
  type Shard
} from '../sync/window.js'
import { CLI } from './invocation.js'
import type { Command } from './command.js'
import {
  actionInputs,
  API_KEY_OPTIONS,
  apiKeyOption,
  apiUrlOption,
  insecureHttpOption,
  EXIT_USAGE,
  GITHUB_OPTIONS,
  githubTokenOption,
  TIMEOUT_OPTIONS,
  timeoutOption,
  type ApiKey,
  err,
  EXIT_FAILED,
  EXIT_OK,
  hideSecret,
  listOption,
  out,
  parseOptions,
  requireOption,
  runCommand,
  seiEndpointOption,
  stringOption,
  UsageError,
  type OptionValues
} from './options.js'
import { serverUrlOf } from './run-reference.js'

const DEFAULT_SINCE = '1d'
const DEFAULT_RERUN_WINDOW = '3d'
/** GitHub lets a run be re-run for 30 days. */
const MAX_RERUN_WINDOW_MS = 30 * 86_400_000
const DEFAULT_CONCURRENCY = 4
const DEFAULT_TIMEOUT_SECONDS = 60
/** A sync may run for days on a backfill; GitHub requests share no deadline. */
const GITHUB_BUDGET_MS = 30 * 24 * 3_600_000
const TOKEN_NEEDS =
  'a GitHub App installation token or a fine-grained token with Actions, Contents and Deployments read access'

export const HELP = `Usage: sei-cicd-action sync (--repo OWNER/NAME ... | --org ORG) --instance-guid GUID [options]

Reports every completed run attempt created in a time window, re-runs included, of
the given repositories or of every repository of an organisation (archived ones are
skipped), as the workflow_run reporter would have reported each (or, with --scope
job, each job as its own step would have). Runs still in progress are left for a
later sync. SEI keeps the first report of a run, so runs already reported live are
not changed. The GitHub token is read from GH_TOKEN, else GITHUB_TOKEN; the SEI API
key from SEI_API_KEY; a GitHub Enterprise Server API from GITHUB_API_URL (its web
address from GITHUB_SERVER_URL, else derived from the API's).

Options:
  --repo OWNER/NAME       A repository to sync; give it several times (or a comma-
                          separated list) for several.
  --org ORG               Every repository of the organisation that is not archived.
  --instance-guid GUID    The SEI instance to report to (required).
  --state FILE            The checkpoint: the next sync reports only what is new and
                          retries what failed. Written as repositories finish, and on
                          Ctrl-C or SIGTERM; its directory is created if missing.
  --since DATE|Nd|Nh      Where a repository without a checkpoint starts: 2026-01-01,
                          an ISO time, 7d or 12h back (default ${DEFAULT_SINCE}). A checkpoint wins.
  --reread-from DATE|Nd|Nh
                          Read every repository again from then, whatever the
                          checkpoint says (SEI keeps the first report of a run).
  --rerun-window Nd|Nh    Each sync reads the runs created this far back again (from
                          the start of that day, UTC) to report their re-runs
                          (default ${DEFAULT_RERUN_WINDOW}, at most 30d: GitHub allows re-runs for 30 days).
  --lost-state-since DATE|Nd|Nh
                          For a scheduled sync: when the --state file is missing, say
                          so in a warning and start from then instead of --since.
  --until DATE            Runs created until then (default: now).
  --workflow NAME         Only runs of this workflow (its name: key); several allowed.
  --scope workflow|job    One report per run attempt (default), or one per job.
  --sei-endpoint NAME|URL Harness cluster (prod0, prod1, prod2, prod3, prod4, prod6,
                          eu1) or the https:// URL of the SEI API base (default prod2).
  --instance-name NAME    The instance-name input (default "GitHub Actions").
  --cd auto|true|false    The cd input (default auto).
  --hotfix-branches LIST  Branch patterns whose successful deployments are hotfixes
                          (default "hotfix/*, hotfix-*"), as the hotfix-branches input.
  --dry-run               Build and print each report as one JSON line; send nothing
                          and leave the checkpoint as it was.
  --allow-insecure-http   Send the token to a plain http:// GITHUB_API_URL on another
                          machine, where anyone on the way can read it.
  --concurrency N         Repositories and run attempts worked on at once, 1 to 16
                          (default ${DEFAULT_CONCURRENCY}).
  --shard I/N             Only the I-th of N stable shares of the repositories, for a
                          matrix of jobs (1/4, 2/4, ...).
  --token-env NAME        Read the GitHub token from this variable instead.
  --listing-token-env NAME
                          Read the listings (repositories, runs) with the token in this
                          variable: a long-lived token keeps unchanged listings free.
  --api-url URL           The GitHub API (default GITHUB_API_URL, else
                          https://api.github.com).
  --api-key-env NAME      Read the SEI API key from this variable instead of SEI_API_KEY.
  --timeout-seconds N     Time each report has to reach SEI, retries included
                          (default ${DEFAULT_TIMEOUT_SECONDS}).
  -h, --help              Show this help.

The token needs "Actions: read", "Contents: read" and "Deployments: read" on the
repositories (a GitHub App installation token, or a fine-grained token).

After ${BREAKER_THRESHOLD} reports in a row that SEI did not take, sync stops posting; what is left
waits in the checkpoint for the next sync.

Exit codes: 0 everything due was reported; 1 some reports failed or wait (kept in
--state for the next sync); 2 wrong command line or an unusable --state file.

Example:
  GITHUB_TOKEN=$(gh auth token) SEI_API_KEY=... ${CLI} sync --org octo-org \\
    --instance-guid 4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f --since 30d --state sei-sync.json`

const OPTIONS = {
  repo: { type: 'string', multiple: true },
  org: { type: 'string' },
  'instance-guid': { type: 'string' },
  since: { type: 'string' },
  'reread-from': { type: 'string' },
  'rerun-window': { type: 'string' },
  'lost-state-since': { type: 'string' },
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
  shard: { type: 'string' },
  'listing-token-env': { type: 'string' },
  ...GITHUB_OPTIONS,
  ...API_KEY_OPTIONS,
  ...TIMEOUT_OPTIONS
} as const

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
  const given = {
    'instance-guid': requireOption(values, 'instance-guid'),
    'instance-name': stringOption(values, 'instance-name'),
    cd: stringOption(values, 'cd'),
    'hotfix-branches': stringOption(values, 'hotfix-branches'),
    scope: stringOption(values, 'scope') ?? 'workflow',
    'sei-endpoint': stringOption(values, 'sei-endpoint'),
    'dry-run': values['dry-run'] ? 'true' : 'false',
    'github-token': token,
    'api-key': apiKey
  }
  return actionInputs(given)
}

function rerunWindowOption(values: OptionValues): number {
  const raw = stringOption(values, 'rerun-window') ?? DEFAULT_RERUN_WINDOW
  const ms = parseDuration(raw)
  if (ms === undefined || ms > MAX_RERUN_WINDOW_MS) {
    throw new UsageError(
      `--rerun-window is "${raw}": use days or hours back, up to 30d, as 3d or 12h (0h: no re-read).`
    )
  }
  return ms
}

/** The listing token, when --listing-token-env names one. */
function listingToken(values: OptionValues, env: NodeJS.ProcessEnv): string | undefined {
  const variable = stringOption(values, 'listing-token-env')
  if (variable === undefined) return undefined
  const token = (env[variable] ?? '').trim()
  if (token === '') {
    throw new UsageError(
      `--listing-token-env names ${variable}, which is empty: set it to a long-lived token that can read the repositories' Actions, or leave the option out.`
    )
  }
  hideSecret(token)
  return token
}

function sender(
  inputs: Inputs,
  values: OptionValues,
  transport: Transport,
  apiKey: ApiKey | undefined,
  timeoutSeconds: number,
  breaker: Breaker
) {
  const { name: endpointName } = seiEndpointOption(values)
  return async (report: Collected, label: string) => {
    const folded = foldPayload(report.payload)
    if (!apiKey) {
      out(JSON.stringify(folded.payload))
      return
    }
    const target = {
      apiBase: inputs.seiApiBase,
      apiKey: apiKey.key,
      endpointName,
      names: {
        key: apiKey.source,
        endpoint: '--sei-endpoint',
        timeout: `the ${timeoutSeconds} s of --timeout-seconds`,
        host: 'this machine'
      }
    }
    await deliver(
      JSON.stringify(folded.payload),
      target,
      transport,
      new Budget(timeoutSeconds * 1000),
      breaker.policy,
      retryLog(`SEI, ${label}`, err)
    )
  }
}

interface Closing {
  outcomes: RepoOutcome[]
  unread: number
  breaker: Breaker
  gates: RateGate[]
  stateFile: string | undefined
  dryRun: boolean
}

function closing({ outcomes, unread, breaker, gates, stateFile, dryRun }: Closing): string {
  const total = (pick: (o: RepoOutcome) => number) => outcomes.reduce((sum, o) => sum + pick(o), 0)
  const reported = total((o) => o.reported)
  const failed = total((o) => o.failed)
  const waiting = total((o) => o.waiting)
  const sent = gates.reduce((sum, gate) => sum + gate.status.sent, 0)
  const free = gates.reduce((sum, gate) => sum + gate.status.notModified, 0)
  const left = gates[0]!.status.remaining ?? 'unknown'
  const lines = [
    dryRun
      ? `Dry run: would report ${reported} run attempt(s) from ${outcomes.length} repositories; nothing was sent and the checkpoint was not written; ${sent} GitHub request(s), ${free} answered 304 (free); ${left} left.`
      : `${reported} run attempt(s) reported from ${outcomes.length} repositories; ${sent} GitHub request(s), ${free} answered 304 (free); ${left} left.`
  ]
  const kept = stateFile
    ? `the checkpoint in ${stateFile} keeps them, and the next sync tries them again`
    : 'without --state nothing is kept; sync the same window again to retry them'
  if (breaker.open) {
    const notRead = unread > 0 ? `; ${unread} repositories were not read` : ''
    lines.push(
      `SEI is failing: ${breaker.why}. Stopped posting: ${failed + waiting} run attempt(s) wait for the next sync${notRead}; ${kept}.`
    )
  } else if (failed > 0) {
    lines.push(`${failed} failed: ${kept}.`)
  }
  return lines.join('\n')
}

/** The checkpoint to start from; a missing file is a new one, or a lost one with --lost-state-since. */
function startState(
  file: string | undefined,
  expect: StateExpectation,
  lostSince: string | undefined
): SyncState | 'lost' {
  const empty = emptyState(expect.scope, expect.instanceGuid)
  if (!file) return empty
  const loaded = loadState(file, expect)
  if (loaded) return loaded
  return lostSince ? 'lost' : empty
}

async function sync(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS)
  if (values.help) {
    out(HELP)
    return EXIT_OK
  }
  const now = realClock.now()
  const repos = source(values)
  const since = timeOption(values, 'since', now) ?? parseTime(DEFAULT_SINCE, now)!
  const reread = timeOption(values, 'reread-from', now)
  const lostSince = timeOption(values, 'lost-state-since', now)
  const until = timeOption(values, 'until', now)
  const rerunFrom = rerunStart(now, rerunWindowOption(values))
  const concurrency = concurrencyOption(values)
  const shard = shardOption(values)
  const timeoutSeconds = timeoutOption(values, DEFAULT_TIMEOUT_SECONDS)
  const apiUrl = apiUrlOption(values, env)
  const { token, variable: tokenName } = githubTokenOption(values, env, TOKEN_NEEDS)
  const listToken = listingToken(values, env)
  const dryRun = values['dry-run'] === true
  const apiKey = dryRun ? undefined : apiKeyOption(values, env)
  const inputs = syncInputs(values, token, apiKey?.key ?? '')
  const stateFile = stringOption(values, 'state')
  let state: SyncState
  let lost = false
  try {
    if (stateFile && !dryRun) prepareStateFile(stateFile)
    const started = startState(
      stateFile,
      {
        scope: inputs.scope,
        instanceGuid: inputs.instanceGuid,
        now,
        source: 'org' in repos ? repos : { repos: repos.repos.map((r) => `${r.owner}/${r.name}`) }
      },
      lostSince
    )
    lost = started === 'lost'
    state = started === 'lost' ? emptyState(inputs.scope, inputs.instanceGuid) : started
    if (lost) {
      err(
        `Warning: no checkpoint in --state ${stateFile}, though this sync has run before (the Actions cache drops one unused for 7 days): every repository is read from ${lostSince}, and SEI keeps the first report of what it already has.`
      )
    }
  } catch (cause) {
    if (!(cause instanceof StateFileError)) throw cause
    err(cause.message)
    return EXIT_USAGE
  }
  const transport = await createTransport(env)
  const tty = process.stderr.isTTY === true
  const reportedWord = dryRun ? 'would report' : 'reported'
  const note = (line: string) => progress.note(line)
  const gate = new RateGate(transport, realClock, note)
  const listingGate = listToken ? new RateGate(transport, realClock, note) : gate
  const progress = new Progress({
    line: err,
    ...(tty ? { live: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
    rate: gate.status,
    now: () => realClock.now(),
    reported: reportedWord
  })
  const budget = new Budget(GITHUB_BUDGET_MS)
  const hooks = retryLog('GitHub API', note)
  const history = createHistoryClient({
    apiUrl,
    insecureHttp: insecureHttpOption(values),
    token: listToken ?? token,
    transport: listingGate,
    budget,
    hooks,
    tokenName: listToken ? stringOption(values, 'listing-token-env')! : tokenName
  })
  const breaker = new Breaker()
  let stopped = false
  const save = () => {
    if (stateFile && !dryRun) saveState(stateFile, state)
  }
  const onSignal = (signal: NodeJS.Signals) => {
    stopped = true
    progress.finish()
    save()
    err(
      stateFile && !dryRun
        ? `Stopped by ${signal}: the checkpoint is saved in ${stateFile}; the next sync goes on from it.`
        : `Stopped by ${signal}; no checkpoint was written, so the next sync starts where this one did.`
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
          insecureHttp: insecureHttpOption(values),
          token,
          owner,
          repo,
          transport: gate,
          budget,
          hooks,
          failure: (failed, call) => syncTokenFailure(tokenName, failed, call.what)
        }),
      send: sender(inputs, values, transport, apiKey, timeoutSeconds, breaker),
      ...(values.workflow ? { workflows: new Set(listOption(values, 'workflow')) } : {}),
      since: lost ? lostSince! : since,
      ...(reread ? { reread } : {}),
      rerunFrom,
      ...(until ? { until } : {}),
      slots: new Slots(concurrency),
      stopped: () => stopped,
      breaker
    }
    const { outcomes, unread } = await runSync(
      { source: repos, ...(shard ? { shard } : {}), concurrency, state, history, progress, save },
      repoSync
    )
    save()
    progress.finish()
    const write = dryRun ? err : out
    write(outcomeTable(outcomes, reportedWord))
    write(
      closing({
        outcomes,
        unread,
        breaker,
        gates: listingGate === gate ? [gate] : [gate, listingGate],
        stateFile: dryRun ? undefined : stateFile,
        dryRun
      })
    )
    const due = outcomes.some((o) => o.failed + o.waiting > 0) || breaker.open
    return due ? EXIT_FAILED : EXIT_OK
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    await transport.close()
  }
}

export const command: Command = {
  help: HELP,
  summary: 'report the finished runs of many repositories, history included, from one place',
  run: (args, env) => runCommand('sync', () => sync(args, env))
}
