// The job summary when no report was built (GitHub refused, an input is wrong, there
// is no key): what happened, what to change, where reports go and which run it was.
import { escapeMarkdown, table } from './markdown.js'

export interface EarlyOutcome {
  /** "not-made": something went wrong; "skipped": nothing was to be reported. */
  status: 'not-made' | 'skipped'
  /** The one-line reason, which says what to change. */
  message: string
  /** The instance-guid input as given. */
  instanceGuid: string
  /** The workflow run the report was for, when known. */
  runUrl?: string
}

const code = (text: string) => `\`${text.replace(/[`\r\n]/g, "'")}\``

/** The run's page, from the runner's variables; undefined outside a job. */
export function runUrlOf(env: NodeJS.ProcessEnv, runId?: number): string | undefined {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const repository = env.GITHUB_REPOSITORY
  const id = runId ?? env.GITHUB_RUN_ID
  if (!repository || !id) return undefined
  const attempt = runId === undefined ? Number(env.GITHUB_RUN_ATTEMPT || 1) : 1
  return `${server}/${repository}/actions/runs/${id}${attempt > 1 ? `/attempts/${attempt}` : ''}`
}

export function renderEarlySummary(outcome: EarlyOutcome): string {
  const headline =
    outcome.status === 'skipped' ? '### SEI report skipped' : '### SEI report NOT made'
  const rows = [
    ['Instance GUID', outcome.instanceGuid ? code(outcome.instanceGuid) : '(not set)'],
    ['Workflow run', outcome.runUrl ? `[${outcome.runUrl}](${outcome.runUrl})` : '(unknown)']
  ]
  return (
    [headline, escapeMarkdown(outcome.message), table(['Reporting to', ''], rows)].join('\n\n') +
    '\n'
  )
}
