// The identities SEI keys its data on. SEI keeps one job per job_full_name and one run
// per (job, build_number), and the first post of a build_number wins, so:
// - job_full_name never holds anything that changes between runs;
// - build_number changes with every re-run attempt.
// Names are cleaned here, once, so that a run's own job_full_name and the id an
// UpstreamCause gives it are the same string.
import { cleanText } from './text.js'

/** Longest job_full_name sent; SEI's column is wider, but a name this long is a bug. */
export const NAME_LIMIT = 1000

export interface RunIdentity {
  owner: string
  repo: string
  workflowName: string
  runId: number
  runNumber: number
  runAttempt: number
}

/** Attempts per run number that the build number scheme leaves room for. */
export const ATTEMPT_SLOTS = 1000

type Named = Pick<RunIdentity, 'owner' | 'repo' | 'workflowName'>

export function workflowFullName(run: Named): string {
  return cleanText(`${run.owner}/${run.repo}/${run.workflowName}`, NAME_LIMIT)
}

export function jobFullName(run: Named, jobName: string): string {
  return cleanText(`${run.owner}/${run.repo}/${run.workflowName}/${jobName}`, NAME_LIMIT)
}

/**
 * The largest number SEI can link an UpstreamCause to: it parses job_run_number as a
 * 32-bit signed integer and fails to store the run otherwise. Build numbers reach it at
 * run number 2,147,483; build_number itself has no such limit.
 */
export const MAX_LINKED_BUILD_NUMBER = 2_147_483_647

/** run_number × 1000 + run_attempt: attempt 2 of run 57 is build 57002. */
export function buildNumber(runNumber: number, runAttempt: number): number {
  return runNumber * ATTEMPT_SLOTS + Math.min(runAttempt, ATTEMPT_SLOTS - 1)
}

export function executionId(run: RunIdentity, jobId?: number): string {
  const base = `${run.runId}-${run.runAttempt}`
  return jobId === undefined ? base : `${base}-${jobId}`
}

/**
 * The repository's clone URL on its own server. SEI finds a run's repository by
 * parsing repo_url with patterns made for clone URLs (`https://host/owner/repo.git`);
 * without `.git` it keeps the whole URL as the repository id, which never equals the
 * `owner/repo` of its SCM integration, and lead time gets no CI/CD stage.
 */
export function cloneUrl(serverUrl: string, owner: string, repo: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${owner}/${repo}.git`
}
