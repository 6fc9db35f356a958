// The one secret masker of the action and the CLI. A secret is masked in every form
// this code could write it in (raw, Markdown-, HTML-, JSON-, URL- or command-escaped,
// and one such form inside another), so masking can be the last step of every channel.
import { ENCODINGS } from './encodings.js'

export const MASK = '***'

const secrets = new Set<string>()
/** Every form of every secret, longest first, so that a secret holding another is masked whole. */
let forms: string[] = []

function formsOf(secret: string): string[] {
  const once = ENCODINGS.map((encode) => encode(secret))
  const twice = once.flatMap((inner) => ENCODINGS.map((encode) => encode(inner)))
  return [secret, ...once, ...twice]
}

/** Registers a secret; returns false when it was empty or known already. */
export function addSecret(value: string): boolean {
  if (value === '' || secrets.has(value)) return false
  secrets.add(value)
  forms = [...new Set([...secrets].flatMap(formsOf))].sort((a, b) => b.length - a.length)
  return true
}

/** Replaces every form of every registered secret in `text` with ***. */
export function maskText(text: string): string {
  let out = text
  for (const form of forms) {
    if (out.includes(form)) out = out.split(form).join(MASK)
  }
  return out
}

/** A copy of `value` with every string in it masked; keys and structure are kept. */
export function maskValues<T>(value: T): T {
  if (forms.length === 0) return value
  return deepMask(value) as T
}

function deepMask(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value)
  if (Array.isArray(value)) return value.map(deepMask)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepMask(item)]))
  }
  return value
}

/** True when `text` holds a registered secret in any of its forms. */
export function holdsSecret(text: string): boolean {
  return forms.some((form) => text.includes(form))
}
