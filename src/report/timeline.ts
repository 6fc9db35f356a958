// The timeline of a report as a Mermaid gantt chart, which GitHub draws in job
// summaries: the steps of a job, or the jobs of a run, as bars on a time axis.
import type { SeiPayload, SeiResult, SeiStep } from '../sei/schema.js'

/** Bars drawn at most; past this the longest bars and every failure are kept. */
export const MAX_BARS = 40
/** Longest bar label, in characters. */
export const MAX_LABEL = 60

const TAGS: Readonly<Record<SeiResult, string>> = {
  SUCCESS: 'done',
  FAILURE: 'crit',
  ABORTED: 'crit',
  UNSTABLE: 'active',
  NOT_BUILT: ''
}

// Words that open a statement of the gantt grammar when they start a line.
const KEYWORDS =
  /^(gantt|title|section|click|excludes|includes|dateformat|axisformat|tickinterval|todaymarker|weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|call|href)\b/i

/**
 * A label that cannot change the chart's meaning: only letters, digits, spaces and
 * punctuation without a role in the grammar (`:` ends a label, `;` a statement,
 * `#` starts an entity, `%%` a comment, a backtick fence the code block).
 */
export function mermaidLabel(text: string, fallback: string): string {
  let label = text
    .replace(/[^\p{L}\p{N} _.\-/()[\],@+=!?'*]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (label.length > MAX_LABEL) label = label.slice(0, MAX_LABEL - 1).trimEnd() + '…'
  if (label === '') return fallback
  return KEYWORDS.test(label) ? `(${label})` : label
}

export interface Bar {
  label: string
  result: SeiResult
  start: number
  end: number
}

/** Steps or stages that ran: a start time, and a result other than NOT_BUILT. */
export function barsOf(nodes: readonly SeiStep[]): Bar[] {
  const bars: Bar[] = []
  for (const node of nodes) {
    if (node.startTime === undefined || node.result === 'NOT_BUILT') continue
    const start = Date.parse(node.startTime)
    if (Number.isNaN(start)) continue
    bars.push({
      label: node.displayName,
      result: node.result,
      start,
      end: start + node.durationInMillis
    })
  }
  return bars
}

/** At most `max` bars: failures first, then the longest; drawn in order of start. */
export function capBars(bars: readonly Bar[], max: number = MAX_BARS): Bar[] {
  if (bars.length <= max) return [...bars]
  const rank = (bar: Bar) => (bar.result === 'SUCCESS' ? 1 : 0)
  const kept = [...bars]
    .map((bar, index) => ({ bar, index }))
    .sort(
      (a, b) =>
        rank(a.bar) - rank(b.bar) ||
        b.bar.end - b.bar.start - (a.bar.end - a.bar.start) ||
        a.index - b.index
    )
    .slice(0, max)
  return kept.sort((a, b) => a.bar.start - b.bar.start || a.index - b.index).map(({ bar }) => bar)
}

export interface Timeline {
  /** The fenced Mermaid block, or undefined when nothing ran. */
  block?: string
  drawn: number
  /** Bars that ran but were left out to keep the chart readable. */
  left: number
}

export function renderTimeline(payload: SeiPayload, max: number = MAX_BARS): Timeline {
  const stages = payload.job_run.stages
  const single = stages.length === 1
  const section = single
    ? mermaidLabel(stages[0]!.displayName, 'Steps')
    : `Jobs of ${mermaidLabel(payload.pipeline, 'the run')}`
  const all = single ? barsOf(stages[0]!.steps) : barsOf(stages)
  const bars = capBars(all, max)
  if (bars.length === 0) return { drawn: 0, left: 0 }
  const lines = [
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  todayMarker off',
    `  section ${section}`
  ]
  bars.forEach((bar, index) => {
    const tags = [TAGS[bar.result], `b${index + 1}`].filter((tag) => tag !== '')
    const label = mermaidLabel(bar.label, `${single ? 'Step' : 'Job'} ${index + 1}`)
    lines.push(`  ${label} : ${tags.join(', ')}, ${bar.start}, ${Math.max(bar.end, bar.start)}`)
  })
  lines.push('```')
  return { block: lines.join('\n'), drawn: bars.length, left: all.length - bars.length }
}
