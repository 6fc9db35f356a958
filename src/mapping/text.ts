// Names from GitHub made safe for SEI's text columns.

// C0 and C1 control characters (tabs and newlines included): SEI shows names on one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g

/**
 * Removes control characters, trims, and cuts to `max` UTF-16 units ending with an
 * ellipsis, never between the two halves of a surrogate pair.
 */
export function cleanText(value: string, max: number): string {
  const flat = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')
  return cut.trimEnd() + '…'
}

/** cleanText that never returns an empty string. */
export function label(value: string | null | undefined, max: number, fallback: string): string {
  return cleanText(value ?? '', max) || fallback
}
