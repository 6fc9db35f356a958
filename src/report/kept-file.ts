// The undelivered report on disk, where `sei-cicd-action send` can re-post it: under
// RUNNER_TEMP (the runner's per-job directory), else in a directory of its own that
// only this user can read. An earlier step of the job may have planted a symbolic link
// for the directory or the file: the directory is used only when it is a real one of
// this user that no one else can read, and the file is always new, never followed.
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileProblem } from '../errors.js'
import type { SeiPayload } from '../sei/schema.js'

const DIR_NAME = 'sei-cicd-action'
const SHOWN_DIR = `RUNNER_TEMP/${DIR_NAME}`

/** A new file only: no existing file, no symbolic link followed. */
const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW

class NotKept extends Error {}

/** The directory to keep reports in: made by this step, or checked to be as it would make it. */
function keptDir(env: NodeJS.ProcessEnv): string {
  if (!env.RUNNER_TEMP) return mkdtempSync(join(tmpdir(), `${DIR_NAME}-`))
  const dir = join(env.RUNNER_TEMP, DIR_NAME)
  try {
    mkdirSync(env.RUNNER_TEMP, { recursive: true, mode: 0o700 })
    mkdirSync(dir, { mode: 0o700 })
    return dir
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause
  }
  const found = lstatSync(dir)
  if (found.isSymbolicLink()) throw new NotKept(`${SHOWN_DIR} is a symbolic link`)
  if (!found.isDirectory()) throw new NotKept(`${SHOWN_DIR} is not a directory`)
  if (typeof process.getuid === 'function' && found.uid !== process.getuid()) {
    throw new NotKept(`${SHOWN_DIR} belongs to another user`)
  }
  if ((found.mode & 0o077) !== 0) {
    throw new NotKept(
      `${SHOWN_DIR} can be read by others (mode ${(found.mode & 0o777).toString(8)})`
    )
  }
  return dir
}

/** Opens a new file for `name` in `dir`; a name taken already gives way to a fresh one. */
function openNew(dir: string, name: string): { file: string; fd: number } {
  const file = join(dir, `${name}.json`)
  try {
    return { file, fd: openSync(file, NEW_FILE, 0o600) }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code !== 'EEXIST' && code !== 'ELOOP') throw cause
  }
  // Web Crypto's global loads the crypto module only on this rare path.
  const suffix = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(6))).toString('hex')
  const fresh = join(dir, `${name}-${suffix}.json`)
  return { file: fresh, fd: openSync(fresh, NEW_FILE, 0o600) }
}

export type Kept = { file: string } | { error: string }

/** Writes `payload` (its values masked already) as readable JSON, for its owner only. */
export function keepReport(payload: SeiPayload, env: NodeJS.ProcessEnv): Kept {
  let opened: { file: string; fd: number } | undefined
  try {
    opened = openNew(keptDir(env), `report-${payload.execution_id}`)
    writeSync(opened.fd, JSON.stringify(payload, null, 2) + '\n')
    return { file: opened.file }
  } catch (cause) {
    if (opened) rmSync(opened.file, { force: true })
    const why =
      cause instanceof NotKept ? cause.message : `it could not be written (${fileProblem(cause)})`
    return { error: `The report was not kept on disk: ${why}.` }
  } finally {
    if (opened) closeSync(opened.fd)
  }
}

/** Removes a kept report once it was delivered after all; a failure changes nothing. */
export function dropKept(file: string): void {
  rmSync(file, { force: true })
}
