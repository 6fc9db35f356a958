// The checkpoint a sync keeps in --state FILE between invocations: per repository,
// where the next listing starts and which run attempts after that point are already
// reported; the ETag of a listing that may repeat; the organisation's repository
// pages. Saved atomically (a temporary file renamed over the old one).
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import * as z from 'zod'
import { ExplainedError } from '../errors.js'

const repoSchema = z.object({
  /** Created time (ISO) the next listing starts at: never past an unfinished run. */
  since: z.string(),
  /** ETag of the last listing from `since`, when it was one page with nothing due. */
  etag: z.string().optional(),
  /** Reported attempts ("run id/attempt") created at or after `since`, with that time. */
  done: z.record(z.string(), z.string())
})

const stateSchema = z.object({
  version: z.literal(1),
  scope: z.enum(['workflow', 'job']),
  instanceGuid: z.string(),
  repos: z.record(z.string(), repoSchema),
  orgs: z.record(
    z.string(),
    z.array(
      z.object({
        etag: z.string(),
        repos: z.array(z.object({ owner: z.string(), name: z.string(), archived: z.boolean() }))
      })
    )
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

/** The checkpoint in `file`, or a new one when the file does not exist yet. */
export function loadState(
  file: string,
  scope: SyncState['scope'],
  instanceGuid: string
): SyncState {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return emptyState(scope, instanceGuid)
    throw new StateFileError(`Cannot read the --state file ${file}: ${code ?? 'error'}.`)
  }
  let parsed: SyncState
  try {
    parsed = stateSchema.parse(JSON.parse(text))
  } catch {
    throw new StateFileError(
      `${file} is not a sync checkpoint: give --state another file, or delete this one to start again from --since.`
    )
  }
  if (parsed.scope !== scope || parsed.instanceGuid !== instanceGuid) {
    throw new StateFileError(
      `${file} is the checkpoint of a --scope ${parsed.scope} sync to instance ${parsed.instanceGuid}: give each scope and instance its own --state file.`
    )
  }
  return parsed
}

export function saveState(file: string, state: SyncState): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, JSON.stringify(state) + '\n')
    renameSync(temporary, file)
  } catch (cause) {
    throw new StateFileError(
      `Cannot write the --state file ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}.`
    )
  }
}

/** Drops what lies before the repository's new starting point. */
export function advance(checkpoint: RepoCheckpoint, since: string): RepoCheckpoint {
  const from = Date.parse(since)
  const done: Record<string, string> = {}
  for (const [key, created] of Object.entries(checkpoint.done)) {
    if (Date.parse(created) >= from) done[key] = created
  }
  return { since, done }
}
