// The undelivered report on disk, where `sei-cicd-action send` can re-post it: under
// RUNNER_TEMP (the runner's per-job directory), else in a directory of its own that
// only this user can read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SeiPayload } from '../sei/schema.js'

const DIR_NAME = 'sei-cicd-action'

function keptDir(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_TEMP) {
    const dir = join(env.RUNNER_TEMP, DIR_NAME)
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    return dir
  }
  return mkdtempSync(join(tmpdir(), `${DIR_NAME}-`))
}

export type Kept = { file: string } | { error: string }

/** Writes `payload` (its values masked already) as readable JSON, for its owner only. */
export function keepReport(payload: SeiPayload, env: NodeJS.ProcessEnv): Kept {
  const name = `report-${payload.execution_id}.json`
  let where = env.RUNNER_TEMP ? join(env.RUNNER_TEMP, DIR_NAME, name) : name
  try {
    const file = join(keptDir(env), name)
    where = file
    writeFileSync(file, JSON.stringify(payload, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 })
    return { file }
  } catch (cause) {
    return {
      error: `Could not keep the payload in ${where}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}.`
    }
  }
}

/** Removes a kept report once it was delivered after all; a failure changes nothing. */
export function dropKept(file: string): void {
  rmSync(file, { force: true })
}
