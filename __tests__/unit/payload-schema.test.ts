import { buildJobReport } from '../../src/mapping/payload.js'
import { PayloadError, validatePayload, type SeiPayload } from '../../src/sei/schema.js'
import { wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { reportOptions, runInfo, sampleJob } from '../fixtures/github.js'

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)

function validPayload(): SeiPayload {
  return buildJobReport(runInfo(), sampleJob(), 'SUCCESS', NOW, reportOptions()).payload
}

function rejection(payload: unknown): string {
  try {
    validatePayload(payload)
  } catch (cause) {
    expect(cause).toBeInstanceOf(PayloadError)
    return (cause as Error).message
  }
  throw new Error('validatePayload accepted the payload')
}

describe('validatePayload checks the payload before it is sent', () => {
  it('accepts the mapping of the sample job, which the SEI wire checks also accept', () => {
    const payload = validPayload()
    expect(validatePayload(payload)).toEqual(payload)
    expect(wireProblems(payload)).toEqual([])
  })

  it.each([
    ['build_number', (p: SeiPayload) => ({ ...p, build_number: 0 })],
    ['instance_guid', (p: SeiPayload) => ({ ...p, instance_guid: 'not-a-guid' })],
    ['duration', (p: SeiPayload) => ({ ...p, duration: 1.5 })],
    ['scm_commit_ids.0', (p: SeiPayload) => ({ ...p, scm_commit_ids: ['6dcb09b'] })],
    ['result', (p: SeiPayload) => ({ ...p, result: 'success' })],
    [
      'job_run.stages.0.steps.0.displayDescription',
      (p: SeiPayload) => {
        const stage = p.job_run.stages[0]!
        const steps = [{ ...stage.steps[0]!, displayDescription: 'x'.repeat(201) }]
        return { ...p, job_run: { stages: [{ ...stage, steps }] } }
      }
    ],
    [
      'job_run.stages.0.steps',
      (p: SeiPayload) => {
        const stage = p.job_run.stages[0]!
        const steps = [stage.steps[0]!, stage.steps[0]!]
        return { ...p, job_run: { stages: [{ ...stage, steps }] } }
      }
    ],
    ['payload', (p: SeiPayload) => ({ ...p, cd: true })]
  ])('refuses a broken %s in one line that names the field', (path, broken) => {
    const message = rejection(broken(validPayload()))
    expect(message).not.toContain('\n')
    expect(message).toMatch(
      new RegExp(
        `^The SEI payload is invalid at ${path.replace(/\./g, '\\.')}: [^\\n]+\\. This is a bug in sei-cicd-action; please report it with the address of the run, from which \`sei-cicd-action preview --run-id\` rebuilds the same report\\.$`
      )
    )
  })

  it('refuses what is not a payload at all', () => {
    expect(rejection(null)).toMatch(/^The SEI payload is invalid at payload: /)
  })
})
