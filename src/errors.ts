// One error policy for the action and the CLI. A problem the user can act on is an
// ExplainedError whose message says, in one line, what is wrong and what to change;
// anything else is a defect, told in one line with no stack.

export class ExplainedError extends Error {}

export const UNEXPECTED = 'sei-cicd-action stopped on an unexpected error'

/** The one line to show for `cause`: its own message when explained, else the defect line. */
export function explain(cause: unknown): string {
  if (cause instanceof ExplainedError) return cause.message
  const message = cause instanceof Error ? cause.message : String(cause)
  return `${UNEXPECTED}: ${message.split('\n')[0]}. Please report it.`
}
