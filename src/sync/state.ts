// The checkpoint a sync keeps in --state FILE between invocations: per repository,
// where the next listing starts and which run attempts after that point are already
// reported; the ETags of a listing that may repeat; the organisation's repository
// pages. Saved atomically (a temporary file renamed over the old one).
//
// The file is untrusted input: in a workflow it comes from the Actions cache, which
// other workflows of the repository can write. It is read with a schema and bounds, no
// time in it may lie in the future, and every repository it names must be one this
// sync may read (of the organisation, or in the --repo list), so that a planted file
// can neither silence a sync nor send its token's requests elsewhere.
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { dirname } from 'node:path'
import * as z from 'zod'
import { ExplainedError, fileProblem } from '../errors.js'
import { isRepoName } from '../github/paths.js'

/** Clocks differ: a time this far ahead of ours is still taken as now. */
export const CLOCK_SKEW_MS = 5 * 60_000
/** Larger than any checkpoint a sync writes (about 100 bytes per attempt of the window). */
const MAX_FILE_BYTES = 256 * 1024 * 1024

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const time = z
  .string()
  .regex(ISO_TIME, 'not an ISO time in UTC')
  .refine((text) => !Number.isNaN(Date.parse(text)), 'not a date')
const etag = z
  .string()
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'not an ETag')

const repoSchema = z.object({
  /** Created time (ISO) the next listing starts at: never past an unfinished run. */
  since: time,
  /** Where the repository was first read from: re-reads never go before it. */
  start: time.optional(),
  /** Where the listing that gave `etags` started. */
  from: time.optional(),
  /** The ETags of the pages of the last listing from `from`, when nothing failed. */
  etags: z.array(etag).max(10).optional(),
  /** Reported attempts ("run id/attempt") the next listing may show again, with their created time. */
  done: z.record(z.string().regex(/^\d{1,20}\/\d{1,4}$/, 'not RUN/ATTEMPT'), time)
})

const repoRef = z.object({
  owner: z.string().max(100),
  name: z.string().max(200),
  archived: z.boolean()
})

const stateSchema = z.object({
  version: z.literal(1),
  scope: z.enum(['workflow', 'job']),
  instanceGuid: z.string().max(100),
  repos: z.record(z.string().max(300), repoSchema),
  orgs: z.record(
    z.string().max(100),
    z.array(z.object({ etag, repos: z.array(repoRef).max(100) })).max(10_000)
  )
})

export type RepoCheckpoint = z.infer<typeof repoSchema>
export type SyncState = z.infer<typeof stateSchema>

export class StateFileError extends ExplainedError {
  override name = 'StateFileError'
}

export function emptyState(scope: SyncState['scope'], instanceGuid: string): SyncState {
  return { version: 1, scope, instanceGuid, repos: {}, orgs: {} }
}

/** What the checkpoint must agree with. */
export interface StateExpectation {
  scope: SyncState['scope']
  instanceGuid: string
  now: number
  /** The organisation synced, or the repositories given (OWNER/NAME). */
  source: { org: string } | { repos: string[] }
}

/** How a failed write of the checkpoint reads: ENOENT there is a missing directory. */
const WRITING = { ENOENT: 'a directory on its path does not exist' }

/** The checkpoint in `file`, checked against `expect`; undefined when there is none yet. */
export function loadState(file: string, expect: StateExpectation): SyncState | undefined {
  const bad = (what: string) =>
    new StateFileError(
      `--state ${file} ${what}: delete it to start again from --since, or give --state another file.`
    )
  let text: string
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw bad('is larger than any checkpoint')
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    if (cause instanceof StateFileError) throw cause
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(`--state ${file} cannot be read (${fileProblem(cause)}).`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw bad('is not JSON')
  }
  const parsed = stateSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const at = issue.path.join('.') || 'the top'
    throw bad(`is not a sync checkpoint (at ${at}: ${issue.message})`)
  }
  const state = parsed.data
  if (state.scope !== expect.scope || state.instanceGuid !== expect.instanceGuid) {
    throw new StateFileError(
      `--state ${file} is the checkpoint of a --scope ${state.scope} sync to instance ${state.instanceGuid}: give each scope and instance its own --state file.`
    )
  }
  const problem = foreignRepo(state, expect.source) ?? futureTime(state, expect.now)
  if (problem) throw bad(problem)
  return state
}

