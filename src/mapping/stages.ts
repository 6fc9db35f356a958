// GitHub jobs and steps as SEI stages and steps (Blue Ocean shapes).
import type { GitHubJob, GitHubStep } from '../github/types.js'
import { MAX_DESCRIPTION, type SeiResult, type SeiStage, type SeiStep } from '../sei/schema.js'
import { conclusionResult, jobResult } from './result.js'
import { label } from './text.js'
import { durationBetween, toIso, toMillis } from './time.js'

const FINISHED = 'FINISHED'

function timing(start: number | undefined, end: number | undefined) {
  return {
    durationInMillis: durationBetween(start, end),
    ...(start === undefined ? {} : { startTime: toIso(start) })
  }
}

/** A step has run when the API shows it completed; ours is still in progress. */
export function hasRun(step: GitHubStep): boolean {
  return step.status === 'completed'
}

/** Post steps of actions placed before this one: they run after our report. */
export function pendingPostSteps(steps: readonly GitHubStep[]): string[] {
  return steps
    .filter((step) => !hasRun(step) && step.status !== 'in_progress' && /^Post /.test(step.name))
    .map((step) => step.name)
}

function stepId(step: GitHubStep, used: Set<string>): string {
  let id = String(step.number)
  for (let n = 2; used.has(id); n++) id = `${step.number}.${n}`
  used.add(id)
  return id
}

export function mapSteps(steps: readonly GitHubStep[]): SeiStep[] {
  const used = new Set<string>()
  return steps.filter(hasRun).map((step) => {
    const name = label(step.name, MAX_DESCRIPTION, `Step ${step.number}`)
    return {
      id: stepId(step, used),
      displayName: name,
      displayDescription: name,
      result: conclusionResult(step.conclusion),
      state: FINISHED,
      ...timing(toMillis(step.started_at), toMillis(step.completed_at))
    }
  })
}

export interface StageOverrides {
  /** The result, when the caller knows better than the job's conclusion (the running job). */
  result?: SeiResult
  /** The end, when the job is still running (now). */
  end?: number
}

export function mapStage(job: GitHubJob, overrides: StageOverrides = {}): SeiStage {
  const name = label(job.name, MAX_DESCRIPTION, `Job ${job.id}`)
  const start = toMillis(job.started_at)
  const end = overrides.end ?? toMillis(job.completed_at)
  return {
    id: String(job.id),
    displayName: name,
    displayDescription: name,
    result: overrides.result ?? jobResult(job),
    state: FINISHED,
    ...timing(start, end),
    steps: mapSteps(job.steps ?? [])
  }
}
