// Ctrl-C (SIGINT) of a step: the report is kept at once, then delivered within the 6 s a
// cancelled step has, or given up when SEI does not answer in that window, which is real
// time the step must take.
import { existsSync } from 'node:fs'
import { ACCEPTED } from '../../scripts/lib/fake-servers.mjs'
import { keptPath, runCase, warnings } from '../support/hardening-case.js'

describe('1. cancellation keeps the report', () => {
  it('SIGINT keeps the report at once, then delivers it if SEI answers in time', async () => {
    const run = await runCase({
      sei: [{ ...ACCEPTED, delayMs: 1500 }],
      signal: { step: 'post', name: 'SIGINT' }
    })
    expect(run.post.code).toBe(0)
    expect(run.afterSignal!.keptAt300ms).toBe(true)
    expect(run.sei.requests).toHaveLength(1)
    expect(warnings(run)).toEqual([])
    expect(run.summary).toMatch(/^### SEI report sent: /)
    // Delivered after all: nothing is left to re-send.
    expect(existsSync(keptPath(run.dir))).toBe(false)
  })

  it('SIGINT while SEI never answers: kept at once, given up before the runner would send SIGTERM', async () => {
    const run = await runCase({
      workflow: true,
      sei: [{ status: 'hang' }],
      signal: { step: 'main', name: 'SIGINT' }
    })
    expect(run.main.code).toBe(0)
    expect(run.afterSignal!.keptAt300ms).toBe(true)
    expect(run.afterSignal!.ms).toBeLessThan(7500)
    expect(run.outputs.delivered).toBe('false')
    expect(warnings(run)).toEqual([
      expect.stringMatching(
        /^The job was cancelled, and the report could not be delivered within the 6 s a cancelled step has\. Once the (job|run) has ended, re-send the report from any machine with /
      )
    ])
  }, 15_000)
})
