// What `sync` costs: GitHub requests per reported run against the bound (with --cd
// false: the list pages, plus per attempt 1 + ceil(jobs/100), plus one compare per
// push run), run attempts reported per second with latency injected into the
// stand-ins, the peak memory of a 10,000-run backfill, and the charged requests of an
// idle hourly cycle over 300 repositories for each kind of token.
//   node scripts/bench-sync.mjs [--backfill N] [--latency MS] [--idle-only]
//   (or npm run bench -- --only sync)
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeGitHubOrg, startFakeSeiRefusing } from './lib/fake-org.mjs'
import { ROOT } from './lib/runner-sim.mjs'
import { completedAttempts, orgWorld } from './lib/sync-world.mjs'

const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'
const PAGE = 100

/** Writes the peak resident set size of the process it is preloaded into, at exit. */
function rssProbe() {
  const file = join(mkdtempSync(join(tmpdir(), 'sei-bench-sync-')), 'rss.cjs')
  writeFileSync(
    file,
    "process.on('exit', () => process.stderr.write(`\\nmax-rss-kib ${process.resourceUsage().maxRSS}\\n`))\n"
  )
  return file
}

function runSync(
  dist,
  github,
  sei,
  args,
  nodeFlags = [],
  env = { GITHUB_TOKEN: 'ghs_benchtoken' }
) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(
      process.execPath,
      [
        ...nodeFlags,
        '--require',
        rssProbe(),
        join(dist, 'cli/index.js'),
        'sync',
        '--instance-guid',
        GUID,
        '--sei-endpoint',
        sei.url,
        '--cd',
        'false',
        ...args
      ],
      {
        env: {
          PATH: process.env.PATH,
          SEI_API_KEY: 'sei-bench-key',
          GITHUB_API_URL: github.url,
          ...env
        },
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      const rss = Number(/max-rss-kib (\d+)/.exec(stderr)?.[1] ?? NaN)
      if (code === 0) resolve({ seconds, rssMiB: rss / 1024 })
      else reject(new Error(`sync exited ${code}: ${stderr.slice(-2000)}`))
    })
  })
}

/** The requests the issue's bound allows for the world with --cd false. */
function bound(world, listPages) {
  let perAttempt = 0
  let compares = 0
  for (const { repo, run, attempt } of completedAttempts(world)) {
    const jobs = world.repos.find((r) => r.name === repo).jobs[`${run.id}/${attempt}`].length
    perAttempt += 1 + Math.ceil(jobs / PAGE)
    if (run.event === 'push' && attempt === 1) compares++
  }
  return listPages + perAttempt + compares
}

const kind = (path) =>
  /\/orgs\/[^/]+\/repos|\/actions\/runs\?/.test(path)
    ? 'list'
    : /\/attempts\/\d+\/jobs/.test(path)
      ? 'jobs'
      : /\/attempts\/\d+$/.test(path.split('?')[0])
        ? 'attempt'
        : /\/compare\//.test(path)
          ? 'compare'
          : /\/actions\/workflows\/\d+\/runs/.test(path)
            ? 'previous push run'
            : 'other'

