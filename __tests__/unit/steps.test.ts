import { buildJobReport } from '../../src/mapping/payload.js'
import { mapSteps } from '../../src/mapping/stages.js'
import {
  apiStep,
  ourPostStep,
  pendingPostStep,
  reportOptions,
  runInfo,
  sampleJob
} from '../fixtures/github.js'

const NOW = Date.UTC(2026, 10, 30, 9, 43, 53)

function jobReport(job = sampleJob()) {
  return buildJobReport(runInfo(), job, 'SUCCESS', NOW, reportOptions())
}

describe('step times carry time-zone offsets and are read as instants', () => {
  it('maps the sample job: -08:00 step times become UTC start times and millisecond durations', () => {
    const stage = jobReport().payload.job_run.stages[0]!
    expect(stage.steps).toEqual([
      {
        id: '1',
        displayName: 'Set up job',
        displayDescription: 'Set up job',
        result: 'SUCCESS',
        state: 'FINISHED',
        durationInMillis: 2000,
        startTime: '2026-11-30T09:42:03.000Z'
      },
      {
        id: '2',
        displayName: 'Run sei-cicd-action/sei-cicd-action@v1',
        displayDescription: 'Run sei-cicd-action/sei-cicd-action@v1',
        result: 'SUCCESS',
        state: 'FINISHED',
        durationInMillis: 0,
        startTime: '2026-11-30T09:42:05.000Z'
      },
      {
        id: '3',
        displayName: 'Run actions/checkout@v5',
        displayDescription: 'Run actions/checkout@v5',
        result: 'SUCCESS',
        state: 'FINISHED',
        durationInMillis: 2000,
        startTime: '2026-11-30T09:42:05.000Z'
      },
      {
        id: '4',
        displayName: 'Run make test',
        displayDescription: 'Run make test',
        result: 'SUCCESS',
        state: 'FINISHED',
        durationInMillis: 104000,
        startTime: '2026-11-30T09:42:07.000Z'
      },
      {
        id: '5',
        displayName: 'Deploy preview',
        displayDescription: 'Deploy preview',
        result: 'NOT_BUILT',
        state: 'FINISHED',
        durationInMillis: 0,
        startTime: '2026-11-30T09:43:51.000Z'
      },
      {
        id: '9',
        displayName: 'Post Run actions/checkout@v5',
        displayDescription: 'Post Run actions/checkout@v5',
        result: 'SUCCESS',
        state: 'FINISHED',
        durationInMillis: 1000,
        startTime: '2026-11-30T09:43:51.000Z'
      }
    ])
  })

  it('starts the job at its started_at (Z) and ends it now, in milliseconds', () => {
    const { payload } = jobReport()
    expect(payload.start_time).toBe(Date.UTC(2026, 10, 30, 9, 42, 3))
    expect(payload.duration).toBe(110_000)
    expect(payload.job_run.stages[0]).toMatchObject({
      id: '29679449011',
      displayName: 'build (ubuntu-latest, 20)',
      durationInMillis: 110_000,
      startTime: '2026-11-30T09:42:03.000Z'
    })
  })

  it('never reports a negative job duration when the clock is behind started_at', () => {
    const { payload } = buildJobReport(
      runInfo(),
      sampleJob(),
      'SUCCESS',
      Date.UTC(2026, 10, 30, 9, 42, 1),
      reportOptions()
    )
    expect(payload.duration).toBe(0)
    expect(payload.job_run.stages[0]!.durationInMillis).toBe(0)
  })
})

