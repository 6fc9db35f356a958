// `npm run bench`: what the action costs every job. Prints one table, then the targets
// it is held to. Each step is started as the runner starts it, in interleaved rounds
// with a bare `node -e 0` started with the same clean runner environment: its figures
// are the medians of its time over bare node and of its ratio to it, round by round
// (both met the same load). With latency injected into the stand-ins, each post-step
// path is set against its bound, round by round: that round's bare node start plus the
// fewest sequential round trips it can make × the latency.
// With --before DIR (an earlier build's dist/), each step is also run from DIR in the
// same rounds, for a before-and-after from one run.
//   node scripts/bench.mjs [--runs N] [--only main,post,run,latency,mapping,bundle,sync]
//                          [--dist DIR] [--before DIR] [--github-latency MS] [--sei-latency MS]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir, cpus } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startFakeGitHub, startFakeSei } from './lib/fake-servers.mjs'
import { inputEnv, ROOT, runnerEnv, stepEnv } from './lib/runner-sim.mjs'
import { interleaved as rounds, median, ms, overBare, timeNode } from './lib/timing.mjs'
import { syncBenchmarks } from './bench-sync.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const RUNS = Number(option('runs', '21'))
const ONLY = new Set(option('only', 'main,post,run,latency,mapping,bundle,sync').split(','))
const GITHUB_LATENCY = Number(option('github-latency', '150'))
const SEI_LATENCY = Number(option('sei-latency', '300'))
const DIST = option('dist', join(ROOT, 'dist'))
const BEFORE = option('before', undefined)
/** The builds each step is run from: this one, and the earlier one with --before. */
const BUILDS = BEFORE ? { '': DIST, ' (before)': BEFORE } : { '': DIST }
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'

/** What `npm run bench` must show on an idle machine; each is checked at the end. */
const TARGETS = { main: 1.1, post: 2.5, latency: 1.05 }
const targets = []

function sampleJob(id, runId, name, steps = 8) {
  const start = Date.now() - 600_000
  const at = (s) => new Date(start + s * 1000).toISOString()
  return {
    id,
    run_id: runId,
    run_attempt: 1,
    name,
    status: 'completed',
    conclusion: 'success',
    created_at: at(0),
    started_at: at(1),
    completed_at: at(steps * 10 + 2),
    runner_name: `GitHub Actions ${id}`,
    runner_id: id,
    steps: Array.from({ length: steps }, (_, i) => ({
      name: i === 0 ? 'Set up job' : `Run step ${i}`,
      status: 'completed',
      conclusion: 'success',
      number: i + 1,
      started_at: at(1 + i * 10),
      completed_at: at(1 + (i + 1) * 10)
    }))
  }
}

const interleaved = (cases) => rounds(cases, RUNS)
const rows = []
const row = (measure, value, detail = '') => rows.push([measure, value, detail])

