// One repository of a sync: its runs created in the window, streamed page by page,
// each completed attempt collected by the action's own collect code, as the
// workflow_run reporter (scope workflow) or each job's post step (scope job) would
// have reported it, then sent. The checkpoint moves to where nothing before it is
// still due: never past a run in progress or a report that failed. Each sync reads a
// recent window again (re-runs keep their run's created time) and reports the attempts
// it has not reported yet.
import { collectFinishedJob, collectReport, type Collected } from '../collect/report.js'
import type { RunnerContext } from '../context.js'
import type { GitHubClient } from '../github/client.js'
import type { HistoryClient, ListingOutcome, RepoRef } from '../github/history.js'
import { searchTime } from '../github/history.js'
import { GitHubError } from '../github/request.js'
import type { GitHubJob, GitHubRun } from '../github/types.js'
import type { Clock } from '../http/retry.js'
import type { Inputs } from '../inputs.js'
import { DeliveryError } from '../sei/deliver.js'
import type { Breaker } from './breaker.js'
import { runClient } from './run-client.js'
import type { Slots } from './slots.js'
import { keepFrom, type RepoCheckpoint, type SyncState } from './state.js'
import { earlier } from './window.js'

export interface RepoSync {
  inputs: Inputs
  apiUrl: string
  serverUrl: string
  clock: Clock
  history: HistoryClient
  client(owner: string, repo: string): GitHubClient
  /**
   * Sends (or, on a dry run, prints) one report; throws when it could not be delivered.
   * `label` names the attempt for its retry lines.
   */
  send(report: Collected, label: string): Promise<void>
  /** Workflow names to report; every workflow when absent. */
  workflows?: ReadonlySet<string>
  /** Where a repository without a checkpoint starts (--since). */
  since: string
  /** Read again from here whatever the checkpoints say (--reread-from). */
  reread?: string
  /** Where the window read again for re-runs starts. */
  rerunFrom: string
  until?: string
  /** Stops sending after SEI failed several times in a row. */
  breaker: Breaker
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
  /** Attempts left for the next sync because SEI kept failing (the breaker). */
  waiting: number
  /** Runs deleted between the listing and reading them: skipped. */
  deleted: number
  /** One line per failure or skipped run, for the log. */
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

function later(a: string, b: string): string {
  return earlier(a, b) === a ? b : a
}

function oneLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!
}

/** What tells the runs of one workflow on one branch apart, for push runs. */
function pushKey(run: GitHubRun): string | undefined {
  if (run.event !== 'push' || !run.workflow_id || !run.head_branch) return undefined
  return `${run.workflow_id} ${run.head_branch}`
}

/** Thrown for an attempt left for the next sync because the breaker is open. */
class Held extends Error {}

/** A run the listing showed that GitHub no longer has: a 404 for the run itself too. */
async function deleted(client: GitHubClient, runId: number, cause: unknown): Promise<boolean> {
  if (!(cause instanceof GitHubError) || cause.status !== 404) return false
  try {
    await client.getRun(runId)
    return false
  } catch (again) {
    return again instanceof GitHubError && again.status === 404
  }
}

/** Where the listing starts: the checkpoint or --since, the re-run window, --reread-from. */
function listingStart(sync: RepoSync, previous: RepoCheckpoint | undefined): string {
  if (sync.reread !== undefined) return searchTime(sync.reread)
  if (!previous) return searchTime(sync.since)
  const from = earlier(previous.since, sync.rerunFrom)
  // Never before where the repository's history was first read from (its --since).
  const start = previous.start
  return searchTime(start && Date.parse(start) > Date.parse(from) ? start : from)
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
    waiting: 0,
    deleted: 0,
    problems: [],
    unchanged: false
  }
  const since = listingStart(sync, previous)
  const start = earlier(previous?.start ?? since, since)
  const checkpoint: RepoCheckpoint = {
    since: previous?.since ?? since,
    start,
    // Read again on purpose: what was reported is reported again.
    done: sync.reread === undefined ? { ...previous?.done } : {}
  }
  state.repos[fullName] = checkpoint
  /** The oldest created time of a run still due (in progress, or failed). */
  let holdAt: string | undefined
  const hold = (created: string) => {
    if (holdAt === undefined || Date.parse(created) < Date.parse(holdAt)) holdAt = created
  }
  const running = new Set<Promise<void>>()
  /** Runs found deleted: their other attempts are skipped without another line. */
  const gone = new Set<number>()
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
      const label = `${fullName} run ${run.id} attempt ${attempt}`
      const wait = () => {
        outcome.waiting++
        hold(run.created_at)
      }
      if (sync.breaker.open) {
        wait()
        continue
      }
      const started = await sync.slots.start(async () => {
        try {
          if (sync.breaker.open) throw new Held()
          for (const report of await collectAttempt(sync, repo, client, run, attempt)) {
            if (sync.breaker.open) throw new Held()
            await sync.send(report, label)
          }
          sync.breaker.delivered()
          checkpoint.done[key] = run.created_at
          outcome.reported++
          sync.onReported()
        } catch (cause) {
          if (cause instanceof Held) return wait()
          if (gone.has(run.id) || (await deleted(client, run.id, cause))) {
            checkpoint.done[key] = run.created_at
            if (gone.has(run.id)) return
            gone.add(run.id)
            outcome.deleted++
            outcome.problems.push(
              `${fullName} run ${run.id} was deleted after it was listed (GitHub answers 404 for it now); skipped.`
            )
            return
          }
          if (cause instanceof DeliveryError) sync.breaker.failed(oneLine(cause))
          outcome.failed++
          hold(run.created_at)
          outcome.problems.push(`${label}: ${oneLine(cause)}`)
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
    ...(sync.reread === undefined && previous?.etags && previous.from === since
      ? { etags: previous.etags }
      : {})
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
  // Nothing is due before the oldest run held, else before the newest run listed.
  const listedUpTo =
    newest === undefined ? checkpoint.since : later(searchTime(newest), checkpoint.since)
  let next = searchTime(holdAt ?? listedUpTo)
  // Pages answered 304 were not read again: what they held, they still hold.
  if (listing.skipped) next = earlier(next, checkpoint.since)
  const kept = {
    since: next,
    start,
    done: keepFrom(checkpoint.done, earlier(earlier(next, since), sync.rerunFrom))
  }
  // A page unchanged at the next sync (304, same address) then holds nothing due: not
  // when a report failed or waits, which the next sync must try again.
  const quiet = outcome.failed === 0 && outcome.waiting === 0 && sync.until === undefined
  const etags = quiet ? listing.newEtags : undefined
  state.repos[fullName] = etags ? { ...kept, from: since, etags } : kept
  return outcome
}
