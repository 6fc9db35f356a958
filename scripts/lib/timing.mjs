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
 * Runs each case once per round, in turn, `runs` rounds. Returns each case's median, its
 * times round by round, and, paired with `base` in each round (where both met the same
 * load), the median of its difference to `base` and the median of its ratio to it.
 */
export async function interleaved(cases, runs, base = 'bare') {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
  for (let round = 0; round < runs; round++) {
    for (const [name, run] of Object.entries(cases)) times[name].push(await run())
  }
  const out = {}
  for (const [name, list] of Object.entries(times)) {
    const paired = (pair) =>
      times[base] ? median(list.map((v, i) => pair(v, times[base][i]))) : undefined
    out[name] = {
      median: median(list),
      times: list,
      over: paired((value, bare) => value - bare),
      ratio: paired((value, bare) => value / bare)
    }
  }
  return out
}

export const ms = (value) => `${value.toFixed(1)} ms`

/** "+12.3 ms over bare node, 1.18×" */
export const overBare = (figure) =>
  `${figure.over >= 0 ? '+' : '−'}${ms(Math.abs(figure.over))}, ${figure.ratio.toFixed(2)}×`
