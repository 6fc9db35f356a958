// `node scripts/bench-checks.mjs [--runs N]`: what checking a GitHub job answer and an
// SEI payload costs a step's start, for each way of running the checks: the zod
// schemas, the same schemas in zod/mini, and the checks generated from the zod schemas
// (src/checks.ts; what the steps run). Each is bundled as the steps are (ncc, minified)
// and started as a child process, in interleaved rounds with a bare `node -e 0`; each
// figure is the median, over bare node round by round and as a ratio. The floor reads
// the same files and checks nothing.
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './lib/runner-sim.mjs'
import { interleaved, ms, overBare, timeNode } from './lib/timing.mjs'

const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 21
const WAYS = {
  none: 'none: the files read, nothing checked (the floor)',
  zod: 'the zod schemas (zod 4)',
  mini: 'the same schemas in zod/mini',
  generated: 'checks generated from the zod schemas'
}

const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
const out = join(ROOT, 'node_modules', '.cache', 'bench-checks')
const data = [
  join(ROOT, 'samples', 'job.json'),
  join(ROOT, 'scripts/lib/bench-checks-payload.json')
]
const env = { PATH: process.env.PATH }
const cases = { bare: () => timeNode(['-e', '0'], env) }
const sizes = {}

for (const way of Object.keys(WAYS)) {
  const dir = join(out, way)
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      join(ROOT, 'scripts/lib/bench-checks', `${way}.ts`),
      '-o',
      dir,
      '--minify',
      '--quiet',
      '--target',
      'es2022'
    ],
    { stdio: 'inherit' }
  )
  const bundle = join(dir, 'index.js')
  sizes[way] = statSync(bundle).size
  await timeNode([bundle, ...data], env) // exits 1 unless both check out
  cases[way] = () => timeNode([bundle, ...data], env)
}
const figures = await interleaved(cases, RUNS)
process.stdout.write(
  `Checking a job answer and a payload, Node ${process.version}, ${RUNS} rounds\n\n`
)
process.stdout.write(
  `| Checks | Start, over bare node | Median | Bundle |\n| --- | --- | --- | --- |\n`
)
process.stdout.write(`| bare \`node -e 0\` | | ${ms(figures.bare.median)} | |\n`)
for (const [way, what] of Object.entries(WAYS)) {
  process.stdout.write(
    `| ${what} | ${overBare(figures[way])} | ${ms(figures[way].median)} | ${(sizes[way] / 1024).toFixed(0)} KiB |\n`
  )
}
