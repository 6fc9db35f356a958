import { buildWorkflowReport } from '../../src/mapping/payload.js'
import { workflowResult } from '../../src/mapping/result.js'
import { reportOptions, runInfo } from '../fixtures/github.js'
import { at, job } from '../fixtures/runs.js'

const jobsEnding = (...conclusions: string[]) =>
  conclusions.map((conclusion, i) => job({ id: 700 + i, name: `job ${i + 1}`, conclusion }))

describe('the result of a whole run, from its jobs', () => {
  it.each([
    [['success', 'failure', 'cancelled'], 'FAILURE'],
    [['success', 'timed_out'], 'FAILURE'],
    [['startup_failure'], 'FAILURE'],
    [['success', 'cancelled', 'skipped'], 'ABORTED'],
    [['success', 'skipped', 'neutral'], 'SUCCESS'],
    [['skipped', 'skipped'], 'SUCCESS']
  ])('jobs ending %j make the run %s', (conclusions, result) => {
    expect(workflowResult(jobsEnding(...conclusions))).toBe(result)
  })
})

describe('buildWorkflowReport', () => {
  const timing = { start: Date.parse(at(0)), end: Date.parse(at(20)) }

  it('leaves out the job that reports, even when it is the one still running', () => {
    const jobs = [...jobsEnding('success'), job({ id: 799, name: 'report', conclusion: null })]
    const { payload } = buildWorkflowReport(runInfo(), jobs, timing, reportOptions(), 799)
    expect(payload.job_run.stages.map((stage) => stage.id)).toEqual(['700'])
    expect(payload.duration).toBe(20 * 60_000)
  })

  it('a finished run cancelled after its jobs succeeded is ABORTED, as GitHub says', () => {
    const jobs = jobsEnding('success', 'success')
    const finished = { ...timing, conclusion: 'cancelled' }
    expect(buildWorkflowReport(runInfo(), jobs, finished, reportOptions()).payload.result).toBe(
      'ABORTED'
    )
    const failed = { ...timing, conclusion: 'failure' }
    const withFailure = jobsEnding('success', 'failure')
    expect(
      buildWorkflowReport(runInfo(), withFailure, failed, reportOptions()).payload.result
    ).toBe('FAILURE')
  })
})
