// The undelivered payload in the job summary, collapsed, so that nothing is lost even
// when the runner's temporary directory is gone.
import { escapeHtml } from './markdown.js'

/** The job summary holds at most 1 MiB per step; a larger payload is left to the file. */
export const MAX_SUMMARY_PAYLOAD_BYTES = 512 * 1024

export function keptPayloadBlock(json: string, keptFile?: string): string {
  const bytes = Buffer.byteLength(json, 'utf8')
  const title = `<summary>The undelivered SEI payload (${Math.ceil(bytes / 1024)} KB)</summary>`
  if (bytes > MAX_SUMMARY_PAYLOAD_BYTES) {
    const where = keptFile ? ` and in ${escapeHtml(keptFile)}` : ''
    return `<details>${title}\n\nIt is too large for the job summary: it is in the payload output${where}.\n\n</details>\n`
  }
  return `<details>${title}\n\n<pre><code>${escapeHtml(json)}</code></pre>\n\n</details>\n`
}
