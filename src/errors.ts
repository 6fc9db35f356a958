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

/** What an errno code of a file operation means, in words. */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ELOOP: 'the path loops through symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  EAGAIN: 'standard input is not ready to be read'
}

/**
 * A failed file operation in words, never a raw code; `meanings` words a code the
 * way the operation needs it (ENOENT, when writing, is a missing directory).
 */
export function fileProblem(
  cause: unknown,
  meanings: Readonly<Record<string, string>> = {}
): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? ''
  return meanings[code] ?? FILE_PROBLEMS[code] ?? 'it cannot be used'
}
