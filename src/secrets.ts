// The one secret masker of the action and the CLI. A secret is masked in every form
// this code could write it in (raw, Markdown-, HTML-, JSON-, URL- or command-escaped,
// and one such form inside another), so masking can be the last step of every channel.
// The forms of a secret are built once, and only when a text could hold one: every
// escaping keeps ASCII letters and digits as they are, so a text that lacks the longest
// run of them in a secret holds none of its forms.
import { ENCODINGS } from './encodings.js'

export const MASK = '***'

interface Secret {
  value: string
  /** Its longest run of ASCII letters and digits, found in each of its forms. */
  core: string
  forms?: string[]
}

const secrets = new Map<string, Secret>()

function formsOf(secret: string): string[] {
  const once = ENCODINGS.map((encode) => encode(secret))
  const twice = once.flatMap((inner) => ENCODINGS.map((encode) => encode(inner)))
  return [...new Set([secret, ...once, ...twice])]
}

function coreOf(secret: string): string {
  return (secret.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')
}

/** Registers a secret; returns false when it was empty or known already. */
export function addSecret(value: string): boolean {
  if (value === '' || secrets.has(value)) return false
  secrets.set(value, { value, core: coreOf(value) })
  return true
}

/** The forms of the secrets `text` could hold, longest first (a secret holding another is masked whole). */
function formsIn(text: string): string[] {
  const forms: string[] = []
  for (const secret of secrets.values()) {
    if (!text.includes(secret.core)) continue
    secret.forms ??= formsOf(secret.value)
    forms.push(...secret.forms)
  }
  return forms.sort((a, b) => b.length - a.length)
}

/** Replaces every form of every registered secret in `text` with ***. */
export function maskText(text: string): string {
  let out = text
  for (const form of formsIn(text)) {
    if (out.includes(form)) out = out.split(form).join(MASK)
  }
  return out
}

/** A copy of `value` with every string in it masked; keys and structure are kept. */
export function maskValues<T>(value: T): T {
  if (secrets.size === 0) return value
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
  return formsIn(text).some((form) => text.includes(form))
}
