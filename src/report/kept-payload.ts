// The payload in the job summary, collapsed: the one a dry run would send, and the
// undelivered one, so that nothing is lost even when the runner's temporary directory
// is gone.
import { escapeHtml } from './markdown.js'

/** The job summary holds at most 1 MiB per step; a larger payload is left to the file. */
export const MAX_SUMMARY_PAYLOAD_BYTES = 512 * 1024

/** A folded block titled `what`; `elsewhere` says where a payload too large for it is. */
function payloadBlock(json: string, what: string, elsewhere: string): string {
  const bytes = Buffer.byteLength(json, 'utf8')
  const title = `<summary>${what} (${Math.ceil(bytes / 1024)} KB)</summary>`
  if (bytes > MAX_SUMMARY_PAYLOAD_BYTES) {
    return `<details>${title}\n\nIt is too large for the job summary: it is in ${elsewhere}.\n\n</details>\n`
  }
  return `<details>${title}\n\n<pre><code>${escapeHtml(json)}</code></pre>\n\n</details>\n`
}

export function keptPayloadBlock(json: string, keptFile?: string): string {
  const where = keptFile ? ` and in ${escapeHtml(keptFile)}` : ''
  return payloadBlock(
    json,
    'The undelivered SEI payload',
    `the step's log, in the "SEI payload" group${where}`
  )
}

/** What a dry run would have posted, exactly. */
export function dryRunPayloadBlock(json: string): string {
  return payloadBlock(
    json,
    'The SEI payload a real run would send',
    'the step\'s log, in the "SEI payload" group'
  )
}
