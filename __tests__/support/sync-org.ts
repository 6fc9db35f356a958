// The organisation the sync tests stand up: its repositories, the servers for it, and the
// report the workflow_run reporter makes of one of its runs.
import {
  startFakeGitHubOrg,
  startFakeSeiRefusing,
  type FakeGitHubOrg,
  type FakeSeiRefusing,
  type OrgWorld
} from '../../scripts/lib/fake-org.mjs'
import { startFakeSei } from '../../scripts/lib/fake-servers.mjs'
import { runAction } from '../../scripts/lib/runner-sim.mjs'
import { completedAttempts } from '../../scripts/lib/sync-world.mjs'
import type { GitHubRun } from '../../src/github/types.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, GUID } from '../fixtures/runs.js'

export const ORG_REPOS = [
  { name: 'api', runs: 150 },
  { name: 'web', runs: 80 },
  { name: 'legacy', runs: 20, archived: true }
]

export const executionIds = (payloads: SeiPayload[]) => payloads.map((p) => p.execution_id).sort()
export const expectedIds = (world: OrgWorld) =>
  completedAttempts(world)
    .map(({ run, attempt }) => `${run.id}-${attempt}`)
    .sort()

export async function servers(world: OrgWorld, refuse?: (payload: SeiPayload) => boolean) {
  return {
    github: await startFakeGitHubOrg(world),
    sei: await startFakeSeiRefusing(refuse)
  }
}

/** Runs `body` with the servers of `world` up, and closes them whatever happens. */
export async function withServers(
  world: OrgWorld,
  body: (servers: { github: FakeGitHubOrg; sei: FakeSeiRefusing }) => Promise<void>,
  refuse?: (payload: SeiPayload) => boolean
): Promise<void> {
  const { github, sei } = await servers(world, refuse)
  try {
    await body({ github, sei })
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

/** The workflow_run reporter's report of `run`: dist/main then dist/post, as the runner runs them. */
export async function reporterPayload(github: FakeGitHubOrg, repo: string, run: GitHubRun) {
  const sei = await startFakeSei({ key: API_KEY })
  try {
    const done = await runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': API_KEY,
        'sei-endpoint': sei.url,
        scope: 'workflow',
        cd: 'false'
      },
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: `octo-org/${repo}`,
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_RUN_ID: '9100999999',
        GITHUB_RUN_NUMBER: '4',
        GITHUB_WORKFLOW: 'SEI reporter',
        GITHUB_JOB: 'report'
      },
      event: { action: 'completed', workflow_run: run, workflow: { name: run.name } }
    })
    if (sei.reports.length !== 1)
      throw new Error(`reporter sent ${sei.reports.length}:\n${done.log}`)
    return sei.reports[0] as SeiPayload
  } finally {
    await sei.close()
  }
}
