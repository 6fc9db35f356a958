import { buildJobReport } from '../../src/mapping/payload.js'
import { currentJobResult } from '../../src/mapping/result.js'
import {
  apiStep,
  ourPostStep,
  reportOptions,
  runInfo,
  sampleJob,
  withStep
} from '../fixtures/github.js'

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)
const passed = [apiStep(1, 'Set up job'), apiStep(2, 'Run make test')]
const failed = [apiStep(1, 'Set up job'), apiStep(2, 'Run make test', { conclusion: 'failure' })]
const cancelled = [
  apiStep(1, 'Set up job'),
  apiStep(2, 'Run make test', { conclusion: 'cancelled' })
]

describe('the job result comes from job.status as of the post step', () => {
  it.each([
    ['success', 'SUCCESS'],
    ['failure', 'FAILURE'],
    ['cancelled', 'ABORTED']
  ])('job.status %s is %s', (status, expected) => {
    expect(currentJobResult(status, passed)).toBe(expected)
  })

  it('keeps FAILURE when the steps shown all passed (a failure the API does not show yet)', () => {
    expect(currentJobResult('failure', passed)).toBe('FAILURE')
  })

  it('keeps ABORTED for a cancelled job even when a step failed first', () => {
    expect(currentJobResult('cancelled', failed)).toBe('ABORTED')
  })
})

describe('a job status, when the runner gives one, decides over the steps', () => {
  // A step that fails under continue-on-error leaves job.status at success, and GitHub
  // shows the job green; SEI must too, whatever the step's conclusion reads.
  it.each(['failure', 'timed_out'])(
    'a step concluded %s leaves a success status SUCCESS',
    (conclusion) => {
      const steps = [apiStep(1, 'Set up job'), apiStep(2, 'Run make test', { conclusion })]
      expect(currentJobResult('success', steps)).toBe('SUCCESS')
    }
  )

  it('a cancelled step leaves a success status SUCCESS', () => {
    expect(currentJobResult('success', cancelled)).toBe('SUCCESS')
  })

  it('skipped steps do not change a success', () => {
    const steps = [...passed, apiStep(3, 'Deploy preview', { conclusion: 'skipped' })]
    expect(currentJobResult('success', steps)).toBe('SUCCESS')
  })
})

describe('without a job status the steps decide', () => {
  it.each([
    [passed, 'SUCCESS'],
    [failed, 'FAILURE'],
    [cancelled, 'ABORTED']
  ])('empty status with steps %# is %s', (steps, expected) => {
    expect(currentJobResult('', steps)).toBe(expected)
  })

  it('an unknown status is treated like an empty one', () => {
    expect(currentJobResult('pending', failed)).toBe('FAILURE')
  })
})

describe('the job report carries the decided result in the payload and its stage', () => {
  it('our own step, still in progress, does not count, even with a stale conclusion', () => {
    const steps = [...passed, { ...ourPostStep(3), conclusion: 'failure' }]
    expect(currentJobResult('', steps)).toBe('SUCCESS')
    const job = { ...sampleJob(), steps }
    const { payload } = buildJobReport(
      runInfo(),
      job,
      currentJobResult('', steps),
      NOW,
      reportOptions()
    )
    expect(payload.result).toBe('SUCCESS')
    expect(payload.job_run.stages[0]!.result).toBe('SUCCESS')
  })

  it('a failed job with a failed step gives FAILURE at both levels', () => {
    const job = withStep(sampleJob(), 4, { conclusion: 'failure' })
    const { payload } = buildJobReport(runInfo(), job, 'FAILURE', NOW, reportOptions())
    expect(payload.result).toBe('FAILURE')
    expect(payload.job_run.stages[0]!.result).toBe('FAILURE')
    expect(payload.job_run.stages[0]!.steps.map((step) => step.result)).toEqual([
      'SUCCESS',
      'SUCCESS',
      'SUCCESS',
      'FAILURE',
      'NOT_BUILT',
      'SUCCESS'
    ])
  })

  it('a cancelled job is ABORTED', () => {
    const job = withStep(sampleJob(), 4, { conclusion: 'cancelled' })
    const { payload } = buildJobReport(runInfo(), job, 'ABORTED', NOW, reportOptions())
    expect(payload.result).toBe('ABORTED')
  })
})
