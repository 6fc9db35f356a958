// The runtime checks of untrusted data (GitHub's answers, the SEI payload), with zod's
// meaning and zod's messages but none of its load time: plain functions, composed by
// the files that scripts/lib/checks-gen.ts generates from the zod schemas, which stay
// the one definition and the source of the types. A check stops at the first problem,
// which is the one the messages name (zod's first issue).

export type Path = (string | number)[]

export interface Issue {
  path: Path
  message: string
}

export type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } }

/** What a zod schema offers for checking, and all the action needs of one. */
export interface Check<T> {
  safeParse(value: unknown): Parsed<T>
}

/** One schema node: the value as parsed, or a Refusal thrown. */
export interface Node {
  (value: unknown, path: Path): unknown
  /** zod's optin/optout: a key may be absent / the node may give undefined. */
  optIn?: boolean
  optOut?: boolean
}

/** A check on a value of the right type; returns the value, changed or not. */
export type Rule<T> = (value: T, path: Path) => T

/** A function copied from a zod schema as JavaScript: it takes what the schema parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Copied = (value: any) => unknown

class Refusal {
  constructor(readonly issue: Issue) {}
}

function refuse(path: Path, message: string): never {
  throw new Refusal({ path: [...path], message })
}

/** zod's name for what was received, in "expected X, received Y". */
function received(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN'
    return Number.isFinite(value) ? 'number' : String(value)
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    const ctor = (value as { constructor?: { name?: string } }).constructor
    if (proto !== Object.prototype && 'constructor' in value && ctor) return String(ctor.name)
  }
  return typeof value
}

function wrongType(path: Path, expected: string, value: unknown): never {
  return refuse(path, `Invalid input: expected ${expected}, received ${received(value)}`)
}

function primitive(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value)
}

function typed<T>(expected: string, is: (value: unknown) => boolean, rules: Rule<T>[]): Node {
  return (value, path) => {
    if (!is(value)) wrongType(path, expected, value)
    let out = value as T
    for (const rule of rules) out = rule(out, path)
    return out
  }
}

export const string = (...rules: Rule<string>[]): Node =>
  typed('string', (value) => typeof value === 'string', rules)

export const number = (...rules: Rule<number>[]): Node =>
  typed('number', (value) => typeof value === 'number' && Number.isFinite(value), rules)

export const boolean = (): Node => typed('boolean', (value) => typeof value === 'boolean', [])

export const unknown = (): Node =>
  Object.assign((value: unknown) => value, { optIn: true, optOut: true })

/** One of the given values: z.enum and z.literal. */
export function oneOf(values: readonly unknown[]): Node {
  const message =
    values.length === 1
      ? `Invalid input: expected ${primitive(values[0])}`
      : `Invalid option: expected one of ${values.map(primitive).join('|')}`
  return (value, path) => (values.includes(value) ? value : refuse(path, message))
}

export const minLength =
  (origin: 'string' | 'array', minimum: number) =>
  <T extends { length: number }>(value: T, path: Path): T =>
    value.length >= minimum
      ? value
      : refuse(path, `Too small: expected ${origin} to have >=${minimum} ${units(origin)}`)

export const maxLength =
  (origin: 'string' | 'array', maximum: number) =>
  <T extends { length: number }>(value: T, path: Path): T =>
    value.length <= maximum
      ? value
      : refuse(path, `Too big: expected ${origin} to have <=${maximum} ${units(origin)}`)

function units(origin: 'string' | 'array'): string {
  return origin === 'string' ? 'characters' : 'items'
}

/** z.string().regex(), and the string formats that are a pattern (ISO datetime). */
export const pattern =
  (regex: RegExp, message: string): Rule<string> =>
  (value, path) => {
    regex.lastIndex = 0
    return regex.test(value) ? value : refuse(path, message)
  }

/** z.url(): what the URL parser accepts, trimmed, without tabs and newlines. */
export const url = (): Rule<string> => (value, path) => {
  const trimmed = value.trim()
  if (!URL.canParse(trimmed)) refuse(path, 'Invalid URL')
  return trimmed.replace(/[\t\n\r]/g, '')
}

/** z.number().int(): a safe integer. */
export const int = (): Rule<number> => (value, path) => {
  if (!Number.isInteger(value)) wrongType(path, 'int', value)
  if (value > Number.MAX_SAFE_INTEGER) {
    refuse(path, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`)
  }
  if (value < Number.MIN_SAFE_INTEGER) {
    refuse(path, `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`)
  }
  return value
}

export const greaterThan =
  (minimum: number, inclusive: boolean): Rule<number> =>
  (value, path) =>
    (inclusive ? value >= minimum : value > minimum)
      ? value
      : refuse(path, `Too small: expected number to be ${inclusive ? '>=' : '>'}${minimum}`)

/** .refine(): a test of the parsed value, and its message. */
export const refine =
  <T>(test: Copied, message: string): Rule<T> =>
  (value, path) =>
    test(value) ? value : refuse(path, message)

export function optional(inner: Node): Node {
  const node: Node = (value, path) => (value === undefined ? undefined : inner(value, path))
  return Object.assign(node, { optIn: true, optOut: true })
}

export function nullable(inner: Node): Node {
  const node: Node = (value, path) => (value === null ? null : inner(value, path))
  return Object.assign(node, { optIn: inner.optIn, optOut: inner.optOut })
}

/** .transform(): the parsed value, made into another. */
export function transform(inner: Node, change: Copied): Node {
  const node: Node = (value, path) => change(inner(value, path))
  return Object.assign(node, { optIn: inner.optIn })
}

export function array(element: Node, ...rules: Rule<unknown[]>[]): Node {
  return typed<unknown[]>('array', Array.isArray, [
    // Index by index, holes included, as zod reads an array.
    (items, path) => Array.from(items, (item, i) => element(item, [...path, i])),
    ...rules
  ])
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** z.object (other keys dropped) or z.looseObject (other keys kept as they came). */
export function object(
  shape: Record<string, Node>,
  loose: boolean,
  ...rules: Rule<Record<string, unknown>>[]
): Node {
  const keys = Object.keys(shape)
  return typed<Record<string, unknown>>('object', isObject, [
    (input, path) => {
      const out: Record<string, unknown> = {}
      for (const key of keys) {
        const node = shape[key]!
        const present = key in input
        if (!present && node.optIn && node.optOut) continue
        const value = node(input[key], [...path, key])
        if (value !== undefined) out[key] = value
        else if (present) out[key] = undefined
      }
      if (loose) {
        for (const key in input) {
          if (!(key in shape) && key !== '__proto__') out[key] = input[key]
        }
      }
      return out
    },
    ...rules
  ])
}

/** z.record(z.string(), z.unknown()): a plain object, its entries kept. */
export function record(): Node {
  const plain = (value: unknown) =>
    isObject(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))
  return typed<Record<string, unknown>>('record', plain, [
    (input) => {
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(input)) if (key !== '__proto__') out[key] = input[key]
      return out
    }
  ])
}

/** A Check over a schema node: the parsed value, or the first problem found. */
export function check<T>(node: Node): Check<T> {
  return {
    safeParse(value) {
      try {
        return { success: true, data: node(value, []) as T }
      } catch (cause) {
        if (cause instanceof Refusal) return { success: false, error: { issues: [cause.issue] } }
        throw cause
      }
    }
  }
}

/** Where a check refused an answer, in a few words: "steps: expected array". */
export function firstIssue(error: { issues: readonly Issue[] }): string {
  const issue = error.issues[0]
  if (!issue) return 'unexpected shape'
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the answer'
  return `${where}: ${issue.message}`
}
