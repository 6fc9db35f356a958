// The pure mapping from a run (and its jobs) to the SEI payload.
import type { ArtifactInput, Param } from '../inputs.js'
import type { GitHubJob } from '../github/types.js'
import type { SeiArtifact, SeiPayload, SeiResult, SeiStage } from '../sei/schema.js'
import { commitIds } from './commits.js'
import {
  buildNumber,
  cloneUrl,
  executionId,
  jobFullName,
  NAME_LIMIT,
  workflowFullName
} from './identity.js'
import {
  branchMatcher,
  CHANGE_FAILURE_PARAM,
  changeFailureValue,
  classifyChange,
  type ChangeFailure,
  type EnvironmentChange
} from './change-failure.js'
import { param, runParams } from './params.js'
import { conclusionResult, workflowResult } from './result.js'
import type { RunInfo } from './run-info.js'
import { deploymentCommits } from './shipped.js'
import { mapStage, pendingPostSteps } from './stages.js'
import { cleanText } from './text.js'
import { durationBetween, toMillis } from './time.js'
import { triggerChain, triggerNotice } from './trigger.js'

export interface ReportOptions {
  instanceGuid: string
  instanceName: string
  cd: boolean
  artifacts: readonly ArtifactInput[]
  params: readonly Param[]
  matrix?: Record<string, unknown>
  projectName?: string
  moduleName?: string
  themes?: readonly string[]
  cfrStatus?: boolean
  /** Full commit list from the compare API, when the push payload was cut short. */
  comparedCommits?: readonly string[]
  /** The GitHub environments a CD report deployed to, one `environment` parameter each. */
  environments?: readonly string[]
  /** A CD report's commits, listed only if it succeeded (mapping/shipped.ts). */
  shippedCommits?: readonly string[]
  /** Per environment deployed to, what the change-failure rule needs. */
  changes?: readonly EnvironmentChange[]
  /** Branch patterns whose successful deployments are hotfixes. */
  hotfixBranches?: readonly string[]
}

export interface Report {
  payload: SeiPayload
  /** Things the user should know, one line each (never errors). */
  notices: string[]
  /** The change failures the report is marked with, one per environment at most. */
  changeFailures: ChangeFailure[]
}

/** The change failures of a CD report with `result`, for its environments. */
function changeFailures(run: RunInfo, result: SeiResult, options: ReportOptions): ChangeFailure[] {
  if (!options.cd || !options.changes) return []
  const isHotfix = branchMatcher(options.hotfixBranches ?? [])
  return options.changes.flatMap((change) => {
    const failure = classifyChange(change, result, run.branch, isHotfix)
    return failure ? [failure] : []
  })
}

function artifacts(list: readonly ArtifactInput[], cd: boolean): SeiArtifact[] {
  return list.map((artifact) => ({ input: cd, output: !cd, ...artifact }))
}

interface Shape {
  fullName: string
  result: SeiResult
  start: number
  end: number
  stages: SeiStage[]
  executionId: string
}

function assemble(
  run: RunInfo,
  shape: Shape,
  options: ReportOptions,
  failures: readonly ChangeFailure[]
): SeiPayload {
  const fullName = shape.fullName
  const payload: SeiPayload = {
    pipeline: cleanText(run.workflowName, NAME_LIMIT) || fullName,
    job_full_name: fullName,
    qualified_name: fullName,
    instance_guid: options.instanceGuid,
    instance_name: options.instanceName,
    instance_url: run.serverUrl,
    result: shape.result,
    start_time: shape.start,
    duration: durationBetween(shape.start, shape.end),
    build_number: buildNumber(run.runNumber, run.runAttempt),
    execution_id: shape.executionId,
    user_id: run.actor,
    repo_url: cloneUrl(run.serverUrl, run.owner, run.repo),
    branch_name: run.branch,
    scm_commit_ids: options.shippedCommits
      ? deploymentCommits(shape.result, options.shippedCommits)
      : commitIds(run, options.comparedCommits),
    trigger_chain: triggerChain(run),
    job_run_params: [
      ...runParams(run, options.matrix, options.params, options.environments),
      ...failures.map((failure) => param(CHANGE_FAILURE_PARAM, changeFailureValue(failure)))
    ],
    ci: !options.cd,
    cd: options.cd,
    artifacts: artifacts(options.artifacts, options.cd),
    job_run: { stages: shape.stages }
  }
  if (options.projectName) payload.project_name = options.projectName
  if (options.moduleName) payload.module_name = options.moduleName
  if (options.themes && options.themes.length > 0) payload.themes = [...options.themes]
  if (options.cfrStatus !== undefined) payload.cfr_status = options.cfrStatus
  return payload
}

/**
 * One job, reported at `now` with `result`: the job running this step (see
 * `currentJobResult`) or, for a preview, a finished job (its `jobResult`).
 */
export function buildJobReport(
  run: RunInfo,
  job: GitHubJob,
  result: SeiResult,
  now: number,
  options: ReportOptions
): Report {
  const steps = job.steps ?? []
  const start = toMillis(job.started_at) ?? now
  const notices: string[] = []
  const pending = pendingPostSteps(steps)
  if (pending.length > 0) {
    notices.push(
      `${pending.length} step(s) run after this report and are left out (${pending.join(', ')}): move the sei-cicd-action step to the top of the job so its post step runs last.`
    )
  }
  const linkNotice = triggerNotice(run)
  if (linkNotice) notices.push(linkNotice)
  const stage = mapStage(job, { result, end: now })
  const failures = changeFailures(run, result, options)
  const payload = assemble(
    run,
    {
      fullName: jobFullName(run, job.name),
      result,
      start,
      end: Math.max(now, start),
      stages: [stage],
      executionId: executionId(run, job.id)
    },
    options,
    failures
  )
  return { payload, notices, changeFailures: failures }
}

export interface WorkflowTiming {
  /** Start of the attempt (run_started_at). */
  start: number
  /** End: now for a run still going (its last job reports it), else the run's end. */
  end: number
  /** A finished run's own conclusion; absent while the run is going. */
  conclusion?: string | null
}

/** A whole run attempt, one stage per job, leaving out the job that reports it. */
export function buildWorkflowReport(
  run: RunInfo,
  jobs: readonly GitHubJob[],
  timing: WorkflowTiming,
  options: ReportOptions,
  reportingJobId?: number
): Report {
  const reported = jobs.filter((job) => job.id !== reportingJobId)
  const fromJobs = workflowResult(reported)
  const result =
    timing.conclusion && fromJobs === 'SUCCESS' && timing.conclusion !== 'success'
      ? conclusionResult(timing.conclusion)
      : fromJobs
  const failures = changeFailures(run, result, options)
  const payload = assemble(
    run,
    {
      fullName: workflowFullName(run),
      result,
      start: timing.start,
      end: timing.end,
      stages: reported.map((job) => mapStage(job)),
      executionId: executionId(run)
    },
    options,
    failures
  )
  const linkNotice = triggerNotice(run)
  return { payload, notices: linkNotice ? [linkNotice] : [], changeFailures: failures }
}

/** The end of a finished run: the last job's completion, else the run's last update. */
export function finishedRunEnd(jobs: readonly GitHubJob[], updatedAt: string): number {
  const ends = jobs
    .map((job) => toMillis(job.completed_at))
    .filter((t): t is number => t !== undefined)
  return ends.length > 0 ? Math.max(...ends) : (toMillis(updatedAt) ?? 0)
}
