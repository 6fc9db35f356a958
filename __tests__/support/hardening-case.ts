// The cases of __tests__/e2e/faults-hardening.test.ts and __tests__/slow/cancellation.test.ts: the
// bundled main and post steps against loopback stand-ins for GitHub and SEI, with a signal
// sent to a step once SEI has the first request, as the runner does when a job is cancelled.
import { type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { job as jobOf, run as runOf, RUN_ID } from '../fixtures/runs.js'
import { GUID, JOB_ID, KEY, NOT_AFFECTED as FAULT_NOT_AFFECTED } from './fault-case.js'
import {
  annotations,
  fakes,
  sample,
  sim,
  type ActionRun,
  type Canned,
  type FakeSei,
  type FakeServer,
  type Fault
} from './harness.js'

export { GUID, JOB_ID, KEY }
export const REPORTER = 29679449999
export const NOT_AFFECTED = FAULT_NOT_AFFECTED.trimStart()

export interface Signal {
  step: 'main' | 'post'
  name: NodeJS.Signals
}

export interface Setup {
  sei?: Canned[]
  github?: Fault[]
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** Report the whole run (from the main step) instead of the job (from the post step). */
  workflow?: boolean
  /** Sent to a step once SEI has the first request. */
  signal?: Signal
}

export interface Outcome extends ActionRun {
  sei: FakeSei
  github: FakeServer
  /** How long the signalled step lived after the signal, and whether its report was on disk by then. */
  afterSignal?: { ms: number; keptAt300ms: boolean }
}

export const keptName = (workflow?: boolean) =>
  `report-${workflow ? `${RUN_ID}-1` : `${RUN_ID}-1-${JOB_ID}`}.json`

export function keptPath(dir: string, workflow?: boolean): string {
  return join(dir, 'runner-temp', 'sei-cicd-action', keptName(workflow))
}

export function world(setup: Setup) {
  if (!setup.workflow) return { jobs: [sample('job.json')], faults: setup.github ?? [] }
  const jobs = [
    jobOf({ id: 101, name: 'build', conclusion: 'success' }),
    jobOf({ id: REPORTER, name: 'report', conclusion: null, from: 9 })
  ]
  return {
    attemptJobs: { [`${RUN_ID}/1`]: jobs },
    runs: { [RUN_ID]: runOf() },
    faults: setup.github ?? []
  }
}

export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
}

export async function runCase(setup: Setup = {}): Promise<Outcome> {
  const github = await fakes.startFakeGitHub(world(setup))
  const sei = await fakes.startFakeSei({ responses: setup.sei ?? [], key: KEY })
  let afterSignal: Outcome['afterSignal']
  const dir = mkdtempSync(join(tmpdir(), 'sei-action-'))
  let watching: Promise<void> | undefined
  const signalled = (child: ChildProcess) => {
    let exitedAt: number | undefined
    child.once('exit', () => (exitedAt = Date.now()))
    watching = (async () => {
      await until(() => sei.requests.length > 0)
      const at = Date.now()
      child.kill(setup.signal!.name)
      await until(() => exitedAt !== undefined, 300)
      const keptAt300ms = existsSync(keptPath(dir, setup.workflow))
      await until(() => exitedAt !== undefined, 20_000)
      afterSignal = { ms: (exitedAt ?? Infinity) - at, keptAt300ms }
    })()
  }
  const hook = (step: Signal['step']) =>
    setup.signal?.step === step ? { [step === 'main' ? 'onMain' : 'onPost']: signalled } : {}
  try {
    const run = await sim.runAction({
      inputs: {
        'instance-guid': GUID,
        'api-key': KEY,
        'sei-endpoint': sei.url,
        'timeout-seconds': '20',
        cd: 'false',
        ...(setup.workflow
          ? { scope: 'workflow', 'job-check-run-id': String(REPORTER) }
          : { 'job-check-run-id': String(JOB_ID) }),
        ...setup.inputs
      },
      env: { GITHUB_API_URL: github.url, ...setup.env },
      event: sample('event-push.json'),
      ...hook('main'),
      ...hook('post'),
      dir
    })
    await watching
    return { ...run, sei, github, ...(afterSignal ? { afterSignal } : {}) }
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

/** The one warning of the run, without the annotation prefix. */
export function warnings(run: Outcome): string[] {
  return annotations(run.log, 'warning')
}

export function keptReport(run: Outcome, workflow?: boolean): Record<string, unknown> {
  return JSON.parse(readFileSync(keptPath(run.dir, workflow), 'utf8')) as Record<string, unknown>
}
