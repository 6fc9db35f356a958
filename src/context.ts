// What the runner tells every step through its environment and the event file.
import { ExplainedError, fileProblem } from './errors.js'
import { readFileSync } from 'node:fs'
import { runnerApiUrl } from './github/paths.js'

export interface RunnerContext {
  serverUrl: string
  apiUrl: string
  owner: string
  repo: string
  repository: string
  runId: number
  runNumber: number
  runAttempt: number
  workflow: string
  /** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/file.yml@ref`. */
  workflowRef?: string
  jobKey: string
  sha: string
  ref: string
  refName: string
  headRef: string
  eventName: string
  event: Record<string, unknown>
  actor: string
  triggeringActor: string
  runnerName: string
  runnerTemp: string
}

export class ContextError extends ExplainedError {
  override name = 'ContextError'
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback?: number): number {
  const raw = env[name]
  if ((raw === undefined || raw === '') && fallback !== undefined) return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ContextError(
      `${name} is "${raw ?? ''}", not a positive number: this step must run inside a GitHub Actions job.`
    )
  }
  return value
}

export function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new ContextError(
      `The event file GITHUB_EVENT_PATH (${path}) cannot be read: ${fileProblem(cause)}.`
    )
  }
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  } catch {
    throw new ContextError(
      `The event file GITHUB_EVENT_PATH (${path}) is not valid JSON, so the trigger and commits cannot be read.`
    )
  }
}

export function readContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repository.split('/')
  if (!owner || !repo) {
    throw new ContextError(
      `GITHUB_REPOSITORY is "${repository}", not owner/repo: this step must run inside a GitHub Actions job.`
    )
  }
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return {
    serverUrl,
    apiUrl: runnerApiUrl(env),
    owner,
    repo,
    repository,
    runId: positive(env, 'GITHUB_RUN_ID'),
    runNumber: positive(env, 'GITHUB_RUN_NUMBER'),
    runAttempt: positive(env, 'GITHUB_RUN_ATTEMPT', 1),
    workflow: env.GITHUB_WORKFLOW ?? '',
    workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
    jobKey: env.GITHUB_JOB ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    headRef: env.GITHUB_HEAD_REF ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event: readEvent(env.GITHUB_EVENT_PATH),
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '',
    runnerName: env.RUNNER_NAME ?? '',
    runnerTemp: env.RUNNER_TEMP ?? ''
  }
}
