import { existsSync } from 'node:fs'
import { DOC_FILES, anchors, localLinks, read, type Link } from './markdown.js'

const links = DOC_FILES.flatMap(localLinks)

function broken(link: Link): string | undefined {
  const where = `${link.from} -> ${link.file}${link.anchor ? '#' + link.anchor : ''}`
  if (!existsSync(link.file)) return where
  if (link.anchor === undefined || !link.file.endsWith('.md')) return undefined
  return anchors(read(link.file)).has(link.anchor) ? undefined : where
}

describe('links in the README and docs/', () => {
  it('are found', () => {
    expect(links.length).toBeGreaterThan(30)
    expect(links.some((link) => link.from === 'README.md' && link.file === 'docs/mapping.md')).toBe(
      true
    )
  })

  it('lead to files that exist and to headings those files have', () => {
    expect(links.map(broken).filter((where) => where !== undefined)).toEqual([])
  })

  it('would be reported when a file or a heading is missing', () => {
    expect(broken({ from: 'README.md', file: 'docs/nothing.md' })).toBe(
      'README.md -> docs/nothing.md'
    )
    expect(broken({ from: 'README.md', file: 'docs/design.md', anchor: 'no-such-part' })).toBe(
      'README.md -> docs/design.md#no-such-part'
    )
    expect(broken({ from: 'README.md', file: 'docs/design.md', anchor: 'large-reports' })).toBe(
      undefined
    )
  })

  it('give headings the anchors GitHub gives them', () => {
    const text = '# A `cd: auto` rule\n## `cfr_status`, `themes`\n## Again\n## Again\n'
    expect([...anchors(text)]).toEqual(['a-cd-auto-rule', 'cfr_status-themes', 'again', 'again-1'])
    expect(anchors('```sh\n# a comment, not a heading\n```\n').size).toBe(0)
  })
})

describe('docs/ pages', () => {
  const own = DOC_FILES.filter(
    (file) => file !== 'README.md' && !file.endsWith('summary-example.md')
  )

  it('are readable in a terminal: no line wider than 120 but table rows and addresses', () => {
    const wide = own.flatMap((file) =>
      read(file)
        .split('\n')
        .filter((line) => line.length > 120 && !line.startsWith('|') && !/^\[[\w-]+\]: /.test(line))
        .map((line) => `${file}: ${line.slice(0, 60)}…`)
    )
    expect(wide).toEqual([])
  })

  it('keep tables narrow, except the table of error messages', () => {
    const wide = own
      .filter((file) => !['docs/troubleshooting.md', 'docs/benchmarks.md'].includes(file))
      .flatMap((file) =>
        read(file)
          .split('\n')
          .filter((line) => line.startsWith('|') && line.length > 100)
          .map((line) => `${file}: ${line.slice(0, 60)}…`)
      )
    expect(wide).toEqual([])
  })
})
