import { join } from 'node:path'
import { wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { ROOT, runNode } from '../../scripts/lib/runner-sim.mjs'
import { validatePayload } from '../../src/sei/schema.js'

describe('npm run local', () => {
  it('prints, on the built-in samples, a payload that passes the schema and the wire checks', async () => {
    const run = await runNode(join(ROOT, 'scripts/local-run.mjs'), {
      PATH: process.env.PATH,
      HOME: process.env.HOME
    })
    expect(run.code).toBe(0)
    const payload = validatePayload(JSON.parse(run.stdout))
    expect(wireProblems(payload)).toEqual([])
    expect(payload).toMatchObject({
      job_full_name: 'octo-org/octo-repo/CI/build (ubuntu-latest, 20)',
      build_number: 57001,
      execution_id: '9100000001-1-29679449011',
      result: 'SUCCESS',
      scm_commit_ids: [
        '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        '2f1b8e4d7a3c5b6e9f0a1d2c3b4a5968778695a4'
      ]
    })
    expect(payload.job_run.stages[0]!.steps).toHaveLength(6)
  })
})
