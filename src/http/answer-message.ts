// The one-line message an HTTP error answer carries, for quoting in our own errors:
// the first of the named fields of its JSON body (GitHub's `message`, SEI's `payload`
// or `message`), else the start of the body with its whitespace flattened. Masked
// before it is cut, so that a cut never leaves part of a secret the masker would no
// longer recognise.
import { maskText } from '../secrets.js'
import type { HttpResponse } from './transport.js'

/** Longest part of a body quoted in a message. */
export const MAX_QUOTED = 200

export function answerMessage(response: HttpResponse, fields: readonly string[]): string {
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>
    for (const field of fields) {
      const value = body[field]
      if (typeof value === 'string' && value) return maskText(value)
    }
  } catch {
    // not JSON
  }
  return maskText(response.body).slice(0, MAX_QUOTED).replace(/\s+/g, ' ').trim()
}