async function stepBenchmarks() {
  const dir = mkdtempSync(join(tmpdir(), 'sei-bench-'))
  const job = JSON.parse(readFileSync(join(ROOT, 'samples', 'job.json'), 'utf8'))
  const runId = Number(job.run_id)
  const manyJobs = Array.from({ length: 300 }, (_, i) =>
    sampleJob(50_000_000 + i, runId, `test (shard ${i + 1}/300)`)
  )
  const github = await startFakeGitHub({
    jobs: [job],
    attemptJobs: { [`${runId}/1`]: manyJobs },
    run: {
      ...sampleJob(0, runId, 'x'),
      id: runId,
      name: 'CI',
      run_number: 57,
      run_attempt: 1,
      event: 'push',
      head_sha: job.head_sha,
      head_branch: 'main',
      run_started_at: new Date(Date.now() - 700_000).toISOString(),
      updated_at: new Date().toISOString()
    }
  })
  const sei = await startFakeSei()
  const base = stepEnv(dir, { GITHUB_API_URL: github.url })
  const common = { 'instance-guid': GUID, 'api-key': 'bench-key', 'sei-endpoint': sei.url }
  const mainEnv = { ...base, ...inputEnv(common) }
  const jobEnv = {
    ...base,
    ...inputEnv({ ...common, 'job-check-run-id': String(job.id) }),
    STATE_sei: '{}'
  }
  const jobCdEnv = { ...jobEnv, INPUT_CD: 'false' }
  // A whole run is final when its last job starts, so the main step reports it.
  const runEnv = {
    ...base,
    ...inputEnv({ ...common, scope: 'workflow', 'job-check-run-id': String(job.id) })
  }
  const bare = () => timeNode(['-e', '0'], base)

  const count = async (env, step = 'post') => {
    const before = [github.requests.length, sei.requests.length]
    await timeNode([join(DIST, `${step}/index.js`)], env)
    return [github.requests.length - before[0], sei.requests.length - before[1]]
  }
  const cases = { bare }
  for (const [tag, dist] of Object.entries(BUILDS)) {
    const start = (step, env) => () => timeNode([join(dist, `${step}/index.js`)], env)
    if (ONLY.has('main')) cases[`main${tag}`] = start('main', mainEnv)
    if (ONLY.has('post')) cases[`post${tag}`] = start('post', jobEnv)
    if (ONLY.has('post')) cases[`postCd${tag}`] = start('post', jobCdEnv)
    if (ONLY.has('run')) cases[`run${tag}`] = start('main', runEnv)
  }
  const counts = {
    post: ONLY.has('post') ? await count(jobEnv) : undefined,
    postCd: ONLY.has('post') ? await count(jobCdEnv) : undefined,
    run: ONLY.has('run') ? await count(runEnv, 'main') : undefined
  }
  const figures = await interleaved(cases)
  row('bare `node -e 0`', ms(figures.bare.median), 'baseline, same environment, same rounds')
  const steps = [
    ['main', 'main step, job scope', 'main step ≤ 1.10× bare node', TARGETS.main],
    [
      'post',
      'post step, job scope, loopback',
      'post step on loopback ≤ 2.5× bare node',
      TARGETS.post
    ],
    [
      'postCd',
      'post step, job scope, `cd: false`, loopback',
      'post step on loopback, `cd: false`, ≤ 2.5× bare node',
      TARGETS.post
    ],
    ['run', 'main step, whole run of 300 jobs (`scope: workflow`)']
  ]
  for (const [key, name, target, limit] of steps) {
    for (const tag of Object.keys(BUILDS)) {
      const figure = figures[`${key}${tag}`]
      if (!figure) continue
      const made = counts[key]
        ? `; ${counts[key][0]} GitHub request(s), ${counts[key][1]} SEI request(s)`
        : ''
      row(`${name}${tag}`, overBare(figure), `median ${ms(figure.median)}${made}`)
      if (target && !tag) targets.push([target, figure.ratio, limit])
    }
  }
  await github.close()
  await sei.close()
}

/**
 * A job whose deployment links back to it, with an earlier successful deployment of
 * another commit to the same environment: cd: auto reads the job and the commit's
 * deployments, then the candidate's statuses and the environment's deployments, then
 * the earlier deployment's statuses, then the commits between.
 */
function deployedWorld(job, sha) {
  const previous = 'a'.repeat(40)
  const log = `https://github.com/octo-org/octo-repo/actions/runs/${job.run_id}/job/${job.id}`
  return {
    jobs: [job],
    deployments: [
      { id: 2, sha, ref: 'main', environment: 'production', created_at: job.started_at },
      {
        id: 1,
        sha: previous,
        ref: 'main',
        environment: 'production',
        created_at: '2026-11-29T10:00:00Z'
      }
    ],
    statuses: {
      2: [{ state: 'in_progress', log_url: log, target_url: log }],
      1: [
        { state: 'inactive', log_url: null, target_url: null },
        {
          state: 'success',
          log_url: log.replace(String(job.run_id), '9000000001'),
          target_url: null
        }
      ]
    },
    compare: { [`${previous}...${sha}`]: ['b'.repeat(40), 'c'.repeat(40), sha] }
  }
}

