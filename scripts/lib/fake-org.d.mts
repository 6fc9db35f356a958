import type { CannedAnswer, FakeServer } from './fake-servers.mjs'

export interface OrgRepo {
  name: string
  archived?: boolean
  runs: Record<string, any>[]
  older?: Record<string, any>[]
  attempts: Record<string, Record<string, any>>
  jobs: Record<string, Record<string, any>[]>
  compare: Record<string, string[]>
  deployments?: unknown[]
}

export interface OrgWorld {
  org: string
  repos: OrgRepo[]
  rateLimit?: { limit: number; windowMs: number }
  latencyMs?: number
  faults?: { match: RegExp; responses: CannedAnswer[] }[]
}

export interface Answered {
  path: string
  status: number
  at: number
}

export interface FakeGitHubOrg extends FakeServer {
  answers: Answered[]
  rate?: { limit: number; remaining: number; resetAt: number }
}

export interface FakeSeiRefusing extends FakeServer {
  reports: Record<string, any>[]
  refused: Record<string, any>[]
  problems: string[]
}

export function createdMatcher(filter: string | null): (ms: number) => boolean
export function startFakeGitHubOrg(world: OrgWorld): Promise<FakeGitHubOrg>
export function startFakeSeiRefusing(
  refuse?: (payload: Record<string, any>) => boolean
): Promise<FakeSeiRefusing>