describe('odd step times', () => {
  it('clamps a step that completed before it started to 0', () => {
    const [step] = mapSteps([
      apiStep(5, 'Deploy preview', {
        conclusion: 'skipped',
        started_at: '2026-11-30T01:43:51.000-08:00',
        completed_at: '2026-11-30T01:43:50.000-08:00'
      })
    ])
    expect(step!.durationInMillis).toBe(0)
  })

  it('gives a completed step with null times a zero duration and no start time', () => {
    const [step] = mapSteps([
      apiStep(6, 'Upload coverage', { conclusion: 'skipped', started_at: null, completed_at: null })
    ])
    expect(step).toEqual({
      id: '6',
      displayName: 'Upload coverage',
      displayDescription: 'Upload coverage',
      result: 'NOT_BUILT',
      state: 'FINISHED',
      durationInMillis: 0
    })
  })

  it('compares offsets as instants, not as strings', () => {
    const [step] = mapSteps([
      apiStep(7, 'Cross midnight', {
        started_at: '2026-11-30T23:59:59.000-08:00',
        completed_at: '2026-12-01T08:00:01.000Z'
      })
    ])
    expect(step!.durationInMillis).toBe(2000)
    expect(step!.startTime).toBe('2026-12-01T07:59:59.000Z')
  })
})

describe('steps that have not run are left out', () => {
  it('leaves out pending post steps of earlier actions and says to move the step first', () => {
    const job = sampleJob()
    job.steps = [
      ...job.steps!,
      pendingPostStep(11, 'actions/setup-node@v4'),
      pendingPostStep(12, 'actions/cache@v4')
    ]
    const { payload, notices } = jobReport(job)
    expect(payload.job_run.stages[0]!.steps.map((step) => step.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '9'
    ])
    expect(notices).toEqual([
      '2 step(s) run after this report and are left out (Post Run actions/setup-node@v4, Post Run actions/cache@v4): move the sei-cicd-action step to the top of the job so its post step runs last.'
    ])
  })

  it('leaves out our own in-progress post step without a notice', () => {
    const job = { ...sampleJob(), steps: [apiStep(1, 'Set up job'), ourPostStep(2)] }
    const { payload, notices } = jobReport(job)
    expect(payload.job_run.stages[0]!.steps.map((step) => step.displayName)).toEqual(['Set up job'])
    expect(notices).toEqual([])
  })

  it('counts a queued post step as pending too', () => {
    const job = {
      ...sampleJob(),
      steps: [
        apiStep(1, 'Set up job'),
        ourPostStep(2),
        { ...pendingPostStep(3, 'docker/login-action@v3'), status: 'queued' }
      ]
    }
    expect(jobReport(job).notices).toEqual([
      '1 step(s) run after this report and are left out (Post Run docker/login-action@v3): move the sei-cicd-action step to the top of the job so its post step runs last.'
    ])
  })
})

describe('step ids are unique and names fit SEI columns', () => {
  it('gives steps that share a number distinct ids', () => {
    const steps = mapSteps([apiStep(3, 'Run a'), apiStep(3, 'Run b'), apiStep(3, 'Run c')])
    const ids = steps.map((step) => step.id)
    expect(ids[0]).toBe('3')
    expect(new Set(ids).size).toBe(3)
    expect(ids.every((id) => id !== '')).toBe(true)
  })

  it('names an unnamed or blank step by its number', () => {
    const steps = mapSteps([apiStep(4, ''), apiStep(5, '  \n\t ')])
    expect(steps.map((step) => [step.displayName, step.displayDescription])).toEqual([
      ['Step 4', 'Step 4'],
      ['Step 5', 'Step 5']
    ])
  })

  it('cuts a very long name to 200 characters ending in an ellipsis', () => {
    const [step] = mapSteps([apiStep(4, `Run ${'x'.repeat(996)}`)])
    expect(step!.displayDescription).toHaveLength(200)
    expect(step!.displayDescription).toBe(`Run ${'x'.repeat(195)}…`)
  })

  it('does not cut a character in half', () => {
    const [step] = mapSteps([apiStep(4, `${'x'.repeat(198)}🚀🚀🚀`)])
    expect(step!.displayDescription).toBe(`${'x'.repeat(198)}…`)
  })

  it('removes control characters and folds whitespace', () => {
    const [step] = mapSteps([apiStep(4, 'Run make\ttest\r\n  --verbose\u0007\u009b')])
    expect(step!.displayName).toBe('Run make test --verbose')
    expect(step!.displayDescription).toBe('Run make test --verbose')
  })

  it('names an unnamed job by its id', () => {
    const job = { ...sampleJob(), name: '' }
    expect(jobReport(job).payload.job_run.stages[0]!.displayDescription).toBe('Job 29679449011')
  })
})