async function requestsPerRun(dist, row) {
  const world = orgWorld({
    repos: [
      { name: 'api', runs: 150 },
      { name: 'web', runs: 80 },
      { name: 'legacy', runs: 20, archived: true }
    ]
  })
  const github = await startFakeGitHubOrg(world)
  const sei = await startFakeSeiRefusing()
  try {
    await runSync(dist, github, sei, ['--org', world.org])
    const counts = {}
    for (const request of github.requests) {
      const k = kind(request.path)
      counts[k] = (counts[k] ?? 0) + 1
    }
    const total = github.requests.length
    const reported = sei.accepted
    const allowed = bound(world, counts.list)
    row(
      'sync: GitHub requests per reported run attempt',
      (total / reported).toFixed(2),
      `${total} requests for ${reported} attempts (bound ${allowed}: ${(allowed / reported).toFixed(2)} per attempt); ` +
        Object.entries(counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')
    )
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

async function throughput(dist, row, latencyMs) {
  for (const concurrency of [1, 4, 8]) {
    const world = {
      ...orgWorld({ repos: [{ name: 'api', runs: 150 }] }),
      latencyMs
    }
    const github = await startFakeGitHubOrg(world)
    const sei = await startFakeSeiRefusing(undefined, { latencyMs: latencyMs * 2 })
    try {
      const { seconds } = await runSync(dist, github, sei, [
        '--repo',
        'octo-org/api',
        '--concurrency',
        String(concurrency)
      ])
      const attempts = sei.accepted
      // The critical path: each attempt's requests one after the other, C at a time.
      const serial = (github.requests.length * latencyMs + attempts * latencyMs * 2) / 1000
      row(
        `sync: run attempts per second, --concurrency ${concurrency}`,
        (attempts / seconds).toFixed(1),
        `${attempts} attempts in ${seconds.toFixed(1)} s with ${latencyMs} ms GitHub / ${latencyMs * 2} ms SEI latency; requests one at a time would take ${serial.toFixed(1)} s, ÷${concurrency} = ${(serial / concurrency).toFixed(1)} s`
      )
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  }
}

/** Old-space limit of the capped backfill: it finishes only if the live heap stays below it. */
const HEAP_CAP_MIB = 48

export async function backfill(dist, row, runs) {
  for (const [size, nodeFlags] of [
    [runs / 10, []],
    [runs, []],
    [runs, [`--max-old-space-size=${HEAP_CAP_MIB}`]]
  ]) {
    // A limit the backfill does not reach: here the time to the reset would be all one measures.
    const world = {
      ...orgWorld({ repos: [{ name: 'monorepo', runs: size }], spacingMs: 60_000 }),
      rateLimit: { limit: 1_000_000, windowMs: 3_600_000 }
    }
    const days = Math.ceil((size * 60_000) / 86_400_000) + 1
    const github = await startFakeGitHubOrg(world)
    const sei = await startFakeSeiRefusing(undefined, { keep: false })
    try {
      const { seconds, rssMiB } = await runSync(
        dist,
        github,
        sei,
        ['--repo', 'octo-org/monorepo', '--since', `${days}d`, '--concurrency', '8'],
        nodeFlags
      )
      row(
        `sync: backfill of ${size} runs, peak memory${nodeFlags.length ? `, heap capped at ${HEAP_CAP_MIB} MiB` : ''}`,
        `${rssMiB.toFixed(1)} MiB`,
        `${sei.accepted} attempts reported in ${seconds.toFixed(1)} s; ${github.requests.length} GitHub requests`
      )
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  }
}

const IDLE_REPOS = 300

/**
 * One idle cycle (nothing happened since the last sync) of an hourly sync over 300
 * repositories: the requests GitHub charges to the rate limit, every answer but a 304.
 * `tokens(cycle)` gives the environment of each cycle: an installation token is new
 * every hour, and GitHub's ETags change with the token. `extra` are more options.
 */
async function idleCycle(dist, row, label, tokens, extra = []) {
  const world = orgWorld({
    repos: Array.from({ length: IDLE_REPOS }, (_, i) => ({ name: `repo-${i}`, runs: 2 })),
    older: 0
  })
  const github = await startFakeGitHubOrg(world)
  const sei = await startFakeSeiRefusing(undefined, { keep: false })
  const state = join(mkdtempSync(join(tmpdir(), 'sei-bench-idle-')), 'state.json')
  const args = ['--org', world.org, '--state', state, '--concurrency', '8', ...extra]
  try {
    await runSync(dist, github, sei, args, [], tokens(1))
    const before = github.answers.length
    await runSync(dist, github, sei, args, [], tokens(2))
    const idle = github.answers.slice(before)
    const charged = idle.filter((a) => a.status !== 304)
    const lists = idle.filter((a) => /\/orgs\/[^/]+\/repos/.test(a.path)).length
    row(
      `sync: idle hourly cycle of ${IDLE_REPOS} repositories, ${label}`,
      `${charged.length} charged`,
      `${idle.length} requests, ${idle.length - charged.length} answered 304 (free); ${lists} of them organisation listing pages; ${sei.accepted} reports on the first cycle, ${sei.accepted - 2 * IDLE_REPOS} more on the idle one`
    )
  } finally {
    await Promise.all([github.close(), sei.close()])
  }
}

export async function idleBenchmarks(dist, row) {
  await idleCycle(dist, row, 'long-lived token', () => ({ GITHUB_TOKEN: 'github_pat_long' }))
  await idleCycle(dist, row, 'installation token (new every hour)', (cycle) => ({
    GITHUB_TOKEN: `ghs_installation_${cycle}`
  }))
  await idleCycle(
    dist,
    row,
    'installation token, listings with a long-lived token',
    (cycle) => ({ GITHUB_TOKEN: `ghs_installation_${cycle}`, LISTING_TOKEN: 'github_pat_listing' }),
    ['--listing-token-env', 'LISTING_TOKEN']
  )
}

export async function syncBenchmarks(
  row,
  { dist = join(ROOT, 'dist'), latencyMs = 20, runs = 10_000 } = {}
) {
  await requestsPerRun(dist, row)
  await throughput(dist, row, latencyMs)
  await backfill(dist, row, runs)
  await idleBenchmarks(dist, row)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? Number(args[i + 1]) : fallback
  }
  const rows = []
  const row = (...cells) => rows.push(cells)
  if (args.includes('--idle-only')) await idleBenchmarks(join(ROOT, 'dist'), row)
  else
    await syncBenchmarks(row, {
      latencyMs: option('latency', 20),
      runs: option('backfill', 10_000)
    })
  for (const cells of rows) process.stdout.write(`| ${cells.join(' | ')} |\n`)
}
