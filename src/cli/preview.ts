// `sei-cicd-action preview`: the payload the action would send for a past run (or one
// of its jobs), built by the action's own collect and mapping code, printed, never sent.
import { CLI } from './invocation.js'
import { DEFAULT_INSTANCE_NAME } from '../defaults.js'
import { apiUrlOf, parseRunReference, serverUrlOf } from './run-reference.js'
import { collectFinishedJob, collectReport, type Collected } from '../collect/report.js'
import type { RunnerContext } from '../context.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { GitHubError } from '../github/request.js'
import type { GitHubJob, GitHubRun } from '../github/types.js'
import type { SeiPayload } from '../sei/schema.js'
import { Budget, realClock, retryLog } from '../http/retry.js'
import { createTransport } from '../http/transport.js'
import type { Inputs } from '../inputs.js'
import { ENVIRONMENT_PARAM } from '../mapping/params.js'
import { PLACEHOLDER_GUID, type Command } from './command.js'
import { QUEUED, RUNNING } from './report-file.js'
import { REBUILD_INPUTS } from '../report/resend.js'
import {
  actionInputs,
  err,
  EXIT_OK,
  GITHUB_OPTIONS,
  githubTokenOption,
  apiUrlOption,
  httpUrl,
  insecureHttpOption,
  TIMEOUT_OPTIONS,
  out,
  parseOptions,
  requireOption,
  runCommand,
  stringOption,
  timeoutOption,
  UsageError,
  type OptionValues,
  CLI_TRANSPORT
} from './options.js'

export const HELP = `Usage: sei-cicd-action preview --repo OWNER/NAME --run-id ID [options]

Builds the SEI payload the action would send for a workflow run that has finished,
or for one of its jobs, and prints it as JSON. Nothing is sent to SEI. The GitHub
token is read from the environment variable GH_TOKEN, else GITHUB_TOKEN.

Options:
  --repo OWNER/NAME       The repository of the run (required unless --run-id is an address).
  --run-id ID|URL         The run (required): its id, or its address as the browser shows it,
                          https://github.com/OWNER/REPO/actions/runs/ID, also …/job/ID for
                          one job and …/attempts/N for an earlier attempt (GHES hosts too).
  --job ID|NAME           Report one job, as scope: job does: its numeric id, or its name
                          as the run shows it, for example "build (ubuntu-latest, 20)".
                          Without it the whole run is reported, as scope: workflow does.
  --instance-guid GUID    The instance GUID to put in the payload (default: a placeholder,
                          ${PLACEHOLDER_GUID}).
  --instance-name NAME    The instance-name input (default "${DEFAULT_INSTANCE_NAME}").
  --cd auto|true|false    The cd input (default auto).
  --environment, --artifacts, --params, --project-name, --module-name, --themes,
  --hotfix-branches, --cfr-status VALUE
                          The action's inputs of the same names, as the step was given
                          them (multi-line values as one quoted word).
  --token-env NAME        Read the token from this environment variable instead of
                          GH_TOKEN or GITHUB_TOKEN. It needs read access to the
                          repository's Actions.
  --api-url URL           The GitHub API (default GITHUB_API_URL, else https://api.github.com;
                          GitHub Enterprise Server: https://HOST/api/v3).
  --allow-insecure-http   Send the token to a plain http:// API on another machine, where
                          anyone on the way can read it (http to localhost needs no option).
  --server-url URL        The GitHub web address for instance_url and repo_url
                          (default: derived from the API URL).
  --timeout-seconds N     Time for the GitHub requests, retries included (default 60).
  -h, --help              Show this help.

A run or job still in progress is printed as it stands, with a note, its unfinished
jobs in the state RUNNING or QUEUED; send refuses such a preview.

Exit codes: 0 printed, 1 GitHub refused or could not be reached, 2 wrong command line.

Examples:
  GITHUB_TOKEN=$(gh auth token) ${CLI} preview --repo octo-org/octo-repo --run-id 9100000001
  GITHUB_TOKEN=$(gh auth token) ${CLI} preview \\
    --run-id https://github.com/octo-org/octo-repo/actions/runs/9100000001/job/29679449011`

