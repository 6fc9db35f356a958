import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'

// The import rules CONTRIBUTING.md ("Direction of imports") states, read from the
// import lines of every file under src/.

interface Edge {
  from: string
  to: string
  typeOnly: boolean
}

const SRC = 'src'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Static imports and re-exports, and `import('./x.js')`, of files inside src/. */
function importsOf(file: string, text: string): Edge[] {
  const from = relative(SRC, file).split('\\').join('/')
  const found: Edge[] = []
  const statement = /^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm
  const dynamic = /\bimport\(\s*'([^']+)'\s*\)/g
  for (const match of text.matchAll(statement)) found.push(edge(from, match[2]!, !!match[1]))
  for (const match of text.matchAll(dynamic)) found.push(edge(from, match[1]!, false))
  return found.filter((e) => e.to !== '')
}

function edge(from: string, specifier: string, typeOnly: boolean): Edge {
  if (!specifier.startsWith('.')) return { from, to: '', typeOnly }
  const to = posix.normalize(posix.join(dirname(from), specifier)).replace(/\.js$/, '.ts')
  return { from, to, typeOnly }
}

const edges = sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(file, 'utf8')))

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`)
const STEPS = ['action/main.ts', 'action/post.ts', 'cli/main.ts']
/** Allowed from anywhere as types: the shapes every layer speaks. */
const SHARED_TYPES = ['github/types.ts', 'inputs.ts', 'context.ts']

function crossings(fromRule: (path: string) => boolean, forbidden: (edge: Edge) => boolean) {
  return edges.filter((e) => fromRule(e.from) && forbidden(e)).map((e) => `${e.from} -> ${e.to}`)
}

describe('the direction of imports', () => {
  it('sees the imports it checks', () => {
    expect(edges).toContainEqual({
      from: 'collect/report.ts',
      to: 'github/client.ts',
      typeOnly: true
    })
    expect(edges).toContainEqual({
      from: 'action/main.ts',
      to: 'action/report-step.ts',
      typeOnly: false
    })
  })

  it('keeps the action apart from the command line', () => {
    expect(
      crossings(
        (p) => !under('cli')(p),
        (e) => under('cli')(e.to)
      )
    ).toEqual([])
  })

  it('keeps the rest apart from the action steps', () => {
    expect(
      crossings(
        (p) => !under('action')(p),
        (e) => under('action')(e.to)
      )
    ).toEqual([])
  })

  it('lets each command stand alone: only cli/main.ts imports a command', () => {
    const commands = ['cli/preview.ts', 'cli/register.ts', 'cli/send.ts', 'cli/sync.ts']
    expect(
      crossings(
        (p) => p !== 'cli/main.ts',
        (e) => commands.includes(e.to) || e.to === 'cli/main.ts'
      )
    ).toEqual([])
  })

  it('imports a step from nowhere but its own command (types only)', () => {
    expect(
      crossings(
        () => true,
        (e) => STEPS.includes(e.to) && !e.typeOnly
      )
    ).toEqual([])
  })

  it('keeps github/ below the orchestration, the mapping and the inputs', () => {
    const above = ['action', 'collect', 'mapping', 'sei', 'report', 'sync', 'cli']
    const forbidden = (e: Edge) =>
      above.some((layer) => e.to === layer || under(layer)(e.to)) ||
      (['inputs.ts', 'context.ts'].includes(e.to) && !e.typeOnly)
    expect(crossings(under('github'), forbidden)).toEqual([])
  })

  it('keeps the mapping pure: itself, the SEI schema and shared types only', () => {
    const allowed = (e: Edge) =>
      under('mapping')(e.to) ||
      e.to === 'sei/schema.ts' ||
      (e.typeOnly && SHARED_TYPES.includes(e.to))
    expect(crossings(under('mapping'), (e) => !allowed(e))).toEqual([])
  })

  it('keeps http/ ignorant of GitHub and SEI', () => {
    const forbidden = (e: Edge) =>
      ['github', 'sei', 'mapping', 'report'].some((l) => under(l)(e.to))
    expect(crossings(under('http'), forbidden)).toEqual([])
  })
})
