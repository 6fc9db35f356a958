// What a sync shows while it works: on a terminal one live line (repositories done of
// total, runs reported, requests left, time to the reset), elsewhere one plain line
// per repository; at the end a table.
import type { RateStatus } from './rate-gate.js'
import { waitText } from './rate-gate.js'
import type { RepoOutcome } from './repo.js'

export interface ProgressOptions {
  /** Writes a whole line (a newline is added). */
  line(text: string): void
  /** Rewrites the live line of a terminal; absent elsewhere. */
  live?: (text: string) => void
  rate: RateStatus
  now(): number
  /** What a report is called: "reported", or "would report" on a dry run. */
  reported: string
}

export class Progress {
  total = 0
  private done = 0
  private reported = 0
  private lastDrawn = 0

  constructor(private readonly options: ProgressOptions) {}

  /** A line that must stay in the log (a wait, a failure). */
  note(text: string): void {
    this.options.live?.('')
    this.options.line(text)
    this.draw(true)
  }

  runReported(): void {
    this.reported++
    this.draw(false)
  }

  repoDone(outcome: RepoOutcome): void {
    this.done++
    for (const problem of outcome.problems) this.note(problem)
    if (this.options.live) {
      this.draw(true)
      return
    }
    const what = outcome.unchanged
      ? 'nothing new (listing unchanged)'
      : `${outcome.reported} ${this.options.reported}, ${outcome.inProgress} in progress, ${outcome.failed} failed`
    this.options.line(`${outcome.repo}: ${what} [${this.done}/${this.total}; ${this.rateText()}]`)
  }

  /** The live line goes away before the table. */
  finish(): void {
    this.options.live?.('')
  }

  private rateText(): string {
    const { remaining, resetAt } = this.options.rate
    if (remaining === undefined) return 'GitHub requests left: unknown'
    const reset =
      resetAt === undefined ? '' : `, reset in ${waitText(resetAt - this.options.now())}`
    return `${remaining} GitHub requests left${reset}`
  }

  private draw(force: boolean): void {
    const live = this.options.live
    if (!live) return
    const now = this.options.now()
    if (!force && now - this.lastDrawn < 200) return
    this.lastDrawn = now
    live(
      `repositories ${this.done}/${this.total} · runs ${this.options.reported} ${this.reported} · ${this.rateText()}`
    )
  }
}

/** The final table: one row per repository with something to say, then the totals. */
export function outcomeTable(outcomes: RepoOutcome[], reported = 'reported'): string {
  const rows = outcomes
    .filter((o) => o.reported + o.inProgress + o.failed > 0)
    .map((o) => [o.repo, String(o.reported), String(o.inProgress), String(o.failed)])
  const sum = (pick: (o: RepoOutcome) => number) =>
    String(outcomes.reduce((total, o) => total + pick(o), 0))
  const quiet = outcomes.length - rows.length
  const total = [
    `total (${outcomes.length} repositories${quiet ? `, ${quiet} with nothing new` : ''})`,
    sum((o) => o.reported),
    sum((o) => o.inProgress),
    sum((o) => o.failed)
  ]
  const table = [['repository', reported, 'in progress', 'failed'], ...rows, total]
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)))
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [format(table[0]!), rule, ...rows.map(format), rule, format(total)].join('\n')
}