const OPTIONS = {
  repo: { type: 'string' },
  'run-id': { type: 'string' },
  job: { type: 'string' },
  'instance-guid': { type: 'string' },
  ...Object.fromEntries(REBUILD_INPUTS.map((name) => [name, { type: 'string' }] as const)),
  'server-url': { type: 'string' },
  ...GITHUB_OPTIONS,
  ...TIMEOUT_OPTIONS
} as const

/** The action's inputs for this preview, checked by the action's own input rules. */
function previewInputs(values: OptionValues, runId: string, token: string): Inputs {
  const guid = stringOption(values, 'instance-guid')
  if (guid === '') {
    throw new UsageError(
      '--instance-guid is empty: give the GUID register printed, or leave the option out to show a placeholder.'
    )
  }
  return actionInputs({
    'instance-guid': guid ?? PLACEHOLDER_GUID,
    ...Object.fromEntries(REBUILD_INPUTS.map((name) => [name, stringOption(values, name)])),
    'run-id': runId,
    scope: 'workflow',
    'dry-run': 'true',
    'github-token': token
  })
}

function context(owner: string, repo: string, apiUrl: string, serverUrl: string, runId: number) {
  const ctx: RunnerContext = {
    serverUrl,
    apiUrl,
    owner,
    repo,
    repository: `${owner}/${repo}`,
    runId,
    runNumber: 1,
    runAttempt: 1,
    workflow: '',
    jobKey: '',
    sha: '',
    ref: '',
    refName: '',
    headRef: '',
    eventName: '',
    event: {},
    actor: '',
    triggeringActor: '',
    runnerName: '',
    runnerTemp: ''
  }
  return ctx
}

async function findJob(client: GitHubClient, run: GitHubRun, wanted: string): Promise<GitHubJob> {
  const runId = run.id
  if (/^\d+$/.test(wanted)) {
    const job = await client.getJob(Number(wanted))
    if (job.run_id !== runId) {
      throw new UsageError(`Job ${wanted} belongs to run ${job.run_id}, not to run ${runId}.`)
    }
    return job
  }
  const jobs = await client.listAttemptJobs(runId, run.run_attempt ?? 1)
  const job = jobs.find((candidate) => candidate.name === wanted)
  if (job) return job
  const names = jobs.slice(0, 10).map((candidate) => `"${candidate.name}"`)
  throw new UsageError(
    `Run ${runId} has no job named "${wanted}"; its jobs are ${names.join(', ')}${jobs.length > 10 ? `, and ${jobs.length - 10} more` : ''}.`
  )
}

async function jobReport(
  client: GitHubClient,
  ctx: RunnerContext,
  inputs: Inputs,
  wanted: string
): Promise<Collected> {
  const run = await client.getRun(ctx.runId)
  const job = await findJob(client, run, wanted)
  return collectFinishedJob(inputs, ctx, client, run, job, realClock)
}

/** A deploying job's own report, sent with a whole run's (not printed, to keep one JSON). */
function alsoReported(payload: SeiPayload): string {
  const environments = payload.job_run_params
    .filter((p) => p.name === ENVIRONMENT_PARAM)
    .map((p) => p.value)
  return `With it goes the report of job ${payload.job_full_name} #${payload.build_number}: environment ${environments.join(', ')}, result ${payload.result}, ${payload.scm_commit_ids.length} commit(s) (preview --job shows it).`
}

