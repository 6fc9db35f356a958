import type { GitHubJob, GitHubRun } from '../../src/github/types.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import type { CannedAnswer, FakeServer } from './fake-servers.mjs'

export interface OrgRepo {
  name: string
  archived?: boolean
  runs: GitHubRun[]
  older?: GitHubRun[]
  attempts: Record<string, GitHubRun>
  jobs: Record<string, GitHubJob[]>
  compare: Record<string, string[]>
  deployments?: unknown[]
}

export interface OrgWorld {
  org: string
  repos: OrgRepo[]
  rateLimit?: { limit: number; windowMs: number }
  latencyMs?: number
  faults?: { match: RegExp; responses: CannedAnswer[] }[]
  /** Runs listed but answered 404 everywhere else: deleted after the listing. */
  gone?: Set<number>
}

export interface Answered {
  path: string
  /** The token that asked. */
  token: string
  status: number
  at: number
  /** The limit as this answer left it. */
  remaining: number
  resetAt: number
}

export interface FakeGitHubOrg extends FakeServer {
  answers: Answered[]
  rate?: { limit: number; remaining: number; resetAt: number }
}

export interface FakeSeiRefusing extends FakeServer {
  reports: SeiPayload[]
  refused: SeiPayload[]
  problems: string[]
  /** Reports accepted, kept or not. */
  readonly accepted: number
}

export function createdMatcher(filter: string | null): (ms: number) => boolean
export function startFakeGitHubOrg(world: OrgWorld): Promise<FakeGitHubOrg>
export function startFakeSeiRefusing(
  refuse?: (payload: SeiPayload) => boolean,
  options?: { latencyMs?: number; keep?: boolean; retryAfter?: string | null }
): Promise<FakeSeiRefusing>