function belongs(fullName: string, source: StateExpectation['source']): boolean {
  const lower = fullName.toLowerCase()
  if ('org' in source) return lower.startsWith(`${source.org.toLowerCase()}/`)
  return source.repos.some((repo) => repo.toLowerCase() === lower)
}

/** The first repository the checkpoint names that this sync may not read, as a problem. */
function foreignRepo(state: SyncState, source: StateExpectation['source']): string | undefined {
  const whose = 'org' in source ? `a repository of ${source.org}` : 'in the --repo list'
  const names = [
    ...Object.keys(state.repos),
    ...Object.values(state.orgs).flatMap((pages) =>
      pages.flatMap((page) => page.repos.map((repo) => `${repo.owner}/${repo.name}`))
    )
  ]
  for (const name of names) {
    const [owner = '', repo = '', extra] = name.split('/')
    if (extra !== undefined || !isRepoName(owner, repo)) {
      return `names ${JSON.stringify(name.slice(0, 120))}, which is not OWNER/NAME as GitHub allows it`
    }
    if (!belongs(name, source)) return `names ${name}, which is not ${whose}`
  }
  const orgs = Object.keys(state.orgs)
  const stranger = orgs.find((org) => !('org' in source) || org !== source.org)
  if (stranger !== undefined) {
    return `holds the repository listing of ${JSON.stringify(stranger.slice(0, 120))}, which is not ${'org' in source ? source.org : 'synced'}`
  }
  return undefined
}

/** A time later than now (beyond the skew), as a problem: it would hide every run after it. */
function futureTime(state: SyncState, now: number): string | undefined {
  const latest = now + CLOCK_SKEW_MS
  for (const [name, checkpoint] of Object.entries(state.repos)) {
    const times = [
      checkpoint.since,
      checkpoint.start ?? checkpoint.since,
      checkpoint.from ?? checkpoint.since,
      ...Object.values(checkpoint.done)
    ]
    const future = times.find((text) => Date.parse(text) > latest)
    if (future) return `says ${name} was read up to ${future}, a time still to come`
  }
  return undefined
}

/**
 * Makes sure `file` can be written before the first request: its directory is created
 * if missing, and a temporary file is written beside it and removed.
 */
export function prepareStateFile(file: string): void {
  const probe = `${file}.${process.pid}.probe`
  try {
    mkdirSync(dirname(file), { recursive: true })
    closeSync(openSync(probe, 'wx', 0o600))
    unlinkSync(probe)
    const existing = statSync(file, { throwIfNoEntry: false })
    if (existing && !existing.isFile()) throw Object.assign(new Error(), { code: 'EISDIR' })
  } catch (cause) {
    throw new StateFileError(
      `--state ${file} cannot be written (${fileProblem(cause, WRITING)}): give a file in a directory you can write.`
    )
  }
}

export function saveState(file: string, state: SyncState): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, JSON.stringify(state) + '\n', { mode: 0o600 })
    renameSync(temporary, file)
  } catch (cause) {
    throw new StateFileError(`--state ${file} cannot be written (${fileProblem(cause, WRITING)}).`)
  }
}

/** Keeps the attempts created at or after `from`: the next listing starts no earlier. */
export function keepFrom(done: Record<string, string>, from: string): Record<string, string> {
  const start = Date.parse(from)
  const kept: Record<string, string> = {}
  for (const [key, created] of Object.entries(done)) {
    if (Date.parse(created) >= start) kept[key] = created
  }
  return kept
}
