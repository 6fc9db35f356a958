// Where the post step's time goes with latency: the step is started as the runner
// starts it against stand-ins that answer after `--github-latency`/`--sei-latency` ms,
// and each phase is timed from the parent's clock: spawn to the first GitHub request,
// the first GitHub request to the last one sent before any answer, each answer to the
// next request, the SEI answer to the process's exit; the same
// phases of a bare `node -e 0` are its start-up and exit. Medians of `--runs` rounds.
// With --before DIR, an earlier build's post step runs in the same rounds.
//   node scripts/trace-post.mjs [--runs N] [--cd auto|false] [--dist DIR] [--before DIR]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { startFakeGitHub, startFakeSei } from './lib/fake-servers.mjs'
import { inputEnv, ROOT, stepEnv } from './lib/runner-sim.mjs'
import { median } from './lib/timing.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const RUNS = Number(option('runs', '15'))
const CD = option('cd', 'false')
const DIST = option('dist', join(ROOT, 'dist'))
const BEFORE = option('before', undefined)
const BUILDS = BEFORE ? { '': DIST, ' (before)': BEFORE } : { '': DIST }
const GITHUB_LATENCY = Number(option('github-latency', '150'))
const SEI_LATENCY = Number(option('sei-latency', '300'))

const dir = mkdtempSync(join(tmpdir(), 'sei-trace-'))
const job = JSON.parse(readFileSync(join(ROOT, 'samples', 'job.json'), 'utf8'))
const github = await startFakeGitHub({ jobs: [job], latencyMs: GITHUB_LATENCY })
const sei = await startFakeSei({ latencyMs: SEI_LATENCY })
const env = {
  ...stepEnv(dir, { GITHUB_API_URL: github.url, STATE_sei: '{}' }),
  ...inputEnv({
    'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
    'api-key': 'bench-key',
    'sei-endpoint': sei.url,
    'job-check-run-id': String(job.id),
    cd: CD
  })
}

const now = () => performance.timeOrigin + performance.now()
function run(argv) {
  return new Promise((resolve, reject) => {
    const start = now()
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    child.on('close', (code) =>
      code === 0 ? resolve({ start, end: now() }) : reject(new Error(`exit ${code}`))
    )
  })
}

const phases = {}
const add = (name, value) => (phases[name] ??= []).push(value)
for (let round = 0; round < RUNS; round++) {
  const bare = await run(['-e', '0'])
  add('bare: spawn to exit', bare.end - bare.start)
  for (const [tag, dist] of Object.entries(BUILDS)) {
    const [g0, s0] = [github.requests.length, sei.requests.length]
    const step = await run([join(dist, 'post', 'index.js')])
    const gets = github.requests.slice(g0)
    const post = sei.requests.slice(s0)[0]
    add(`step${tag}: spawn to first GitHub request`, gets[0].time - step.start)
    const lastGet = Math.max(...gets.map((r) => r.time))
    if (gets.length > 1) add(`step${tag}: first to last GitHub request`, lastGet - gets[0].time)
    add(`step${tag}: last GitHub answer to SEI request`, post.time - (lastGet + GITHUB_LATENCY))
    add(`step${tag}: SEI answer to exit`, step.end - (post.time + SEI_LATENCY))
    add(
      `step${tag}: total over the bound`,
      step.end - step.start - (bare.end - bare.start) - GITHUB_LATENCY - SEI_LATENCY
    )
  }
}
for (const [name, values] of Object.entries(phases)) {
  console.log(`${name.padEnd(52)} ${median(values).toFixed(1).padStart(7)} ms`)
}
await github.close()
await sei.close()
