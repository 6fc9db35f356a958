// Timing child processes for the bench scripts: wall time from spawn to exit, medians
// of interleaved rounds (every case once per round, in turn, so that the machine's
// changing load falls on all of them alike), and figures against a bare node start.
import { spawn } from 'node:child_process'

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Wall time of one child process, from spawn to exit, in milliseconds. */
export function timeNode(argv, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      if (code === 0) resolve(ms)
      else reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr}`))
    })
  })
}

/**
 * Runs each case once per round, in turn, `runs` rounds. Returns each case's median and
 * its median over `base` taken round by round (the difference within a round, where
 * both met the same load), and the ratio of the two medians.
 */
export async function interleaved(cases, runs, base = 'bare') {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
  for (let round = 0; round < runs; round++) {
    for (const [name, run] of Object.entries(cases)) times[name].push(await run())
  }
  const out = {}
  for (const [name, list] of Object.entries(times)) {
    const over = times[base] ? list.map((value, i) => value - times[base][i]) : []
    out[name] = { median: median(list), over: median(over) }
  }
  for (const figure of Object.values(out)) {
    figure.ratio = out[base] ? figure.median / out[base].median : undefined
  }
  return out
}

export const ms = (value) => `${value.toFixed(1)} ms`

/** "+12.3 ms over bare node, 1.18×" */
export const overBare = (figure) =>
  `${figure.over >= 0 ? '+' : '−'}${ms(Math.abs(figure.over))}, ${figure.ratio.toFixed(2)}×`
