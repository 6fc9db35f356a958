// The main step: check every input at once, mask the key, and hand over to the post
// step. It stays as cheap as a bare node start: no HTTP stack, no zod.
import { failOnErrorAsked, InputError, keyMissing, readInputs } from './inputs.js'
import { getInput, notice, setFailed, setSecret, warning } from './runner.js'
import { saveMainState } from './state.js'

export const NO_KEY_NOTICE =
  'api-key is empty (pull requests from forks get no secrets), so nothing will be reported to SEI; the job is not affected.'

export function run(env: NodeJS.ProcessEnv = process.env): void {
  setSecret(getInput('api-key', env))
  setSecret(getInput('github-token', env))
  if (keyMissing(env)) {
    notice(NO_KEY_NOTICE)
    saveMainState({ skip: 'no-key' }, env)
    return
  }
  try {
    readInputs(env)
    saveMainState({}, env)
  } catch (cause) {
    const message =
      cause instanceof InputError ? cause.message : `Unexpected error: ${String(cause)}`
    saveMainState({ skip: 'input' }, env)
    if (failOnErrorAsked(env)) setFailed(message)
    else
      warning(
        `${message} Nothing will be reported. The job is not affected (fail-on-error is false).`,
        'sei-cicd-action'
      )
  }
}
