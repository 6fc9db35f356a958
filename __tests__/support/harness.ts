// The loopback fakes and the runner simulation of scripts/lib, and the checks every
// delivery test makes.
import { createServer, type AddressInfo } from 'node:net'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeGitHub, startFakeSei } from '../../scripts/lib/fake-servers.mjs'
import { runAction, runNode, type ActionRun, type NodeRun } from '../../scripts/lib/runner-sim.mjs'

export type {
  ActionRun,
  NodeRun,
  RunActionOptions as ActionOptions
} from '../../scripts/lib/runner-sim.mjs'
export type {
  CannedAnswer as Canned,
  FakeSei,
  FakeServer,
  Fault,
  RecordedRequest as Recorded
} from '../../scripts/lib/fake-servers.mjs'

export const fakes = { startFakeGitHub, startFakeSei }
export const sim = { runAction, runNode }

export function sample<T>(name: string): T {
  return JSON.parse(readFileSync(join(process.cwd(), 'samples', name), 'utf8')) as T
}

/**
 * The bundled action reporting a job with `cd: false` (its GUID and key in `inputs`) to a
 * stand-in SEI that takes that key, reading GitHub's API at `apiUrl`, with `env` added:
 * the run, and the requests and reports SEI got.
 */
export async function reportToSei(
  apiUrl: string,
  inputs: Record<string, string> & { 'instance-guid': string; 'api-key': string },
  env: Record<string, string> = {}
) {
  const sei = await startFakeSei({ key: inputs['api-key'] })
  try {
    const run = await runAction({
      inputs: { 'sei-endpoint': sei.url, cd: 'false', ...inputs },
      env: { GITHUB_API_URL: apiUrl, ...env },
      event: sample('event-push.json')
    })
    return { run, requests: sei.requests, reports: sei.reports }
  } finally {
    await sei.close()
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

/** Every place a secret must not appear: the log (but its own mask line), outputs, summary, files. */
export function leaks(run: ActionRun, secret: string): string[] {
  const found: string[] = []
  run.log.split('\n').forEach((line, index) => {
    if (line.includes(secret) && line !== `::add-mask::${secret}`)
      found.push(`log line ${index + 1}`)
  })
  for (const [name, value] of Object.entries(run.outputs)) {
    if (value.includes(secret)) found.push(`output ${name}`)
  }
  if (run.summary.includes(secret)) found.push('summary')
  for (const file of files(run.dir)) {
    if (readFileSync(file, 'utf8').includes(secret)) found.push(file)
  }
  return found
}

/** The ::notice::, ::warning:: or ::error:: lines of a log, without their prefixes. */
export function annotations(log: string, kind: 'notice' | 'warning' | 'error'): string[] {
  const prefix = new RegExp(`^::${kind}( [^:]*)?::`)
  return log
    .split('\n')
    .filter((line) => prefix.test(line))
    .map((line) => line.replace(prefix, ''))
}

/** The URL of a loopback port nothing listens on any more. */
export function closedPort(): Promise<string> {
  const server = createServer()
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(`http://127.0.0.1:${port}`))
    })
  })
}

/**
 * Runs the bundled CLI with `args` and only the given environment (plus PATH), its output
 * read as the runner reads a step's.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<NodeRun> {
  const cli = join(process.cwd(), 'dist', 'cli', 'index.js')
  return runNode(cli, { PATH: process.env.PATH, ...env }, { args, timeoutMs: 20_000 })
}

/** The payload a step printed in its "SEI payload" log group, as the user reads it. */
export function loggedPayload<T>(log: string): T | undefined {
  const match =
    /^::group::SEI payload[^\n]*\n(?:::stop-commands::(\S+)\n)?([\s\S]*?)\n(?:::\1::\n)?::endgroup::$/m.exec(
      log
    )
  return match ? (JSON.parse(match[2]!) as T) : undefined
}
