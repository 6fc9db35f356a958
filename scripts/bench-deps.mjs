// `node scripts/bench-deps.mjs [--runs N]`: what the packages the design first named
// would cost a step, to revisit the choice of a hand-written runner protocol and
// GitHub client when the numbers change. In a temporary directory (never this
// project), it installs @actions/core and @actions/github from the npm registry,
// bundles a minimal step with each using the project's own bundler (ncc, minified;
// both packages are ES modules now), and times their start against a bare `node -e 0` and the
// committed dist/main, in interleaved rounds; each figure is the median.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './lib/runner-sim.mjs'

const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 21
const PACKAGES = ['@actions/core@3', '@actions/github@9']

// Each step does the least a real one does: read an input, write an output; the
// GitHub one also makes its client, as the post step would before its first request.
const STEPS = {
  '@actions/core': `import * as core from '@actions/core'\ncore.setOutput('x', core.getInput('x'))\n`,
  '@actions/github': `import * as core from '@actions/core'\nimport * as github from '@actions/github'\ngithub.getOctokit(core.getInput('x') || 't')\ncore.setOutput('x', github.context.repo.owner)\n`
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]
}

function timeNode(argv, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, argv, { env, stdio: 'ignore' })
    child.on('close', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - start) / 1e6)
        : reject(new Error(`${argv.join(' ')} exited ${code}`))
    )
  })
}

const dir = mkdtempSync(join(tmpdir(), 'sei-bench-deps-'))
try {
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n')
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...PACKAGES], {
    cwd: dir,
    stdio: 'inherit'
  })
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const bundles = {}
  for (const [name, code] of Object.entries(STEPS)) {
    const entry = join(dir, `${name.replace(/\W/g, '_')}.mjs`)
    const out = join(dir, 'out', name.replace(/\W/g, '_'))
    writeFileSync(entry, code)
    mkdirSync(out, { recursive: true })
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--minify', '--quiet'], {
      cwd: dir,
      stdio: 'inherit'
    })
    bundles[name] = join(
      out,
      readdirSync(out).find((file) => /^index\.[cm]?js$/.test(file))
    )
  }
  const output = join(dir, 'output')
  writeFileSync(output, '')
  const env = { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_REPOSITORY: 'o/r' }
  const cases = {
    'node -e 0': ['-e', '0'],
    'dist/main (this action)': [join(ROOT, 'dist', 'main', 'index.js')],
    ...Object.fromEntries(Object.entries(bundles).map(([name, file]) => [name, [file]]))
  }
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
  for (let round = 0; round < RUNS; round++) {
    for (const [name, argv] of Object.entries(cases)) times[name].push(await timeNode(argv, env))
  }
  const bare = median(times['node -e 0'])
  console.log(`Node ${process.version}, ${RUNS} interleaved rounds, median start to exit:`)
  for (const [name, values] of Object.entries(times)) {
    const ms = median(values)
    const size = cases[name][0].endsWith('js')
      ? `${Math.round(statSync(cases[name][0]).size / 1024)} kB`
      : ''
    console.log(
      `  ${name.padEnd(24)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / bare).toFixed(2)}× bare node  ${size}`
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
