import { readFileSync } from 'node:fs'

const workflow = readFileSync('.github/workflows/sei-report.yml', 'utf8')
const action = readFileSync('action.yml', 'utf8')

/** The keys indented by exactly `indent` spaces in the block that follows `header`. */
function keysUnder(text: string, header: string, indent: number): string[] {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line === header)
  const keys: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const depth = line.length - line.trimStart().length
    if (depth < indent) break
    const key = new RegExp(`^ {${indent}}([A-Za-z_-]+):`).exec(line)
    if (key) keys.push(key[1]!)
  }
  return keys
}

const INTERNAL = ['job-status', 'job-check-run-id', 'matrix', 'github-token', 'api-key']

describe('.github/workflows/sei-report.yml', () => {
  const passed = [
    ...workflow.matchAll(/^ {10}([a-z-]+): \$\{\{ (inputs|secrets)\.([\w-]+) \}\}$/gm)
  ]

  it('passes every action input a caller may set, each from the input of the same name', () => {
    const settable = keysUnder(action, 'inputs:', 2).filter((name) => !INTERNAL.includes(name))
    expect(
      passed
        .filter((m) => m[2] === 'inputs')
        .map((m) => m[1])
        .sort()
    ).toEqual(settable.sort())
    for (const m of passed) if (m[2] === 'inputs') expect(m[3]).toBe(m[1])
  })

  it('declares each input it passes, and the key as the SEI_API_KEY secret', () => {
    const declared = keysUnder(workflow, '    inputs:', 6)
    for (const m of passed) if (m[2] === 'inputs') expect(declared).toContain(m[3])
    expect(passed.filter((m) => m[2] === 'secrets').map((m) => [m[1], m[3]])).toEqual([
      ['api-key', 'SEI_API_KEY']
    ])
    expect(keysUnder(workflow, '    secrets:', 6)).toEqual(['SEI_API_KEY'])
  })
})
