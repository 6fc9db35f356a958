// The inputs a step reads before it reads the rest: whether there is a key at all and
// whether the user asked for a failed report to fail the job. Both are read as the
// runner passed them, so that they hold even when other inputs are wrong, and this
// module stays small: the post step loads it before its first requests.
import { getInput } from '../runner.js'

export const TRUE_WORDS = ['true', 'True', 'TRUE']
export const FALSE_WORDS = ['false', 'False', 'FALSE']

/** fail-on-error as the runner passed it, readable even when other inputs are wrong. */
export function failOnErrorAsked(env: NodeJS.ProcessEnv = process.env): boolean {
  return TRUE_WORDS.includes(getInput('fail-on-error', env))
}

export const NO_KEY_NOTICE =
  'api-key is empty (pull requests from forks get no secrets), so nothing will be reported to SEI; the job is not affected.'

/**
 * True when the report would be sent but there is no key to send it with (pull
 * requests from forks get no secrets). Checked before anything else, so that such
 * a run is quiet even where other inputs come from secrets too.
 */
export function keyMissing(env: NodeJS.ProcessEnv = process.env): boolean {
  return getInput('api-key', env) === '' && !TRUE_WORDS.includes(getInput('dry-run', env))
}
