// The job summary: the SEI fields DORA relies on, a timeline, how each stage and
// step ended, and where the report went.
import type { ChangeFailure, RevertedCommit } from '../mapping/change-failure.js'
import type { Shipped } from '../mapping/shipped.js'
import type { SeiPayload, SeiResult } from '../sei/schema.js'
import { dryRunPayloadBlock } from './kept-payload.js'
import { escapeMarkdown, formatDuration, table } from './markdown.js'
import { REBUILD_KEY_NOTE, RESEND_KEY_NOTE } from './resend.js'
import { renderTimeline } from './timeline.js'

export interface SummaryOutcome {
  /** "delivered", "dry-run" or "failed". */
  status: 'delivered' | 'dry-run' | 'failed'
  /** Where it was, or would have been, posted. */
  url: string
  /** The one-line reason, when delivery failed. */
  error?: string
  /** The file the undelivered payload was kept in, and the command that re-sends it. */
  kept?: { file: string; resend: string }
  /** The command that rebuilds the report from the GitHub API and sends it, from anywhere. */
  rebuild?: string
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

/** A code span; its content needs no escaping, only no backtick. */
const code = (text: string) => `\`${text.replace(/[`\r\n]/g, "'")}\``

function fields(payload: SeiPayload): string {
  const commits = payload.scm_commit_ids.length
  return table(
    ['SEI field', 'Value'],
    [
      [code('result'), `${ICONS[payload.result]} ${payload.result}`],
      [code('cd'), payload.cd ? 'true (a deployment)' : 'false (a CI run)'],
      ...environmentRows(payload),
      [code('scm_commit_ids'), `${commits} commit${commits === 1 ? '' : 's'}`],
      [code('build_number'), String(payload.build_number)],
      [code('execution_id'), code(payload.execution_id)],
      [code('duration'), formatDuration(payload.duration)]
    ]
  )
}

function environmentRows(payload: SeiPayload): string[][] {
  const named = payload.job_run_params.some((p) => p.name === 'environment')
  return named ? [[code('job_run_params'), environmentText(payload)]] : []
}

