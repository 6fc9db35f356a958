export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
  /** When the request arrived (epoch ms). */
  at: number
}

export interface CannedAnswer {
  status?: number | 'reset' | 'hang'
  headers?: Record<string, string>
  body?: unknown
  /** Answer only after this long. */
  delayMs?: number
}

export interface Fault {
  match: RegExp
  method?: string
  responses: CannedAnswer[]
}

export interface FakeServer {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export interface FakeGitHubWorld {
  owner?: string
  repo?: string
  jobs?: unknown[]
  run?: unknown
  runs?: Record<string, unknown>
  /** An earlier attempt of a run, as GitHub answers it; `runs` holds the latest. */
  attempts?: Record<string, unknown>
  attemptJobs?: Record<string, unknown[]>
  deployments?: unknown[]
  statuses?: Record<string, unknown[]>
  compare?: Record<string, string[]>
  /** A commit's message, as the compare API gives it. */
  messages?: Record<string, string>
  faults?: Fault[]
  /** How long each answer takes. */
  latencyMs?: number
}

export interface DeploymentLog {
  deployments: unknown[]
  statuses: Record<string, unknown[]>
  create(deployment: {
    id: number
    sha: string
    ref?: string
    environment: string
    at: string
    logUrl?: string
  }): number
  setState(id: number, state: string, options?: { at?: string; logUrl?: string }): void
}

export function deploymentLog(): DeploymentLog

export interface FakeSei extends FakeServer {
  reports: Record<string, unknown>[]
  problems: string[]
  /** Instances created with POST /v1/cicd/instances, with the id answered. */
  instances: { integration_id: string; name: string; type?: string; id: string }[]
}

export function createdMatcher(filter: string | null): (ms: number) => boolean
export function startFakeGitHub(world?: FakeGitHubWorld): Promise<FakeServer>
export function startFakeSei(options?: {
  responses?: CannedAnswer[]
  key?: string
  instanceResponses?: CannedAnswer[]
  latencyMs?: number
}): Promise<FakeSei>
export function wireProblems(payload: unknown): string[]
export const ACCEPTED: CannedAnswer

export function listen(
  handler: (request: RecordedRequest, response: import('node:http').ServerResponse) => unknown
): Promise<FakeServer>
export function send(response: import('node:http').ServerResponse, answer: CannedAnswer): void
