// How a reporting step tells the user about a problem: a failed step if they asked for
// it (fail-on-error), else a warning that says the job is not affected.
import * as runner from '../runner.js'

export const NOT_AFFECTED = 'The job is not affected (fail-on-error is false).'

export function complain(message: string, failOnError: boolean): void {
  if (failOnError) runner.setFailed(message)
  else runner.warning(`${message} ${NOT_AFFECTED}`, 'sei-cicd-action')
}
