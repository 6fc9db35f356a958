// The commands that re-send an undelivered report, exactly as they work when pasted into a
// shell: first the one that rebuilds it from the GitHub API, which works anywhere once the
// job has ended; then the one that posts the file a self-hosted runner keeps.
import { DEFAULT_API_URL, DEFAULT_HOTFIX_BRANCHES, DEFAULT_INSTANCE_NAME } from '../defaults.js'
import { CLI, DEFAULT_KEY_ENV } from '../invocation.js'

/** A word the shell reads back unchanged: bare when it can be, else single-quoted. */
export function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f]/.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`
  // A line break (a multi-line input) kept on one line, as bash and zsh read $'…'.
  const escaped = text
    .replace(/[\\']/g, (c) => `\\${c}`)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  return `$'${escaped}'`
}

export function resendCommand(file: string, endpoint: string): string {
  return `${CLI} send ${shellWord(file)} --sei-endpoint ${shellWord(endpoint)}`
}

/** Where the re-send command reads the key, said after it. */
export const RESEND_KEY_NOTE = `with the API key in ${DEFAULT_KEY_ENV}`

/** Where the rebuild command reads the token and the key, said after it. */
export const REBUILD_KEY_NOTE = `with a GitHub token that can read the repository in GITHUB_TOKEN and the API key in ${DEFAULT_KEY_ENV}`

/**
 * The inputs, besides instance-guid, that shape a report: `preview` takes each as an
 * option of the same name, so that a rebuilt report is the one the step made.
 */
export const REBUILD_INPUTS = [
  'instance-name',
  'cd',
  'environment',
  'artifacts',
  'params',
  'project-name',
  'module-name',
  'themes',
  'hotfix-branches',
  'cfr-status'
] as const

/** Values that need no option: what preview assumes without one. */
const PREVIEW_DEFAULTS: Partial<Record<(typeof REBUILD_INPUTS)[number], string>> = {
  'instance-name': DEFAULT_INSTANCE_NAME,
  cd: 'auto',
  'hotfix-branches': DEFAULT_HOTFIX_BRANCHES
}

export interface RebuildSource {
  /** The payload's repo_url: the repository's web address. */
  repoUrl: string
  /** The payload's execution_id: RUN-ATTEMPT for a run, RUN-ATTEMPT-JOB for a job. */
  executionId: string
  instanceGuid: string
  /** The step's GITHUB_API_URL, named only when it is not github.com's. */
  apiUrl?: string
  /** The step's inputs among REBUILD_INPUTS that it was given. */
  inputs: Partial<Record<(typeof REBUILD_INPUTS)[number], string>>
  endpoint: string
}

/** The address `preview --run-id` reads: the job, or the run attempt, that was reported. */
export function reportedAddress(repoUrl: string, executionId: string): string | undefined {
  const match = /^(\d+)-(\d+)(?:-(\d+))?$/.exec(executionId)
  if (!match) return undefined
  const [, runId, attempt, jobId] = match
  // repo_url is the clone URL (…/owner/repo.git); the run's page is under the web address.
  const run = `${repoUrl.replace(/\/+$/, '').replace(/\.git$/, '')}/actions/runs/${runId}`
  if (jobId) return `${run}/job/${jobId}`
  return attempt === '1' ? run : `${run}/attempts/${attempt}`
}

/** `preview … | send -`: the report rebuilt from the GitHub API and posted; undefined if it cannot be named. */
export function rebuildCommand(source: RebuildSource): string | undefined {
  const address = reportedAddress(source.repoUrl, source.executionId)
  if (!address) return undefined
  const words = [`--run-id=${address}`, `--instance-guid=${source.instanceGuid}`]
  if (source.apiUrl && source.apiUrl.replace(/\/+$/, '') !== DEFAULT_API_URL)
    words.push(`--api-url=${source.apiUrl}`)
  for (const name of REBUILD_INPUTS) {
    const value = source.inputs[name]
    if (value && value !== PREVIEW_DEFAULTS[name]) words.push(`--${name}=${value}`)
  }
  return `${CLI} preview ${words.map(shellWord).join(' ')} | ${CLI} send - --sei-endpoint ${shellWord(source.endpoint)}`
}