function explain(cause: GitHubError, repository: string, tokenEnv: string): Error {
  if (cause.status === 401) {
    return new GitHubError(
      `GitHub refused the token in ${tokenEnv} (HTTP 401): use a token that can read ${repository}, for example ${tokenEnv}=$(gh auth token).`
    )
  }
  if (cause.status === 403 && !/rate limit/i.test(cause.message)) {
    return new GitHubError(
      `GitHub answered 403 for ${repository}: the token in ${tokenEnv} cannot read its Actions runs; a fine-grained token needs "Actions: read", a classic token the repo scope.`
    )
  }
  if (cause.status === 404) {
    const what = /^GitHub found no .+? \(HTTP 404 on [^)]*\)/.exec(cause.message)?.[0]
    return new GitHubError(
      `${what ?? `GitHub answered 404 for ${repository}`}: check --repo, --run-id and --job, and that the token in ${tokenEnv} can see the repository.`
    )
  }
  return cause
}

interface PreviewTarget {
  repository: string
  owner: string
  repo: string
  runId: string
  job?: string
  attempt?: number
  apiUrl: string
  serverUrl: string
}

/** The API URL to read from, and the option or variable that gave it. */
function agreeing(flag: string, given: string | undefined, fromUrl: string | undefined) {
  if (given && fromUrl && given.toLowerCase() !== fromUrl.toLowerCase()) {
    throw new UsageError(`${flag} is "${given}", but the --run-id address says "${fromUrl}".`)
  }
  return given || fromUrl
}

/** Which run to read, and where: from the options, a run address filling what they leave out. */
function previewTarget(values: OptionValues, env: NodeJS.ProcessEnv): PreviewTarget {
  const reference = parseRunReference(requireOption(values, 'run-id'))
  if ('error' in reference) throw new UsageError(reference.error)
  const repository = agreeing('--repo', stringOption(values, 'repo'), reference.repository)
  if (!repository) throw new UsageError('--repo is required when --run-id is a bare id.')
  const [owner, repo, extra] = repository.split('/')
  if (!owner || !repo || extra !== undefined) {
    throw new UsageError(
      `--repo is "${repository}": use OWNER/NAME, for example octo-org/octo-repo.`
    )
  }
  const job = agreeing('--job', stringOption(values, 'job'), reference.jobId)
  const apiUrl = apiUrlOption(
    values,
    env,
    reference.serverUrl ? apiUrlOf(reference.serverUrl) : undefined
  )
  const serverUrl = httpUrl(
    stringOption(values, 'server-url') || reference.serverUrl || serverUrlOf(apiUrl),
    '--server-url'
  )
  return {
    repository,
    owner,
    repo,
    runId: reference.runId,
    apiUrl,
    serverUrl,
    ...(job ? { job } : {}),
    ...(reference.attempt ? { attempt: reference.attempt } : {})
  }
}

/** A client that reads the attempt a …/attempts/N address names wherever the run is read. */
function atAttempt(client: GitHubClient, target: PreviewTarget): GitHubClient {
  const attempt = target.attempt
  if (attempt === undefined) return client
  return {
    ...client,
    getRun: (runId) =>
      String(runId) === target.runId ? client.getRunAttempt(runId, attempt) : client.getRun(runId)
  }
}

/** What GitHub said, while the report was built, of the run and its jobs not yet finished. */
interface Progress {
  client: GitHubClient
  /** The run's status, once read; undefined when it was not read. */
  runStatus(): string | undefined
  /** Unfinished jobs of the run by id, with their status. */
  unfinished: Map<string, string>
}

function watchProgress(client: GitHubClient, runId: string): Progress {
  let runStatus: string | undefined
  const unfinished = new Map<string, string>()
  const seeRun = (run: GitHubRun) => {
    if (String(run.id) === runId) runStatus = run.status ?? undefined
    return run
  }
  const seeJob = (job: GitHubJob) => {
    if (String(job.run_id) !== runId) return job
    if (job.status === 'completed') unfinished.delete(String(job.id))
    else unfinished.set(String(job.id), job.status)
    return job
  }
  return {
    client: {
      ...client,
      getRun: async (id) => seeRun(await client.getRun(id)),
      getRunAttempt: async (id, attempt) => seeRun(await client.getRunAttempt(id, attempt)),
      getJob: async (id) => seeJob(await client.getJob(id)),
      listAttemptJobs: async (id, attempt) =>
        (await client.listAttemptJobs(id, attempt)).map(seeJob)
    },
    runStatus: () => runStatus,
    unfinished
  }
}

