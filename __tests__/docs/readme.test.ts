import { ACTION_REF } from '../../src/cli/paste.js'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../src/cli/options.js'
import { parseActionMetadata } from '../support/action-metadata.js'
import { DOC_FILES, codeBlocks, prose, read, section, tableRows } from './markdown.js'

const readme = read('README.md')
const action = parseActionMetadata(read('action.yml'))
const pkg = JSON.parse(read('package.json')) as {
  repository: { url: string }
  scripts: Record<string, string>
  engines: { node: string }
}

const repository = /github\.com\/([^/]+\/[^/.]+)(\.git)?$/.exec(pkg.repository.url)![1]!

/** The numbered steps of the quick start, by number, each with its continuation lines. */
function quickStartSteps(): Map<number, string> {
  const steps = new Map<number, string>()
  let current = 0
  for (const line of prose(section(readme, 'Quick start')).split('\n')) {
    const item = /^(\d+)\. (.*)$/.exec(line)
    if (item) current = Number(item[1])
    if (current > 0) steps.set(current, `${steps.get(current) ?? ''} ${item ? item[2] : line}`)
  }
  for (const [n, text] of steps) steps.set(n, text.replace(/\s+/g, ' ').trim())
  return steps
}

/** The `with:` lines of the step that uses the action, in a workflow's text. */
function actionStepWith(yaml: string): string[] {
  const lines = yaml.split('\n')
  const uses = lines.findIndex((line) => line.includes(`uses: ${repository}@v1`))
  if (uses < 0) return []
  const keyIndent = lines[uses]!.indexOf('uses:')
  const withLine = lines.findIndex((line, i) => i > uses && line.trim() === 'with:')
  const found: string[] = []
  for (const line of lines.slice(withLine + 1)) {
    if (line.search(/\S/) <= keyIndent) break
    found.push(line.trim().replace(/\s+#.*$/, ''))
  }
  return found
}

describe('README.md', () => {
  it('fits a first hour: at most 250 lines, none wider than 120 but link addresses', () => {
    const lines = readme.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(250)
    const wide = lines.filter((line) => line.length > 120 && !/^\[[\w-]+\]: \S+$/.test(line))
    expect(wide).toEqual([])
  })

  it('keeps tables narrow enough for a terminal', () => {
    const wide = readme.split('\n').filter((line) => line.startsWith('|') && line.length > 100)
    expect(wide).toEqual([])
  })

  it('shows dry-run: true in the quick-start step that step 3 tells users to add it to', () => {
    const steps = quickStartSteps()
    expect(steps.get(3)).toContain('`dry-run: true`')
    expect(steps.get(5)).toMatch(/Remove `dry-run: true`/)
    const yaml = codeBlocks(section(readme, 'Quick start'), 'yaml')
    expect(yaml).toHaveLength(1)
    expect(actionStepWith(yaml[0]!)).toEqual(expect.arrayContaining(['dry-run: true']))
  })

  it('says where --integration-id comes from, next to the register command', () => {
    const first = quickStartSteps().get(1)!
    expect(first).toMatch(/custom CI\/CD integration/i)
    expect(first).toContain('`--integration-id`')
    expect(codeBlocks(section(readme, 'Quick start'), 'sh')[0]).toMatch(
      /register --integration-id \d+/
    )
  })

  it('says how to confirm that a report arrived, and where it shows in SEI', () => {
    const confirm = section(readme, 'Confirm that a report arrived')
    expect(confirm).toContain('**In GitHub**')
    expect(confirm).toContain('**In SEI**')
    expect(confirm).toMatch(/202/)
  })

  it("warns that SEI's own GitHub Actions integration would count the same runs twice", () => {
    const dora = section(readme, 'DORA: environments and deployments')
    expect(dora).toMatch(/SEI's own GitHub Actions integration/)
    expect(dora).toMatch(/DORA profile must select the jobs of one of the two/)
    expect(dora).toContain('](docs/dora.md)')
  })

  it('points to the organisation-wide set-up next to the three setups', () => {
    const titles = [...prose(readme).matchAll(/^## (.+)$/gm)].map((m) => m[1])
    const setups = titles.indexOf('Three setups')
    expect(titles[setups + 1]).toBe('Organisation-wide without changing any repository')
    const org = section(readme, 'Organisation-wide without changing any repository')
    expect(org).toContain('`sync`')
    expect(org).toContain('](docs/organisation.md)')
    expect(prose(section(readme, 'Three setups')).match(/^- \*\*/gm)).toHaveLength(3)
  })

  it('lists every input of action.yml in one table, in order, with its default', () => {
    const rows = tableRows(section(readme, 'Inputs'))
    expect(rows.map(([name]) => name)).toEqual(action.inputs.map((input) => `\`${input.name}\``))
    for (const [[name, value, what], input] of rows.map(
      (row, i) => [row, action.inputs[i]!] as const
    )) {
      const expected = input.required ? 'required' : `\`${input.default || "''"}\``
      expect({ name, value }).toEqual({ name, value: expected })
      expect({ name, described: (what ?? '').length > 10 }).toEqual({ name, described: true })
    }
    expect(section(readme, 'Inputs')).toContain('](docs/inputs.md)')
  })

  it('lists every output in a table, in order, and says which of them can reach the workflow', () => {
    const outputs = section(readme, 'Outputs')
    expect(tableRows(outputs).map(([name]) => name)).toEqual(
      action.outputs.map((output) => `\`${output.name}\``)
    )
    expect(outputs).toMatch(/post step/)
    expect(outputs).toMatch(/`scope: workflow` and `run-id`/)
  })

  it('gives every workflow snippet the permissions the action needs', () => {
    const snippets = codeBlocks(readme, 'yaml').filter((yaml) =>
      /uses: sei-cicd-action\/sei-cicd-action(@|\/\.github\/workflows\/sei-report\.yml@)/.test(yaml)
    )
    expect(snippets.length).toBeGreaterThanOrEqual(3)
    for (const yaml of snippets) {
      const block = /^( *)permissions:\n((?:\1 +.*\n)+)/m.exec(yaml)?.[2] ?? ''
      expect({ yaml, actions: /^\s+actions: read\b/m.test(block) }).toEqual({ yaml, actions: true })
      expect({ yaml, deployments: /^\s+deployments: read\b/m.test(block) }).toEqual({
        yaml,
        deployments: true
      })
    }
  })

  it('points to the page that says which setup to choose for DORA, by file', () => {
    const dora = prose(section(readme, 'DORA: environments and deployments')).replace(/\s+/g, ' ')
    expect(dora).toMatch(
      /\*\*Which setup for DORA\*\*: [^*]*scope[^*]*profile[^*]*\]\(docs\/dora\.md\)\./
    )
  })

  it("says how to save the payload of npm run local, past npm's banner", () => {
    expect(section(readme, 'Development')).toContain('`npm run -s local > payload.json`')
    expect(pkg.scripts.local).toBe('node scripts/local-run.mjs')
  })

  it('names the repository of package.json in the quick start and in every doc', () => {
    expect(repository).toBe('sei-cicd-action/sei-cicd-action')
    expect(ACTION_REF).toBe(`${repository}@v1`)
    const all = DOC_FILES.map(read).join('\n')
    const uses = [...all.matchAll(/uses: ([\w.-]+\/sei-cicd-action)[@/]/g)].map((m) => m[1])
    expect(uses.length).toBeGreaterThan(3)
    expect(new Set(uses)).toEqual(new Set([repository]))
    const npx = [...all.matchAll(/npx github:([\w./-]+)#v1/g)].map((m) => m[1])
    expect(npx.length).toBeGreaterThan(0)
    expect(new Set(npx)).toEqual(new Set([repository]))
  })

  it('gives exactly the two set-up commands, which package.json defines', () => {
    const commands = codeBlocks(section(readme, 'Development'), 'sh')[0]!
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '')
    expect(commands).toEqual(['npm run local', 'npm test'])
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['local', 'test', 'all']))
    expect(section(readme, 'Development')).toContain('`npm run all`')
  })

  it('documents the exit codes the commands use', () => {
    expect(tableRows(section(readme, 'Command line')).map((row) => row[0])).toEqual([
      `\`${EXIT_OK}\``,
      `\`${EXIT_FAILED}\``,
      `\`${EXIT_USAGE}\``
    ])
  })

  it('names the Node version the command line needs, as package.json engines does', () => {
    const engines = /^>=(\d+(?:\.\d+)*)$/.exec(pkg.engines.node)
    expect(engines).not.toBeNull()
    expect(section(readme, 'Command line')).toContain(`needs Node ${engines![1]} or later`)
  })

  it('has a versions note that links to the changelog, which has an Unreleased section', () => {
    expect(section(readme, 'Versions and upgrading')).toContain('](CHANGELOG.md)')
    expect(read('CHANGELOG.md')).toMatch(/^## \[Unreleased\]$/m)
  })
})
