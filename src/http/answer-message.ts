// The one-line message an HTTP error answer carries, for quoting in our own errors:
// the first of the named fields of its JSON body (GitHub's `message`, SEI's `payload`
// or `message`), else the start of the body with its whitespace flattened.
import type { HttpResponse } from './transport.js'

export function answerMessage(response: HttpResponse, fields: readonly string[]): string {
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>
    for (const field of fields) {
      const value = body[field]
      if (typeof value === 'string' && value) return value
    }
  } catch {
    // not JSON
  }
  return response.body.slice(0, 200).replace(/\s+/g, ' ').trim()
}
