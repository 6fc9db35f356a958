import { capBars, mermaidLabel, renderTimeline, type Bar } from '../../src/report/timeline.js'
import { renderSummary } from '../../src/report/summary.js'
import type { SeiPayload } from '../../src/sei/schema.js'
import { checkGantt, mermaidBlocks } from '../support/mermaid-gantt.js'
import { largeRunPayload, sampleJobPayload, sampleWorkflowPayload } from '../support/sample-runs.js'

const URL_ = 'https://app.harness.io/gratis/sei/api/v1/custom-cicd'

describe('bar labels', () => {
  it.each([
    ['build (ubuntu-latest, 20)', 'build (ubuntu-latest, 20)'],
    ['caller / callee', 'caller / callee'],
    ['deploy: prod #1; then notify', 'deploy prod 1 then notify'],
    ['```js\n%%{init: {}}%%', 'js init'],
    ['<img src=x onerror=alert(1)>', 'img src=x onerror=alert(1)'],
    ['title of the release', '(title of the release)'],
    ['Section 2 tests', '(Section 2 tests)'],
    ['Prüfung für Größe', 'Prüfung für Größe']
  ])('%j becomes %j', (name, label) => {
    expect(mermaidLabel(name, 'Step 1')).toBe(label)
  })

  it('falls back when nothing is left, and cuts long names to 60 characters', () => {
    expect(mermaidLabel(':::', 'Step 3')).toBe('Step 3')
    expect(mermaidLabel('x'.repeat(80), 'Step 1')).toBe('x'.repeat(59) + '…')
  })
})

describe('the timeline of a job', () => {
  it('draws each step that ran, at its real times, without skipped or pending steps', () => {
    expect(renderTimeline(sampleJobPayload())).toEqual({
      drawn: 5,
      left: 0,
      block: [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  todayMarker off',
        '  section build (ubuntu-latest, 20)',
        '  Set up job : done, b1, 1796031723000, 1796031725000',
        '  Run sei-cicd-action/sei-cicd-action@v1 : done, b2, 1796031725000, 1796031725000',
        '  Run actions/checkout@v5 : done, b3, 1796031725000, 1796031727000',
        '  Run make test : done, b4, 1796031727000, 1796031831000',
        '  Post Run actions/checkout@v5 : done, b5, 1796031831000, 1796031832000',
        '```'
      ].join('\n')
    })
  })

  it('has no chart when no step ran', () => {
    const payload = sampleJobPayload()
    for (const step of payload.job_run.stages[0]!.steps) step.result = 'NOT_BUILT'
    expect(renderTimeline(payload)).toEqual({ drawn: 0, left: 0 })
    expect(renderSummary(payload, { status: 'dry-run', url: URL_ })).not.toContain('```mermaid')
  })
})

describe('the timeline of a run', () => {
  it('draws jobs, failures in red (crit), in one section named after the workflow', () => {
    const { tasks, sections, problems } = checkGantt(
      mermaidBlocks(renderSummary(sampleWorkflowPayload(), { status: 'dry-run', url: URL_ }))[0]!
    )
    expect(problems).toEqual([])
    expect(sections).toEqual(['Jobs of CI'])
    expect(tasks.map((task) => [task.label, task.tags.join(' ')])).toEqual([
      ['lint', 'done'],
      ['build (ubuntu-latest, 20)', 'done'],
      ['build (ubuntu-latest, 22)', 'done'],
      ['build (windows-latest, 22)', 'crit'],
      ['e2e / browser tests', 'done']
    ])
    expect(tasks[3]).toMatchObject({ start: 1796031644000, end: 1796031851000 })
  })

  it('keeps 40 bars of a 300-job run: every failure, then the longest, in order of start', () => {
    const chart = renderTimeline(largeRunPayload(300))
    expect([chart.drawn, chart.left]).toEqual([40, 260])
    const { tasks, problems } = checkGantt(mermaidBlocks(chart.block! + '\n')[0]!)
    expect(problems).toEqual([])
    expect(tasks.filter((task) => task.tags.includes('crit')).map((task) => task.label)).toEqual([
      'shard 60 of 300',
      'shard 120 of 300',
      'shard 180 of 300',
      'shard 240 of 300',
      'shard 300 of 300'
    ])
    const starts = tasks.map((task) => task.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    const shortestKept = Math.min(
      ...tasks.filter((t) => t.tags.includes('done')).map((t) => t.end - t.start)
    )
    expect(shortestKept).toBe(206_000)
  })

  it('caps bars by failures first, then length, ties by position', () => {
    const bar = (label: string, result: Bar['result'], start: number, end: number): Bar => ({
      label,
      result,
      start,
      end
    })
    const bars = [
      bar('a', 'SUCCESS', 0, 10),
      bar('b', 'SUCCESS', 5, 50),
      bar('c', 'FAILURE', 6, 7),
      bar('d', 'SUCCESS', 8, 30),
      bar('e', 'SUCCESS', 9, 30)
    ]
    expect(capBars(bars, 3).map((b) => b.label)).toEqual(['b', 'c', 'd'])
  })
})

describe('hostile names', () => {
  const names = [
    'deploy: prod',
    'a;b',
    '#35; entity',
    '```\n## injected',
    '%% comment',
    'section evil',
    'dateFormat YYYY',
    'click b1 call alert()',
    '  ',
    '<script>alert(1)</script>',
    'x'.repeat(300)
  ]

  function hostile(): SeiPayload {
    const payload = sampleWorkflowPayload()
    payload.pipeline = 'CI: nightly; #1 %%'
    payload.job_run.stages.forEach((stage, i) => (stage.displayName = names[i]!))
    payload.job_run.stages.push(
      ...names.slice(payload.job_run.stages.length).map((name, i) => ({
        ...payload.job_run.stages[0]!,
        id: `extra-${i}`,
        displayName: name
      }))
    )
    return payload
  }

  // The sixth stage ("section evil") is the skipped deploy job: not drawn.
  it('never break the chart or leave the code block', () => {
    const summary = renderSummary(hostile(), { status: 'dry-run', url: URL_ })
    const blocks = mermaidBlocks(summary)
    expect(blocks).toHaveLength(1)
    const { problems, tasks, sections } = checkGantt(blocks[0]!)
    expect(problems).toEqual([])
    expect(sections).toEqual(['Jobs of CI nightly 1'])
    expect(tasks.map((task) => task.label)).toEqual([
      'deploy prod',
      'a b',
      '35 entity',
      'injected',
      'comment',
      '(dateFormat YYYY)',
      '(click b1 call alert())',
      'Job 8',
      'script alert(1) /script',
      'x'.repeat(59) + '…'
    ])
    expect(summary.split('\n').filter((line) => line.startsWith('```'))).toHaveLength(2)
  })
})
