// One repository of a sync: its runs created in the window, streamed page by page,
// each completed attempt collected by the action's own collect code, as the
// workflow_run reporter (scope workflow) or each job's post step (scope job) would
// have reported it, then sent. The checkpoint moves to where nothing before it is
// still due: never past a run in progress or a report that failed.
import { collectFinishedJob, collectReport, type Collected } from '../collect/report.js'
import type { RunnerContext } from '../context.js'
import type { GitHubClient } from '../github/client.js'
import type { HistoryClient, ListingOutcome, RepoRef } from '../github/history.js'
import { searchTime } from '../github/history.js'
import type { GitHubJob, GitHubRun } from '../github/types.js'
import type { Clock } from '../http/retry.js'
import type { Inputs } from '../inputs.js'
import { runClient } from './run-client.js'
import type { Slots } from './slots.js'
import { advance, type SyncState } from './state.js'

export interface RepoSync {
  inputs: Inputs
  apiUrl: string
  serverUrl: string
  clock: Clock
  history: HistoryClient
  client(owner: string, repo: string): GitHubClient
  /** Sends (or, on a dry run, prints) one report; throws when it could not be delivered. */
  send(report: Collected): Promise<void>
  /** Workflow names to report; every workflow when absent. */
  workflows?: ReadonlySet<string>
  /** --since: replaces each repository's checkpoint. */
  since?: string
  /** Where a repository without a checkpoint starts. */
  defaultSince: string
  until?: string
  slots: Slots
  stopped(): boolean
  /** Told of each attempt reported, as it happens. */
  onReported(): void
}

export interface RepoOutcome {
  repo: string
  reported: number
  inProgress: number
  failed: number
  /** One line per failure, for the log. */
  problems: string[]
  /** The listing was unchanged since the last sync (an answer of 304). */
  unchanged: boolean
}

/** Who reports: the job steps of a finished run read from the API do not exist. */
function reporterContext(sync: RepoSync, repo: RepoRef, run: GitHubRun): RunnerContext {
  return {
    serverUrl: sync.serverUrl,
    apiUrl: sync.apiUrl,
    owner: repo.owner,
    repo: repo.name,
    repository: `${repo.owner}/${repo.name}`,
    runId: run.id,
    runNumber: run.run_number,
    runAttempt: run.run_attempt ?? 1,
    workflow: run.name ?? '',
    jobKey: '',
    sha: run.head_sha,
    ref: '',
    refName: run.head_branch ?? '',
    headRef: '',
    // The finished run as the workflow_run event hands it to a reporter workflow.
    eventName: 'workflow_run',
    event: { action: 'completed', workflow_run: run },
    actor: run.actor?.login ?? '',
    triggeringActor: run.triggering_actor?.login ?? '',
    runnerName: '',
    runnerTemp: ''
  }
}

/** A job that ran: only those had a post step to report them. */
function ran(job: GitHubJob): boolean {
  return job.conclusion !== 'skipped' && (job.steps?.length ?? 0) > 0
}

async function collectAttempt(
  sync: RepoSync,
  repo: RepoRef,
  client: GitHubClient,
  listed: GitHubRun,
  attempt: number
): Promise<Collected[]> {
  const run =
    attempt === (listed.run_attempt ?? 1) ? listed : await client.getRunAttempt(listed.id, attempt)
  const context = reporterContext(sync, repo, run)
  if (sync.inputs.scope === 'workflow') {
    const whole = await collectReport(sync.inputs, context, client, sync.clock)
    return [whole, ...whole.deployJobs]
  }
  const jobs = await client.listAttemptJobs(run.id, attempt)
  const reports: Collected[] = []
  for (const job of jobs.filter(ran)) {
    reports.push(await collectFinishedJob(sync.inputs, context, client, run, job, sync.clock))
  }
  return reports
}

function oneLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!
}

/** What tells the runs of one workflow on one branch apart, for push runs. */
function pushKey(run: GitHubRun): string | undefined {
  if (run.event !== 'push' || !run.workflow_id || !run.head_branch) return undefined
  return `${run.workflow_id} ${run.head_branch}`
}

