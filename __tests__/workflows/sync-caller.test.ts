// The scheduled caller docs/organisation.md gives is a valid workflow, and it passes
// the reusable sync workflow only inputs and secrets that workflow declares.
import { readFileSync } from 'node:fs'
import { loadLinters, type Linters } from '../support/linters.js'

const doc = readFileSync('docs/organisation.md', 'utf8')
const reusable = readFileSync('.github/workflows/sei-sync.yml', 'utf8')
const caller = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!

let linters: Linters
beforeAll(async () => {
  linters = await loadLinters()
})

/** The keys of the block `name:` at `indent` spaces in `text`. */
function keysUnder(text: string, name: string, indent: number): string[] {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line === `${' '.repeat(indent)}${name}:`)
  const keys: string[] = []
  for (const line of lines.slice(start + 1)) {
    const depth = line.search(/\S/)
    if (depth < 0 || line.trimStart().startsWith('#')) continue
    if (depth <= indent) break
    const key = /^\s*([\w-]+):/.exec(line)
    if (depth === indent + 2 && key) keys.push(key[1]!)
  }
  return keys
}

describe('the scheduled caller in docs/organisation.md', () => {
  it('passes actionlint and GitHub’s workflow schema', async () => {
    expect(await linters.actionlint(caller, 'sei-sync-caller.yml')).toEqual([])
    const parsed = linters.parseWorkflow(caller, 'sei-sync-caller.yml')
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([])
  })

  it('gives sei-sync.yml only inputs and secrets it declares, and its required ones', () => {
    const inputs = keysUnder(reusable, 'inputs', 4)
    const secrets = keysUnder(reusable, 'secrets', 4)
    expect(inputs).toEqual(expect.arrayContaining(['instance-guid', 'org', 'since', 'shards']))
    const given = keysUnder(caller, 'with', 4)
    expect(given.filter((key) => !inputs.includes(key))).toEqual([])
    expect(given).toContain('instance-guid')
    expect(keysUnder(caller, 'secrets', 4).filter((key) => !secrets.includes(key))).toEqual([])
    expect(keysUnder(caller, 'secrets', 4)).toContain('SEI_API_KEY')
  })
})
