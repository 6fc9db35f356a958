// Generates the runtime checks (src/github/answers.ts, src/sei/payload-check.ts) from
// the zod schemas, as calls of src/checks.ts: zod stays the one definition, and the
// steps never load it. Run by scripts/build.mjs; __tests__/unit/checks.test.ts fails
// when a generated file is not what its schemas give, or when a check and its zod
// schema disagree on what they accept, what they make of it, or the first problem.
import { format } from 'prettier'
import type * as z from 'zod'
import * as answers from '../../src/github/schemas.js'
import { payloadSchema } from '../../src/sei/payload-schema.js'

interface Target {
  file: string
  schemas: string
  why: string
  /** export name of the check → export name of its schema */
  checks: Record<string, [string, z.ZodType]>
}

export const TARGETS: Target[] = [
  {
    file: 'src/github/answers.ts',
    schemas: './schemas.js',
    why: "GitHub's answers",
    checks: {
      jobCheck: ['jobSchema', answers.jobSchema],
      jobsPageCheck: ['jobsPageSchema', answers.jobsPageSchema],
      runCheck: ['runSchema', answers.runSchema],
      runsPageCheck: ['runsPageSchema', answers.runsPageSchema],
      deploymentsCheck: ['deploymentsSchema', answers.deploymentsSchema],
      deploymentStatusesCheck: ['deploymentStatusesSchema', answers.deploymentStatusesSchema],
      comparisonCheck: ['comparisonSchema', answers.comparisonSchema]
    }
  },
  {
    file: 'src/sei/payload-check.ts',
    schemas: './payload-schema.js',
    why: 'the SEI payload',
    checks: { payloadCheck: ['payloadSchema', payloadSchema] }
  }
]

/** The parts of zod's internal definition of a schema that this generator reads. */
interface Def {
  type: string
  checks?: { _zod: { def: CheckDef } }[]
  shape?: Record<string, Schema>
  catchall?: Schema
  innerType?: Schema
  element?: Schema
  in?: Schema
  out?: Schema
  transform?: (value: unknown) => unknown
  entries?: Record<string, unknown>
  values?: unknown[]
  format?: string
  pattern?: RegExp
  valueType?: Schema
}
interface CheckDef {
  check: string
  format?: string
  pattern?: RegExp
  minimum?: number
  maximum?: number
  value?: number
  inclusive?: boolean
  fn?: (value: unknown) => unknown
  error?: () => unknown
}
type Schema = { _zod: { def: Def } }

const FORMAT_MESSAGES: Record<string, string> = { datetime: 'Invalid ISO datetime' }

class Emitter {
  readonly used = new Set<string>()
  readonly shared = new Map<Schema, string>()
  readonly declarations: string[] = []
  private readonly uses = new Map<Schema, number>()
  private readonly functions = new Map<string, string>()

  /** A copied function: a named one is declared once, however often it is used. */
  private fn(fn: (value: never) => unknown): string {
    const text = fn.toString()
    if (!fn.name || !text.startsWith('function')) return text
    const known = this.functions.get(fn.name)
    if (known !== undefined && known !== text) {
      throw new Error(`checks-gen: two different functions named ${fn.name}`)
    }
    if (known === undefined) {
      this.functions.set(fn.name, text)
      this.declarations.push(text)
    }
    return fn.name
  }

  count(schema: Schema): void {
    const n = (this.uses.get(schema) ?? 0) + 1
    this.uses.set(schema, n)
    if (n > 1) return
    const def = schema._zod.def
    for (const child of [def.innerType, def.element, def.in, def.catchall, def.valueType]) {
      if (child) this.count(child)
    }
    for (const child of Object.values(def.shape ?? {})) this.count(child)
  }

