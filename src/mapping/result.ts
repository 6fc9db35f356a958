// How GitHub's statuses and conclusions become SEI's Jenkins-style results.
import type { GitHubJob, GitHubStep } from '../github/types.js'
import type { SeiResult } from '../sei/schema.js'

const CONCLUSIONS: Readonly<Record<string, SeiResult>> = {
  success: 'SUCCESS',
  neutral: 'SUCCESS',
  failure: 'FAILURE',
  timed_out: 'FAILURE',
  startup_failure: 'FAILURE',
  cancelled: 'ABORTED',
  skipped: 'NOT_BUILT',
  action_required: 'NOT_BUILT',
  stale: 'NOT_BUILT'
}

const JOB_STATUSES: Readonly<Record<string, SeiResult>> = {
  success: 'SUCCESS',
  failure: 'FAILURE',
  cancelled: 'ABORTED'
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure'])

/** The SEI result of a finished step or job conclusion; unknown ones count as NOT_BUILT. */
export function conclusionResult(conclusion: string | null | undefined): SeiResult {
  return CONCLUSIONS[conclusion ?? ''] ?? 'NOT_BUILT'
}

/** What the finished steps say about the job, ignoring steps still pending. */
export function resultFromSteps(steps: readonly GitHubStep[]): SeiResult {
  const conclusions = steps
    .filter((step) => step.status === 'completed')
    .map((step) => step.conclusion ?? '')
  if (conclusions.some((c) => FAILED.has(c))) return 'FAILURE'
  if (conclusions.includes('cancelled')) return 'ABORTED'
  return 'SUCCESS'
}

/**
 * The result of the job running this step. The runner's `job.status` (read again at
 * post time) is final for every main step, so it decides; the steps the API shows
 * decide only where the status is missing (an older runner). A step that failed under
 * `continue-on-error` leaves the status at success, and GitHub shows the job green.
 */
export function currentJobResult(jobStatus: string, steps: readonly GitHubStep[]): SeiResult {
  return JOB_STATUSES[jobStatus] ?? resultFromSteps(steps)
}

/** The result of a finished (or, for the current job, running) job of a run. */
export function jobResult(job: GitHubJob): SeiResult {
  if (job.status === 'completed') return conclusionResult(job.conclusion)
  return resultFromSteps(job.steps ?? [])
}

/**
 * A whole run's result from its jobs, never from the run's own conclusion, which is
 * still null while its last job runs: any failure wins, then any cancellation;
 * skipped jobs do not count.
 */
export function workflowResult(jobs: readonly GitHubJob[]): SeiResult {
  const results = jobs.map(jobResult)
  if (results.includes('FAILURE')) return 'FAILURE'
  if (results.includes('ABORTED')) return 'ABORTED'
  return 'SUCCESS'
}