/**
 * Each post-step path with latency in the stand-ins, against its bound: a bare node
 * start in the same rounds plus its fewest sequential round trips × the latency.
 */
async function latencyBenchmarks() {
  const dir = mkdtempSync(join(tmpdir(), 'sei-bench-latency-'))
  const job = JSON.parse(readFileSync(join(ROOT, 'samples', 'job.json'), 'utf8'))
  const sha = runnerEnv(dir).GITHUB_SHA
  const worlds = { plain: { jobs: [job] }, deployed: deployedWorld(job, sha) }
  const sei = await startFakeSei({ latencyMs: SEI_LATENCY })
  const servers = {
    plain: await startFakeGitHub({ ...worlds.plain, latencyMs: GITHUB_LATENCY }),
    deployed: await startFakeGitHub({ ...worlds.deployed, latencyMs: GITHUB_LATENCY })
  }
  // [name, world, extra inputs, sequential GitHub round trips on the critical path]
  const paths = [
    ['no deployment (`cd: auto`)', 'plain', {}, 1],
    ['a deployment that links to the job', 'deployed', {}, 4],
    ['`cd: false`', 'plain', { cd: 'false' }, 1]
  ]
  const envOf = (world, extra) => ({
    ...stepEnv(dir, { GITHUB_API_URL: servers[world].url }),
    ...inputEnv({
      'instance-guid': GUID,
      'api-key': 'bench-key',
      'sei-endpoint': sei.url,
      'job-check-run-id': String(job.id),
      ...extra
    }),
    STATE_sei: '{}'
  })
  const cases = { bare: () => timeNode(['-e', '0'], stepEnv(dir, {})) }
  const requests = {}
  for (const [name, world, extra] of paths) {
    const env = envOf(world, extra)
    const before = servers[world].requests.length
    await timeNode([join(DIST, 'post/index.js')], env)
    requests[name] = servers[world].requests.length - before
    for (const [tag, dist] of Object.entries(BUILDS)) {
      cases[`${name}${tag}`] = () => timeNode([join(dist, 'post/index.js')], env)
    }
  }
  const figures = await interleaved(cases)
  const bare = figures.bare.median
  for (const [name, , , trips] of paths) {
    const waits = trips * GITHUB_LATENCY + SEI_LATENCY
    // Each round's time against that round's bound: its own bare start plus the waits.
    const bounds = figures.bare.times.map((start) => start + waits)
    for (const tag of Object.keys(BUILDS)) {
      const { median: measured, times } = figures[`${name}${tag}`]
      const ratio = median(times.map((time, i) => time / bounds[i]))
      const over = median(times.map((time, i) => time - bounds[i]))
      row(
        `post step, ${GITHUB_LATENCY} ms GitHub / ${SEI_LATENCY} ms SEI: ${name}${tag}`,
        `${ratio.toFixed(3)}× bound`,
        `median ${ms(measured)}, ${over >= 0 ? '+' : '−'}${ms(Math.abs(over))} over its bound, bare ${ms(bare)} + ${trips} × ${GITHUB_LATENCY} ms + 1 × ${SEI_LATENCY} ms; ${requests[name]} GitHub request(s)`
      )
      if (!tag) {
        targets.push([`post step with latency, ${name}, ≤ 1.05× its bound`, ratio, TARGETS.latency])
      }
    }
  }
  await sei.close()
  await Promise.all(Object.values(servers).map((server) => server.close()))
}

