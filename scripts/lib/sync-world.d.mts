import type { GitHubRun } from '../../src/github/types.js'
import type { OrgWorld } from './fake-org.mjs'

export const CI: { id: number; name: string; path: string }
export const DEPLOY: { id: number; name: string; path: string }

export function orgWorld(options: {
  org?: string
  repos: { name: string; runs: number; archived?: boolean }[]
  now?: number
  spacingMs?: number
  older?: number
}): OrgWorld

export function completedAttempts(
  world: OrgWorld
): { repo: string; run: GitHubRun; attempt: number }[]

export function rerun(
  world: OrgWorld,
  repo: OrgWorld['repos'][number],
  run: GitHubRun,
  options?: { at?: number; conclusion?: string }
): GitHubRun
