import { readFileSync, writeFileSync } from 'node:fs'
import { checkGantt, mermaidBlocks } from '../support/mermaid-gantt.js'
import { EXAMPLE_PATH, renderExampleDoc } from '../support/summary-example.js'

describe('docs/summary-example.md', () => {
  const rendered = renderExampleDoc()
  if (process.env.SEI_WRITE_EXAMPLES === '1') writeFileSync(EXAMPLE_PATH, rendered)
  const committed = readFileSync(EXAMPLE_PATH, 'utf8')

  it('is what the summary renders today (regenerate: SEI_WRITE_EXAMPLES=1)', () => {
    expect(committed).toBe(rendered)
  })

  it('holds three well-formed gantt charts of 5, 5 and 40 bars', () => {
    const charts = mermaidBlocks(committed).map(checkGantt)
    expect(charts.map((chart) => chart.problems)).toEqual([[], [], []])
    expect(charts.map((chart) => chart.tasks.length)).toEqual([5, 5, 40])
  })

  it('says what the 300-job run leaves out', () => {
    expect(committed).toContain(
      '_The timeline shows 40 of 300 jobs: every one that did not succeed, then the longest._'
    )
    expect(committed).toContain(
      '_295 of 300 jobs are not listed: a run of more than 50 jobs lists only those that did not succeed (at most 50)._'
    )
  })
})
