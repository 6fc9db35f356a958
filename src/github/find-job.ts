// Which job of the run is the one running this step.
import type { GitHubClient } from './client.js'
import { GitHubError } from './request.js'
import type { GitHubJob } from './types.js'

export interface JobLocator {
  runId: number
  runAttempt: number
  runnerName: string
  /** `${{ job.check_run_id }}`, equal to the job id on github.com and GHEC. */
  checkRunId?: number
  /** The job's key in the workflow (GITHUB_JOB): its name when GitHub gives none. */
  jobKey: string
}

/** How often, and how far apart, the job list is read again while the API lags. */
export const LOOKUP_DELAYS_MS = [1000, 2000, 3000, 4000]

/** Hosted runners may list as "GitHub Actions" while RUNNER_NAME ends in the runner id. */
export function runsOnRunner(job: GitHubJob, runnerName: string): boolean {
  if (!runnerName) return false
  if (job.runner_name === runnerName) return true
  const id = job.runner_id
  return typeof id === 'number' && id > 0 && new RegExp(`[-_ ]${id}$`).test(runnerName)
}

export function pickCurrentJob(
  jobs: readonly GitHubJob[],
  runnerName: string
): GitHubJob | undefined {
  const candidates = jobs.filter(
    (job) => job.status === 'in_progress' && runsOnRunner(job, runnerName)
  )
  return candidates.sort(
    (a, b) => Date.parse(b.started_at ?? '') - Date.parse(a.started_at ?? '')
  )[0]
}

/**
 * The job, named by its key when GitHub gives it no name (as older GitHub Enterprise
 * Server can): the key stays the same from run to run, as SEI's job name must.
 */
export function namedJob(job: GitHubJob, jobKey: string): GitHubJob {
  return job.name ? job : { ...job, name: jobKey || `Job ${job.id}` }
}

/** Looks the job up, and again while the API lags, as long as the step's budget allows. */
export async function findCurrentJob(
  client: GitHubClient,
  locator: JobLocator,
  delays: readonly number[] = LOOKUP_DELAYS_MS
): Promise<GitHubJob> {
  if (locator.checkRunId !== undefined) {
    return namedJob(await client.getJob(locator.checkRunId), locator.jobKey)
  }
  for (let attempt = 0; ; attempt++) {
    const jobs = await client.listAttemptJobs(locator.runId, locator.runAttempt)
    const job = pickCurrentJob(jobs, locator.runnerName)
    if (job) return namedJob(job, locator.jobKey)
    const delay = delays[attempt]
    if (delay === undefined || delay >= client.budget.remaining()) {
      throw new GitHubError(
        `No in-progress job of run ${locator.runId} attempt ${locator.runAttempt} runs on runner "${locator.runnerName}" (${jobs.length} job(s) listed, ${attempt + 1} look-ups): the runner may not expose job.check_run_id here; set scope: workflow in a last job instead.`
      )
    }
    await client.budget.clock.sleep(delay)
  }
}
