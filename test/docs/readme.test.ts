import { existsSync, readFileSync } from 'node:fs'
import { ACTION_REF } from '../../src/cli/paste.js'
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../../src/cli/options.js'
import { parseActionMetadata, type ActionField } from '../support/action-metadata.js'

const readme = readFileSync('README.md', 'utf8')
const action = parseActionMetadata(readFileSync('action.yml', 'utf8'))
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  repository: { url: string }
  scripts: Record<string, string>
}

/** The text of a `## ` section, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`)
  if (start < 0) throw new Error(`README has no "## ${title}" section`)
  const end = readme.indexOf('\n## ', start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

/** The body rows of the first table in `text`, as trimmed cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  const rows: string[][] = []
  for (let i = first + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(
      lines[i]!.slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
    )
  }
  return rows
}

function codeBlocks(text: string, lang: string): string[] {
  const blocks: string[] = []
  const pattern = new RegExp('^ *```' + lang + '\\n([\\s\\S]*?)^ *```$', 'gm')
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) blocks.push(m[1]!)
  return blocks
}

function defaultCell(input: ActionField): string {
  if (input.default === undefined) return input.required ? '(required)' : "`''`"
  return input.default === '' ? "`''`" : `\`${input.default}\``
}

const repository = /github\.com\/([^/]+\/[^/.]+)(\.git)?$/.exec(pkg.repository.url)![1]!

describe('README.md', () => {
  it('lists every input of action.yml, in order, with its default and description', () => {
    expect(action.inputs.length).toBeGreaterThan(10)
    expect(tableRows(section('Inputs'))).toEqual(
      action.inputs.map((input) => [`\`${input.name}\``, defaultCell(input), input.description])
    )
  })

  it('lists every output of action.yml, in order, with its description', () => {
    expect(tableRows(section('Outputs'))).toEqual(
      action.outputs.map((output) => [`\`${output.name}\``, output.description])
    )
  })

  it('names the repository of package.json in the quick start and wherever the action is used', () => {
    expect(repository).toBe('sei-cicd-action/sei-cicd-action')
    const quickStart = codeBlocks(section('Quick start'), 'yaml')
    expect(quickStart).toHaveLength(1)
    expect(quickStart[0]).toContain(`      - uses: ${repository}@v1 `)
    const uses = [...readme.matchAll(/uses: ([\w.-]+\/sei-cicd-action)@/g)].map((m) => m[1])
    expect(new Set(uses)).toEqual(new Set([repository]))
    const npx = [...readme.matchAll(/npx github:([\w./-]+)#v1/g)].map((m) => m[1])
    expect(npx.length).toBeGreaterThan(0)
    expect(new Set(npx)).toEqual(new Set([repository]))
    expect(ACTION_REF).toBe(`${repository}@v1`)
  })

  it('gives exactly the two set-up commands, which package.json defines', () => {
    const commands = codeBlocks(section('Development'), 'sh')[0]!
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '')
    expect(commands).toEqual(['npm run local', 'npm test'])
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['local', 'test', 'all']))
    expect(section('Development')).toContain('`npm run all`')
  })

  it('documents the exit codes the commands use', () => {
    expect(tableRows(section('Command line')).map((row) => row[0])).toEqual([
      `\`${EXIT_OK}\``,
      `\`${EXIT_FAILED}\``,
      `\`${EXIT_USAGE}\``
    ])
  })

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((m) => m[1]!)
    expect(targets.length).toBeGreaterThan(3)
    expect(targets.filter((target) => !existsSync(target))).toEqual([])
    expect(existsSync('.env.example')).toBe(true)
  })

  it('links only to sections that exist', () => {
    const anchors = new Set(
      [...readme.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replace(/ /g, '-')
      )
    )
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!)
    expect(links.filter((link) => !anchors.has(link))).toEqual([])
  })
})
