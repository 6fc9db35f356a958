// Reading the project's Markdown the way the documentation tests need it: sections by
// heading, table rows, fenced code blocks, links, and the anchors GitHub gives headings.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** README.md and every Markdown file under docs/, as paths from the repository root. */
export const DOC_FILES = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync('docs')
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file))
]

export function read(path: string): string {
  return readFileSync(path, 'utf8')
}

/** Text outside fenced code blocks, with the blocks' lines left blank. */
export function prose(text: string): string {
  let fenced = false
  return text
    .split('\n')
    .map((line) => {
      if (/^ *```/.test(line)) {
        fenced = !fenced
        return ''
      }
      return fenced ? '' : line
    })
    .join('\n')
}

/** The text of the section titled `title` at `level` (2 for `## `), up to the next one. */
export function section(text: string, title: string, level = 2): string {
  const lines = text.split('\n')
  const heading = `${'#'.repeat(level)} ${title}`
  let fenced = false
  let start = -1
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (/^ *```/.test(line)) fenced = !fenced
    if (fenced) continue
    if (start < 0 && line === heading) start = i
    else if (start >= 0 && new RegExp(`^#{1,${level}} `).test(line)) {
      return lines.slice(start, i).join('\n')
    }
  }
  if (start < 0) throw new Error(`no "${heading}" section`)
  return lines.slice(start).join('\n')
}

/** The body rows of the first table in `text`, as trimmed cells. */
export function tableRows(text: string): string[][] {
  const lines = text.split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  if (first < 0) return []
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

/** The contents of the fenced blocks of language `lang`, indentation removed. */
export function codeBlocks(text: string, lang: string): string[] {
  const blocks: string[] = []
  const pattern = new RegExp('^( *)```' + lang + '\\n([\\s\\S]*?)^ *```$', 'gm')
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const indent = m[1]!.length
    blocks.push(
      m[2]!
        .split('\n')
        .map((line) => line.slice(Math.min(indent, line.search(/\S|$/))))
        .join('\n')
    )
  }
  return blocks
}

/** The anchors GitHub gives the headings of `text` (lower case, punctuation dropped). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    found.add(count === 0 ? base : `${base}-${count}`)
  }
  return found
}

export interface Link {
  /** The file the link is in. */
  from: string
  /** The linked file, from the repository root; `from` itself for `#anchor` links. */
  file: string
  anchor?: string
}

/** Links to files of the repository (not to web addresses) in the prose of `from`. */
export function localLinks(from: string): Link[] {
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '.'
  const links: Link[] = []
  for (const m of prose(read(from)).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!
    if (/^[a-z]+:/.test(target)) continue
    const [path, anchor] = target.split('#') as [string, string | undefined]
    const file = path === '' ? from : join(dir, path)
    links.push({ from, file, ...(anchor === undefined ? {} : { anchor }) })
  }
  return links
}