  node(schema: Schema): string {
    const name = this.shared.get(schema)
    if (name) return name
    const code = this.build(schema)
    if ((this.uses.get(schema) ?? 0) < 2 || !/[(]/.test(code)) return code
    const declared = `n${this.shared.size + 1}`
    this.shared.set(schema, declared)
    this.declarations.push(`const ${declared} = ${code}`)
    return declared
  }

  private call(kit: string, ...args: string[]): string {
    this.used.add(kit)
    return `${kit}(${args.join(', ')})`
  }

  private build(schema: Schema): string {
    const def = schema._zod.def
    switch (def.type) {
      case 'string':
        return this.call('string', ...this.stringRules(def))
      case 'number':
        return this.call('number', ...this.rules(def, 'number'))
      case 'boolean':
        return this.call('boolean')
      case 'unknown':
        return this.call('unknown')
      case 'enum':
        return this.call('oneOf', JSON.stringify(Object.values(def.entries!)))
      case 'literal':
        return this.call('oneOf', JSON.stringify(def.values))
      case 'optional':
        return this.call('optional', this.node(def.innerType!))
      case 'nullable':
        return this.call('nullable', this.node(def.innerType!))
      case 'array':
        return this.call('array', this.node(def.element!), ...this.rules(def, 'array'))
      case 'record':
        if (def.valueType?._zod.def.type !== 'unknown') break
        return this.call('record')
      case 'pipe':
        if (def.out?._zod.def.type !== 'transform') break
        return this.call('transform', this.node(def.in!), this.fn(def.out._zod.def.transform!))
      case 'object': {
        if (def.catchall && def.catchall._zod.def.type !== 'unknown') break
        const fields = Object.entries(def.shape!).map(
          ([key, child]) => `${JSON.stringify(key)}: ${this.node(child)}`
        )
        const shape = `{ ${fields.join(', ')} }`
        return this.call('object', shape, String(!!def.catchall), ...this.rules(def, 'object'))
      }
    }
    throw new Error(`checks-gen: no check for a zod ${def.type} schema; add it to src/checks.ts`)
  }

  private stringRules(def: Def): string[] {
    const rules: string[] = []
    if (def.format === 'url') rules.push(this.call('url'))
    else if (def.format && def.pattern && FORMAT_MESSAGES[def.format]) {
      rules.push(
        this.call('pattern', String(def.pattern), JSON.stringify(FORMAT_MESSAGES[def.format]))
      )
    } else if (def.format) {
      throw new Error(`checks-gen: no check for the string format ${def.format}`)
    }
    return [...rules, ...this.rules(def, 'string')]
  }

  private rules(def: Def, origin: string): string[] {
    return (def.checks ?? []).map(({ _zod: { def: check } }) => this.rule(check, origin))
  }

  private rule(check: CheckDef, origin: string): string {
    switch (check.check) {
      case 'min_length':
        return this.call('minLength', JSON.stringify(origin), String(check.minimum))
      case 'max_length':
        return this.call('maxLength', JSON.stringify(origin), String(check.maximum))
      case 'number_format':
        if (check.format !== 'safeint') break
        return this.call('int')
      case 'greater_than':
        return this.call('greaterThan', String(check.value), String(check.inclusive))
      case 'string_format':
        if (check.format !== 'regex') break
        return this.call(
          'pattern',
          String(check.pattern),
          JSON.stringify(`Invalid string: must match pattern ${String(check.pattern)}`)
        )
      case 'custom': {
        const message = check.error?.()
        if (typeof message !== 'string') break
        return this.call('refine', this.fn(check.fn!), JSON.stringify(message))
      }
    }
    throw new Error(`checks-gen: no check for zod's ${check.check} ${check.format ?? ''}`)
  }
}

async function generate(target: Target): Promise<string> {
  const emitter = new Emitter()
  for (const [, schema] of Object.values(target.checks)) emitter.count(schema as unknown as Schema)
  const exports = Object.entries(target.checks).map(([name, [schemaName, schema]]) => {
    const node = emitter.node(schema as unknown as Schema)
    return `export const ${name} = check<z.output<typeof ${schemaName}>>(${node})`
  })
  const kit = ['check', ...emitter.used].sort()
  const schemasFile = target.file.replace(
    /[^/]+$/,
    target.schemas.replace(/^\.\/|\.js$/g, '') + '.ts'
  )
  const text = [
    '/* eslint-disable @typescript-eslint/ban-ts-comment */',
    '// @ts-nocheck: the functions copied from the schemas are JavaScript; the types of the',
    '// checks come from the schemas, and __tests__/unit/checks.test.ts holds them to them.',
    `// Generated by \`npm run build\` (scripts/lib/checks-gen.ts) from ${schemasFile}: do not edit.`,
    `// The checks of ${target.why} with zod's meaning and messages, without loading zod.`,
    "import type * as z from 'zod'",
    `import { ${kit.join(', ')} } from '${'../'.repeat(target.file.split('/').length - 2)}checks.js'`,
    `import type { ${Object.values(target.checks)
      .map(([schemaName]) => schemaName)
      .join(', ')} } from '${target.schemas}'`,
    '',
    ...emitter.declarations,
    '',
    ...exports
  ].join('\n')
  return format(text, {
    parser: 'typescript',
    semi: false,
    singleQuote: true,
    trailingComma: 'none',
    printWidth: 100
  })
}

/** Each generated file: its path from the repository's root, and its text. */
export async function generatedChecks(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const target of TARGETS) out[target.file] = await generate(target)
  return out
}
