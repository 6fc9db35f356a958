import { parseActionMetadata, type ActionField } from '../support/action-metadata.js'
import { prose, read, section } from './markdown.js'

const action = parseActionMetadata(read('action.yml'))
const doc = read('docs/inputs.md')

interface Entry {
  name: string
  /** `(required)`, or the default as written after "Default:". */
  default?: string
  description: string
}

/**
 * The entries of a section: a `### \`name\`` heading, for inputs a "Required." or
 * "Default: `value`" paragraph, then the description paragraph. Paragraphs after it are
 * notes and are not compared.
 */
function entries(text: string, withDefault: boolean): Entry[] {
  return prose(text)
    .split(/^### /m)
    .slice(1)
    .map((block) => {
      const [heading, ...rest] = block.split('\n')
      const paragraphs = rest
        .join('\n')
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p !== '')
      const name = /^`([\w-]+)`$/.exec(heading!.trim())?.[1] ?? `unreadable heading ${heading}`
      if (!withDefault) return { name, description: paragraphs[0] ?? '' }
      const first = paragraphs[0] ?? ''
      const value = first === 'Required.' ? '(required)' : /^Default: `(.*)`$/.exec(first)?.[1]
      return { name, default: value ?? `unreadable "${first}"`, description: paragraphs[1] ?? '' }
    })
}

function expectedDefault(input: ActionField): string {
  if (input.required) return '(required)'
  return input.default === undefined || input.default === '' ? "''" : input.default
}

describe('docs/inputs.md', () => {
  it('lists every input of action.yml, in order, with its default and description', () => {
    expect(action.inputs.length).toBeGreaterThan(10)
    expect(entries(section(doc, 'Inputs'), true)).toEqual(
      action.inputs.map((input) => ({
        name: input.name,
        default: expectedDefault(input),
        description: input.description
      }))
    )
  })

  it('lists every output of action.yml, in order, with its description', () => {
    expect(action.outputs.length).toBeGreaterThan(2)
    expect(entries(section(doc, 'Outputs'), false)).toEqual(
      action.outputs.map((output) => ({ name: output.name, description: output.description }))
    )
  })

  it('says that outputs set in a post step never reach the workflow', () => {
    expect(section(doc, 'Outputs')).toMatch(/Outputs set in a post step never reach the workflow/)
  })

  it('would notice a changed description, a missing default or a dropped input', () => {
    const first = action.inputs[0]!
    const second = action.inputs[1]!
    const broken = doc
      .replace(first.description.split(' ').slice(0, 4).join(' '), 'Something else')
      .replace(`### \`${second.name}\`\n\nDefault:`, `### \`${second.name}\`\n\nDefaults:`)
    const parsed = entries(section(broken, 'Inputs'), true)
    expect(parsed[0]!.description).not.toBe(first.description)
    expect(parsed[1]!.default).toMatch(/^unreadable/)
    const dropped = doc.replace(/### `api-key`[\s\S]*?(?=### )/, '')
    expect(entries(section(dropped, 'Inputs'), true).map((e) => e.name)).not.toContain('api-key')
  })
})