const WAITING = ['queued', 'waiting', 'pending', 'requested']

/** Marks the stages of unfinished jobs RUNNING or QUEUED; returns how many there were. */
function markUnfinished(payload: SeiPayload, unfinished: Map<string, string>): number {
  let marked = 0
  for (const stage of payload.job_run.stages) {
    const status = unfinished.get(stage.id)
    if (status === undefined) continue
    stage.state = WAITING.includes(status) ? QUEUED : RUNNING
    marked++
  }
  return marked
}

async function preview(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parseOptions(args, OPTIONS)
  if (values.help) {
    out(HELP)
    return EXIT_OK
  }
  const target = previewTarget(values, env)
  const { repository, owner, repo, runId, apiUrl, serverUrl } = target
  const { token, variable: tokenEnv } = githubTokenOption(
    values,
    env,
    `a token that can read ${repository} (for example GITHUB_TOKEN=$(gh auth token))`
  )
  const inputs = previewInputs(values, runId, token)
  const timeoutSeconds = timeoutOption(values, 60)
  const ctx = context(owner, repo, apiUrl, serverUrl, inputs.runId!)
  const transport = await createTransport(env, CLI_TRANSPORT)
  try {
    const progress = watchProgress(
      atAttempt(
        createGitHubClient({
          apiUrl,
          insecureHttp: insecureHttpOption(values),
          token,
          owner,
          repo,
          transport,
          budget: new Budget(timeoutSeconds * 1000),
          hooks: retryLog('GitHub API', err)
        }),
        target
      ),
      runId
    )
    const client = progress.client
    const wanted = target.job
    let report: Collected
    try {
      report = wanted
        ? await jobReport(client, ctx, inputs, wanted)
        : await collectReport(inputs, ctx, client, realClock)
    } catch (cause) {
      throw cause instanceof GitHubError ? explain(cause, repository, tokenEnv) : cause
    }
    const payload = report.payload
    const unfinished = markUnfinished(payload, progress.unfinished)
    const running =
      unfinished > 0 || (!wanted && (progress.runStatus() ?? 'completed') !== 'completed')
    out(JSON.stringify(payload, null, 2))
    const what = wanted
      ? `job "${payload.job_run.stages[0]?.displayName ?? wanted}"`
      : 'the whole run'
    const result = running
      ? `result ${payload.result} so far, still in progress`
      : `result ${payload.result}`
    err(
      `Preview of ${what} of run ${runId} in ${repository}: ${result}, build_number ${payload.build_number}, ${payload.job_run.stages.length} stage(s). Nothing was sent to SEI.`
    )
    if (running) {
      err(
        `Note: ${wanted ? 'the job' : 'the run'} has not finished${unfinished > 0 ? ` (${unfinished} job(s) marked ${RUNNING} or ${QUEUED})` : ''}: this is the report as it stands now, not the one the action sends at the end${unfinished > 0 ? ', and send refuses it' : ''}. Preview again once GitHub shows it finished.`
      )
    }
    for (const deployJob of report.deployJobs) err(alsoReported(deployJob.payload))
    if (payload.instance_guid === PLACEHOLDER_GUID) {
      err(
        `instance_guid is the placeholder ${PLACEHOLDER_GUID}: pass --instance-guid to show yours.`
      )
    }
    for (const notice of report.notices) err(notice)
    return EXIT_OK
  } finally {
    await transport.close()
  }
}

export const command: Command = {
  help: HELP,
  summary: 'print the payload the action would send for a past run or job, sending nothing',
  run: (args, env) => runCommand('preview', () => preview(args, env))
}