/** A URL as a markdown link target: what could end the link is percent-encoded. */
const linkTarget = (url: string) =>
  url.replace(
    /[()[\]<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )

const short = (sha: string) => code(sha.slice(0, 7))

/**
 * One line per environment: how many commits it got since which earlier deployment,
 * or, for a deployment that did not succeed, that it lists none.
 */
export function shippedLines(shipped: readonly Shipped[], result: SeiResult = 'SUCCESS'): string[] {
  return shipped.map((s) => {
    const where = `**${escapeMarkdown(s.environment)}**`
    if (result !== 'SUCCESS') {
      return `${where}: the deployment ended ${result}, so it lists no commits (SEI ends a commit's lead time at the first deployment that lists it).`
    }
    if (!s.previous) {
      return `${where}: no earlier successful deployment found, so only the deployed commit ${short(s.head)} is listed.`
    }
    const previous = s.previous.url
      ? `[${s.previous.sha.slice(0, 7)}](${linkTarget(s.previous.url)})`
      : short(s.previous.sha)
    if (s.count === 0)
      return `${where}: redeploy of ${short(s.head)}, already deployed by ${previous}; no new commits.`
    return `${where}: ${s.count} commit${s.count === 1 ? '' : 's'} shipped since the previous successful deployment, ${previous}.`
  })
}

function resultCell(result: SeiResult): string {
  return `${ICONS[result]} ${result}`
}

function stageRows(payload: SeiPayload): { rows: string[][]; omitted: number } {
  const stages = payload.job_run.stages
  if (stages.length === 1) {
    const rows = stages[0]!.steps.map((step) => [
      escapeMarkdown(step.displayName),
      resultCell(step.result),
      formatDuration(step.durationInMillis)
    ])
    return { rows, omitted: 0 }
  }
  const shown =
    stages.length <= MAX_STAGE_ROWS
      ? stages
      : stages.filter((stage) => stage.result !== 'SUCCESS').slice(0, MAX_STAGE_ROWS)
  const rows = shown.map((stage) => [
    escapeMarkdown(stage.displayName),
    resultCell(stage.result),
    formatDuration(stage.durationInMillis),
    String(stage.steps.length)
  ])
  return { rows, omitted: stages.length - shown.length }
}

function stageTable(payload: SeiPayload): string[] {
  const stages = payload.job_run.stages
  const { rows, omitted } = stageRows(payload)
  const parts: string[] = []
  if (rows.length > 0) {
    const header =
      stages.length === 1 ? ['Step', 'Result', 'Duration'] : ['Job', 'Result', 'Duration', 'Steps']
    parts.push(table(header, rows))
  }
  if (omitted > 0) {
    parts.push(
      `_${omitted} of ${stages.length} jobs are not listed: a run of more than ${MAX_STAGE_ROWS} jobs lists only those that did not succeed (at most ${MAX_STAGE_ROWS})._`
    )
  }
  return parts
}

function timeline(payload: SeiPayload): string[] {
  const chart = renderTimeline(payload)
  if (!chart.block) return []
  const what = payload.job_run.stages.length === 1 ? 'steps' : 'jobs'
  const left =
    chart.left > 0
      ? [
          `_The timeline shows ${chart.drawn} of ${chart.drawn + chart.left} ${what}: every one that did not succeed, then the longest._`
        ]
      : []
  return [chart.block, ...left]
}

/** What a report is about beyond its payload: what it shipped, what it remediated. */
export interface SummaryAbout {
  shipped?: readonly Shipped[]
  changeFailures?: readonly ChangeFailure[]
  /** A whole run's deploying jobs, each reported on its own. */
  deployJobs?: readonly (SummaryAbout & { payload: SeiPayload })[]
}

const link = (sha: string, url?: string) =>
  url ? `[${sha.slice(0, 7)}](${linkTarget(url)})` : short(sha)

/** Who shipped a reverted commit: the run that did, or, not found, the previous deployment or earlier. */
function shippedBy(reverted: RevertedCommit, where: string, previous: string): string {
  const by = reverted.shippedBy
  if (!by) return `, which ${where} already ran (shipped by ${previous} or earlier)`
  const name = by.run
    ? by.url
      ? `[${escapeMarkdown(by.run)}](${linkTarget(by.url)})`
      : escapeMarkdown(by.run)
    : link(by.sha, by.url)
  return ` shipped to **${where}** by ${name}`
}

/** One line per change failure the report is marked with, in words. */
export function changeFailureLines(failures: readonly ChangeFailure[]): string[] {
  return failures.map((failure) => {
    const where = escapeMarkdown(failure.environment)
    const marker = `(${code('change_failure')} = ${code(`${failure.environment}:${failure.kind}`)})`
    const before = failure.previous ? link(failure.previous.sha, failure.previous.url) : ''
    switch (failure.kind) {
      case 'failed':
        return `Failed deployment to **${where}**: a change failure ${marker}.`
      case 'rollback':
        return failure.neverShipped
          ? `Rollback of **${where}** from ${before} to ${short(failure.head)}, a commit older than ${where}'s first deployment: a change failure ${marker}.`
          : `Rollback of **${where}** to ${short(failure.head)}, which ${where} ran before ${before}: a change failure ${marker}.`
      case 'revert':
        return (failure.reverted ?? [])
          .map(
            (r) =>
              `Reverts ${short(r.sha)}${shippedBy(r, where, before)}, with ${short(r.by)} ${code(r.title.slice(0, 80))}: a change failure ${marker}.`
          )
          .join('\n\n')
      case 'hotfix':
        return `Hotfix to **${where}** from branch ${code(failure.branch ?? '')}: a change failure ${marker}.`
    }
  })
}

/** What each deploying job of a whole run was reported as, and what it shipped. */
function deployJobLines(deployJobs: SummaryAbout['deployJobs'] = []): string[] {
  return deployJobs.flatMap(({ payload, shipped = [], changeFailures = [] }) => [
    `Deploying job ${code(payload.job_run.stages[0]?.displayName ?? payload.job_full_name)} is reported on its own, as its own step reports it: ${code(payload.job_full_name)} #${payload.build_number}, ${resultCell(payload.result)}, ${environmentText(payload)}.`,
    ...shippedLines(shipped, payload.result),
    ...changeFailureLines(changeFailures)
  ])
}

function environmentText(payload: SeiPayload): string {
  const names = payload.job_run_params.filter((p) => p.name === 'environment').map((p) => p.value)
  return `environment = ${names.map(code).join(', ')}`
}

export function renderSummary(
  payload: SeiPayload,
  outcome: SummaryOutcome,
  about: SummaryAbout = {}
): string {
  const parts = [
    headline(payload, outcome),
    fields(payload),
    ...(payload.cd ? shippedLines(about.shipped ?? [], payload.result) : []),
    ...changeFailureLines(about.changeFailures ?? []),
    ...deployJobLines(about.deployJobs)
  ]
  parts.push(...timeline(payload))
  parts.push(...stageTable(payload))
  parts.push(
    {
      'dry-run': `Would be posted to ${outcome.url} (dry run: nothing was sent).`,
      delivered: `Posted to ${outcome.url}.`,
      failed: `Not delivered to ${outcome.url}.`
    }[outcome.status]
  )
  if (outcome.error) parts.push(`**Not delivered:** ${escapeMarkdown(outcome.error)}`)
  if (outcome.rebuild)
    parts.push(
      `Once GitHub shows it finished, re-send the report from any machine with ${code(outcome.rebuild)} (${REBUILD_KEY_NOTE}).`
    )
  if (outcome.kept)
    parts.push(
      `On a self-hosted runner, the payload kept in ${code(outcome.kept.file)} can be sent instead: ${code(outcome.kept.resend)} (${RESEND_KEY_NOTE}).`
    )
  if (outcome.status === 'dry-run') parts.push(dryRunPayloadBlock(JSON.stringify(payload, null, 2)))
  return parts.join('\n\n').trimEnd() + '\n'
}
