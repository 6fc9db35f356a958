// The job summary: what was reported, how each stage and step ended, where it went.
import type { SeiPayload, SeiResult } from '../sei/schema.js'
import { escapeMarkdown, formatDuration, table } from './markdown.js'

export interface SummaryOutcome {
  /** "delivered", "dry-run" or "failed". */
  status: 'delivered' | 'dry-run' | 'failed'
  /** Where it was, or would have been, posted. */
  url: string
  /** The one-line reason, when delivery failed. */
  error?: string
  /** The file the undelivered payload was kept in. */
  keptFile?: string
}

const ICONS: Readonly<Record<SeiResult, string>> = {
  SUCCESS: '✅',
  FAILURE: '❌',
  ABORTED: '⛔',
  UNSTABLE: '⚠️',
  NOT_BUILT: '⏭️'
}

/** Stages listed in full; past this, only stages that did not succeed are listed. */
export const MAX_STAGE_ROWS = 50

function headline(payload: SeiPayload, outcome: SummaryOutcome): string {
  const what = escapeMarkdown(payload.job_full_name)
  if (outcome.status === 'delivered') return `### SEI report sent: ${what}`
  if (outcome.status === 'dry-run') return `### SEI report (dry run, not sent): ${what}`
  return `### SEI report NOT delivered: ${what}`
}

function fields(payload: SeiPayload): string {
  return table(
    ['Result', 'CI/CD', 'Commits', 'Build number', 'Execution id', 'Duration'],
    [
      [
        `${ICONS[payload.result]} ${payload.result}`,
        payload.cd ? 'CD' : 'CI',
        String(payload.scm_commit_ids.length),
        String(payload.build_number),
        `\`${escapeMarkdown(payload.execution_id)}\``,
        formatDuration(payload.duration)
      ]
    ]
  )
}

function stageRows(payload: SeiPayload): { rows: string[][]; omitted: number } {
  const stages = payload.job_run.stages
  const single = stages.length === 1
  const shown =
    stages.length <= MAX_STAGE_ROWS
      ? stages
      : stages.filter((stage) => stage.result !== 'SUCCESS').slice(0, MAX_STAGE_ROWS)
  const rows: string[][] = []
  for (const stage of shown) {
    if (!single) {
      rows.push([
        `**${escapeMarkdown(stage.displayName)}**`,
        `${ICONS[stage.result]} ${stage.result}`,
        formatDuration(stage.durationInMillis)
      ])
    }
    for (const step of single ? stage.steps : []) {
      rows.push([
        escapeMarkdown(step.displayName),
        `${ICONS[step.result]} ${step.result}`,
        formatDuration(step.durationInMillis)
      ])
    }
  }
  return { rows, omitted: stages.length - shown.length }
}

export function renderSummary(payload: SeiPayload, outcome: SummaryOutcome): string {
  const parts = [headline(payload, outcome), fields(payload)]
  const { rows, omitted } = stageRows(payload)
  const single = payload.job_run.stages.length === 1
  if (rows.length > 0) parts.push(table([single ? 'Step' : 'Job', 'Result', 'Duration'], rows))
  if (omitted > 0) parts.push(`_${omitted} successful job(s) not listed._`)
  const where =
    outcome.status === 'dry-run' ? `Would be posted to ${outcome.url}` : `Posted to ${outcome.url}`
  parts.push(where)
  if (outcome.error) parts.push(`**Not delivered:** ${escapeMarkdown(outcome.error)}`)
  if (outcome.keptFile)
    parts.push(
      `The payload was kept in \`${escapeMarkdown(outcome.keptFile)}\`; re-send it with \`npx sei-cicd-action send FILE\`.`
    )
  return parts.join('\n\n') + '\n'
}