/** Bundles the mapping and schema into a temporary module, to time them in-process. */
async function mappingBenchmarks() {
  const dir = mkdtempSync(join(tmpdir(), 'sei-bench-map-'))
  const entry = join(ROOT, 'scripts', 'lib', 'bench-mapping.ts')
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', entry, '-o', dir, '--quiet'],
    { stdio: 'inherit' }
  )
  const { mapAndValidate } = await import(pathToFileURL(join(dir, 'index.js')).href)
  const sizes = [10, 100, 1000, 5000]
  let previous
  for (const size of sizes) {
    const jobs = Array.from({ length: size }, (_, i) => sampleJob(1 + i, 1, `job ${i}`, 30))
    mapAndValidate(jobs)
    const times = []
    for (let i = 0; i < Math.max(3, Math.min(RUNS, 2000 / size)); i++) {
      const start = process.hrtime.bigint()
      mapAndValidate(jobs)
      times.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    const t = median(times)
    const perJob = (t / size) * 1000
    const growth = previous
      ? `; ${(perJob / previous).toFixed(2)}× the per-job cost of the previous size`
      : ''
    row(`map + validate ${size} jobs × 30 steps`, ms(t), `${perJob.toFixed(1)} µs per job${growth}`)
    previous = perJob
  }
}

/** Bytes of each bundle, and which sources (by package) fill them, from the source maps. */
function bundleSizes() {
  const files = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.push(path)
    }
  }
  walk(join(ROOT, 'dist'))
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const size = statSync(file).size
    let detail = ''
    try {
      detail = topSources(file, JSON.parse(readFileSync(`${file}.map`, 'utf8')))
    } catch {
      detail = 'no source map'
    }
    row(`bundle ${relative(ROOT, file)}`, `${(size / 1024).toFixed(1)} KiB`, detail)
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Attributes generated bytes to sources by decoding the map's VLQ segments. */
function topSources(file, map) {
  const code = readFileSync(file, 'utf8').split('\n')
  const bytes = new Map()
  let source = 0
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0
    const segments = []
    for (const segment of line.split(',')) {
      if (!segment) continue
      const values = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = B64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += values[0]
      if (values.length > 1) source += values[1]
      segments.push([column, values.length > 1 ? source : -1])
    }
    const length = (code[lineIndex] ?? '').length
    segments.forEach(([start, src], i) => {
      if (src < 0) return
      const end = i + 1 < segments.length ? segments[i + 1][0] : length
      const name = packageOf(map.sources[src] ?? '?')
      bytes.set(name, (bytes.get(name) ?? 0) + Math.max(0, end - start))
    })
  })
  return [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, n]) => `${name} ${(n / 1024).toFixed(0)} KiB`)
    .join(', ')
}

function packageOf(source) {
  const match = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source)
  if (match) return match[1]
  return /(^|\/)src\//.test(source)
    ? 'src (this action)'
    : source.replace(/^webpack:\/\/[^/]*\//, '')
}

if (ONLY.has('main') || ONLY.has('post') || ONLY.has('run')) await stepBenchmarks()
if (ONLY.has('latency')) await latencyBenchmarks()
if (ONLY.has('mapping')) await mappingBenchmarks()
if (ONLY.has('bundle')) bundleSizes()
if (ONLY.has('sync')) await syncBenchmarks(row, { dist: DIST })

const cpu = cpus()[0]?.model ?? 'unknown CPU'
process.stdout.write(
  `sei-cicd-action benchmark: Node ${process.version}, ${cpus().length} × ${cpu}, ${RUNS} rounds\n\n`
)
const widths = [0, 1, 2].map((i) =>
  Math.max(...[['Measure', 'Figure', 'Detail'], ...rows].map((r) => r[i].length))
)
const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
process.stdout.write(
  [
    line(['Measure', 'Figure', 'Detail']),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line)
  ].join('\n') + '\n'
)
if (targets.length) {
  process.stdout.write('\nTargets (medians of the rounds above):\n')
  // The targets are the action's, and the runner starts it on Node 24 (action.yml).
  if (process.versions.node.split('.')[0] !== '24') {
    process.stdout.write(
      `(on Node ${process.version}; the action runs on Node 24: npx -y -p node@24 node scripts/bench.mjs)\n`
    )
  }
  for (const [what, value, limit] of targets) {
    const verdict = value <= limit ? 'met' : 'NOT met'
    process.stdout.write(`- ${what}: ${value.toFixed(3)}× — ${verdict}\n`)
  }
}
