// What a server said, in one line: a message field of its JSON answer, or the start of
// its body.
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