/**
 * Syncs one repository. Its entry in `state` is kept current while it works, so that
 * the state saved on an interruption never re-posts what was delivered.
 */
export async function syncRepo(
  sync: RepoSync,
  repo: RepoRef,
  state: SyncState
): Promise<RepoOutcome> {
  const fullName = `${repo.owner}/${repo.name}`
  const previous = state.repos[fullName]
  const outcome: RepoOutcome = {
    repo: fullName,
    reported: 0,
    inProgress: 0,
    failed: 0,
    problems: [],
    unchanged: false
  }
  const since = searchTime(sync.since ?? previous?.since ?? sync.defaultSince)
  const checkpoint = { since, done: { ...previous?.done } }
  state.repos[fullName] = checkpoint
  /** The oldest created time of a run still due (in progress, or failed). */
  let holdAt: string | undefined
  const hold = (created: string) => {
    if (holdAt === undefined || Date.parse(created) < Date.parse(holdAt)) holdAt = created
  }
  const running = new Set<Promise<void>>()
  /** The newest created time listed: the next listing starts there if nothing is held. */
  let newest: string | undefined

  async function dispatch(run: GitHubRun, previousPush: GitHubRun | undefined) {
    if (sync.workflows && !sync.workflows.has(run.name ?? '')) return
    const latest = run.run_attempt ?? 1
    const completed = run.status === 'completed'
    if (!completed) {
      outcome.inProgress++
      hold(run.created_at)
    }
    const client = runClient(sync.client(repo.owner, repo.name), previousPush)
    for (let attempt = 1; attempt <= (completed ? latest : latest - 1); attempt++) {
      const key = `${run.id}/${attempt}`
      if (key in checkpoint.done) continue
      if (sync.stopped()) return
      const started = await sync.slots.start(async () => {
        try {
          for (const report of await collectAttempt(sync, repo, client, run, attempt)) {
            await sync.send(report)
          }
          checkpoint.done[key] = run.created_at
          outcome.reported++
          sync.onReported()
        } catch (cause) {
          outcome.failed++
          hold(run.created_at)
          outcome.problems.push(`${fullName} run ${run.id} attempt ${attempt}: ${oneLine(cause)}`)
        }
      })
      running.add(started.finished)
      void started.finished.then(() => running.delete(started.finished))
    }
  }

  // Push runs wait for the next older push run of the same workflow and branch in the
  // listing: it is the one their commits are counted from, and it costs no request.
  const waiting = new Map<string, GitHubRun>()
  const listing: ListingOutcome = {
    ...(sync.since === undefined && previous?.etag ? { etag: previous.etag } : {})
  }
  const window = { since, ...(sync.until ? { until: sync.until } : {}) }
  try {
    for await (const page of sync.history.runPages(repo.owner, repo.name, window, listing)) {
      for (const run of page) {
        if (newest === undefined || Date.parse(run.created_at) > Date.parse(newest)) {
          newest = run.created_at
        }
        const key = pushKey(run)
        if (key === undefined) {
          await dispatch(run, undefined)
          continue
        }
        const newer = waiting.get(key)
        waiting.set(key, run)
        if (newer) await dispatch(newer, run)
      }
      if (sync.stopped()) break
    }
    for (const run of waiting.values()) await dispatch(run, undefined)
  } catch (cause) {
    outcome.failed++
    outcome.problems.push(`${fullName}: ${oneLine(cause)}`)
    hold(since)
  }
  await Promise.all([...running])
  outcome.unchanged = listing.unchanged === true
  if (outcome.unchanged && previous) state.repos[fullName] = previous
  if (outcome.unchanged || sync.stopped()) return outcome
  // Starting again at the newest run listed (already done, so skipped) rather than at
  // the clock keeps the next listing's address, and so its ETag, while nothing happens.
  const next = advance(checkpoint, searchTime(holdAt ?? newest ?? since))
  const quiet = outcome.failed === 0 && outcome.inProgress === 0 && sync.until === undefined
  // An ETag stands for the listing from `since` only: keep it while `since` stays.
  const etag = quiet && next.since === since ? listing.newEtag : undefined
  state.repos[fullName] = etag ? { ...next, etag } : next
  return outcome
}
