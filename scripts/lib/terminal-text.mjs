// Runner output and job-summary Markdown as a terminal shows them, for `npm run local`:
// workflow commands as the runner would display them, tables aligned, the Mermaid
// timeline drawn as bars.

const unescapeData = (text) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

/** A step's log with its workflow commands shown the way the runner's log shows them. */
export function runnerLog(log) {
  const lines = []
  let group
  for (const line of log.split('\n')) {
    if (group !== undefined) {
      if (line === '::endgroup::') {
        lines.push(`▸ ${group} (collapsed)`)
        group = undefined
      }
      continue
    }
    const command = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line)
    if (!command) {
      if (line !== '') lines.push(line)
      continue
    }
    const [, name, , data] = command
    if (name === 'group') group = unescapeData(data)
    else if (['notice', 'warning', 'error'].includes(name))
      lines.push(`${name[0].toUpperCase()}${name.slice(1)}: ${unescapeData(data)}`)
    // add-mask, debug and the rest are the runner's business, not the reader's.
  }
  return lines
}

const inline = (text) =>
  text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(^|\s)_(.+?)_(?=\s|$|[.,;:])/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+!|~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/<\/?[a-z][^>]*>/gi, '')

function cells(row) {
  return row
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => inline(cell.trim()))
}

function alignedTable(rows) {
  const [header, , ...body] = rows.map(cells)
  const widths = header.map((_, i) =>
    Math.max(...[header, ...body].map((row) => (row[i] ?? '').length))
  )
  const line = (row) =>
    '  ' +
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...body.map(line)]
}

/** The Mermaid gantt block drawn as one bar per task on a shared time axis. */
function timelineBars(block, width = 40) {
  const tasks = []
  for (const line of block) {
    const section = /^\s*section (.+)$/.exec(line)
    if (section) tasks.push({ section: section[1] })
    const task = /^\s*(.+?) : [^,]*, [^,]*, (\d+), (\d+)$/.exec(line)
    if (task) tasks.push({ name: task[1], start: Number(task[2]), end: Number(task[3]) })
  }
  const timed = tasks.filter((task) => task.name !== undefined)
  if (timed.length === 0) return []
  const first = Math.min(...timed.map((task) => task.start))
  const span = Math.max(1, Math.max(...timed.map((task) => task.end)) - first)
  const nameWidth = Math.min(40, Math.max(...timed.map((task) => task.name.length)))
  return tasks.map((task) => {
    if (task.section !== undefined) return `  ${task.section}`
    const from = Math.round(((task.start - first) / span) * width)
    const length = Math.max(1, Math.round(((task.end - task.start) / span) * width))
    const name = task.name.length > nameWidth ? `${task.name.slice(0, nameWidth - 1)}…` : task.name
    return `    ${name.padEnd(nameWidth)}  ${' '.repeat(from)}${'█'.repeat(length)}`
  })
}

/** Job-summary Markdown as plain terminal lines. */
export function terminalSummary(markdown) {
  const out = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heading = /^#{1,6} (.+)$/.exec(line)
    const folded = /^<details><summary>(.+)<\/summary>$/.exec(line)
    if (folded) {
      // A folded block stays folded: its title, not its content.
      out.push(`▸ ${inline(folded[1])} (folded)`)
      while (i < lines.length && !lines[i].includes('</details>')) i++
    } else if (heading) {
      const text = inline(heading[1])
      out.push(text, '═'.repeat(Math.min(text.length, 80)))
    } else if (line.startsWith('```')) {
      const block = []
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) block.push(lines[i])
      out.push(
        ...(line.includes('mermaid') ? timelineBars(block) : block.map((text) => `  ${text}`))
      )
    } else if (line.startsWith('|')) {
      const rows = []
      for (; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i])
      i--
      out.push(...alignedTable(rows))
    } else {
      out.push(inline(line))
    }
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
