// The command that re-sends a kept report, exactly as it works when pasted into a shell.
import { CLI, DEFAULT_KEY_ENV } from '../invocation.js'

/** A word the shell reads back unchanged: bare when it can be, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}

export function resendCommand(file: string, endpoint: string): string {
  return `${CLI} send ${shellWord(file)} --sei-endpoint ${shellWord(endpoint)}`
}

/** Where the re-send command reads the key, said after it. */
export const RESEND_KEY_NOTE = `with the API key in ${DEFAULT_KEY_ENV}`
