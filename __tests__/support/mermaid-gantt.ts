// A strict structural check of the Mermaid gantt blocks the summary writes, after
// the statements of Mermaid's gantt grammar (gantt.jison): what each line may hold,
// and what would end a label, a statement or the code block early.

const TAGS = new Set(['done', 'active', 'crit', 'milestone'])
const STATEMENT_WORDS =
  /^(gantt|title|section|click|excludes|includes|dateformat|axisformat|tickinterval|todaymarker|weekday|weekend|inclusiveenddates|topaxis|acctitle|accdescr|call|href)\b/i

export interface GanttTask {
  label: string
  tags: string[]
  id: string
  start: number
  end: number
  section: string
}

export interface GanttCheck {
  problems: string[]
  sections: string[]
  tasks: GanttTask[]
}

/** The ```mermaid blocks of a Markdown text, without their fences. */
export function mermaidBlocks(markdown: string): string[] {
  const blocks: string[] = []
  const pattern = /^```mermaid\n([\s\S]*?)^```$/gm
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) blocks.push(m[1]!)
  return blocks
}

function checkLabel(label: string, where: string, problems: string[]): void {
  if (label === '') problems.push(`${where}: empty label`)
  if (/[:;#`<>{}]|%%/.test(label)) problems.push(`${where}: "${label}" holds a syntax character`)
  if (STATEMENT_WORDS.test(label)) problems.push(`${where}: "${label}" starts with a keyword`)
}

export function checkGantt(block: string): GanttCheck {
  const problems: string[] = []
  const sections: string[] = []
  const tasks: GanttTask[] = []
  const ids = new Set<string>()
  const lines = block.split('\n').filter((line) => line.trim() !== '')
  if (lines[0] !== 'gantt') problems.push(`first line is "${lines[0] ?? ''}", not "gantt"`)
  let dateFormat: string | undefined
  lines.slice(1).forEach((raw, index) => {
    const where = `line ${index + 2}`
    const line = raw.trim()
    if (!raw.startsWith('  ')) problems.push(`${where}: not indented under gantt`)
    if (line.includes('```')) problems.push(`${where}: a code fence inside the block`)
    const directive = /^(dateFormat|axisFormat|todayMarker|title|section)\s+(.+)$/.exec(line)
    if (directive) {
      const [, word, value] = directive
      if (word === 'dateFormat') dateFormat = value
      if (word === 'section') {
        checkLabel(value!, where, problems)
        sections.push(value!)
      }
      if (word === 'todayMarker' && value !== 'off') problems.push(`${where}: todayMarker ${value}`)
      return
    }
    const task = /^([^:]+?)\s*:\s*(.+)$/.exec(line)
    if (!task) {
      problems.push(`${where}: "${line}" is neither a statement nor a task`)
      return
    }
    const [, label, data] = task
    checkLabel(label!, where, problems)
    if (sections.length === 0) problems.push(`${where}: task before any section`)
    if (/[:;#]/.test(data!)) problems.push(`${where}: task data "${data}" holds : ; or #`)
    const parts = data!.split(',').map((part) => part.trim())
    const tags = parts.filter((part) => TAGS.has(part))
    const rest = parts.filter((part) => !TAGS.has(part))
    if (parts.slice(0, tags.length).some((part) => !TAGS.has(part)))
      problems.push(`${where}: tags must come first`)
    if (rest.length !== 3) {
      problems.push(`${where}: task data "${data}" is not [tags,] id, start, end`)
      return
    }
    const [id, start, end] = rest as [string, string, string]
    if (!/^[A-Za-z_][\w-]*$/.test(id)) problems.push(`${where}: id "${id}" is not an identifier`)
    if (ids.has(id)) problems.push(`${where}: id "${id}" used twice`)
    ids.add(id)
    if (dateFormat !== 'x') problems.push(`${where}: dateFormat is ${dateFormat}, not x`)
    if (!/^\d{13}$/.test(start) || !/^\d{13}$/.test(end))
      problems.push(`${where}: start and end are not epoch milliseconds`)
    if (Number(end) < Number(start)) problems.push(`${where}: ends before it starts`)
    tasks.push({
      label: label!,
      tags,
      id,
      start: Number(start),
      end: Number(end),
      section: sections.at(-1) ?? ''
    })
  })
  if (dateFormat === undefined) problems.push('no dateFormat')
  return { problems, sections, tasks }
}
