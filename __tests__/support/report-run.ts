// One reporting step run end to end: fake GitHub and SEI on loopback, dist/main then
// dist/post as the runner runs them, and what each server was sent.
import {
  startFakeGitHub,
  startFakeSei,
  type FakeGitHubWorld
} from '../../scripts/lib/fake-servers.mjs'
import { runAction, type ActionRun } from '../../scripts/lib/runner-sim.mjs'
import type { SeiPayload } from '../../src/sei/schema.js'
import { API_KEY, GUID } from '../fixtures/runs.js'

export interface Reported {
  run: ActionRun
  payload: SeiPayload
  /** Every report SEI was sent, in order (the first is `payload`). */
  reports: SeiPayload[]
  /** Paths GitHub was asked for, in order. */
  githubPaths: string[]
  /** The same requests as "METHOD path". */
  githubCalls: string[]
  seiProblems: string[]
}

export async function report(options: {
  world: FakeGitHubWorld
  inputs?: Record<string, string>
  env?: Record<string, string>
  event?: unknown
  /** How many reports SEI must get: one, unless a whole run's deploying jobs go with it. */
  reports?: number
}): Promise<Reported> {
  const github = await startFakeGitHub(options.world)
  const sei = await startFakeSei({ key: API_KEY })
  try {
    const run = await runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': API_KEY,
        'sei-endpoint': sei.url,
        'timeout-seconds': '10',
        ...options.inputs
      },
      env: { GITHUB_API_URL: github.url, ...options.env },
      event: options.event ?? {}
    })
    const payload = sei.reports[0] as SeiPayload | undefined
    if (sei.reports.length !== (options.reports ?? 1) || !payload) {
      throw new Error(`expected one report, SEI got ${sei.reports.length}:\n${run.log}`)
    }
    return {
      run,
      payload,
      reports: sei.reports as SeiPayload[],
      githubPaths: github.requests.map((request) => request.path),
      githubCalls: github.requests.map((request) => `${request.method} ${request.path}`),
      seiProblems: sei.problems
    }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}
