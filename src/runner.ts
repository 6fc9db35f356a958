// The Actions runner's file and workflow-command protocol: inputs, masks, state,
// outputs, summary and log. It replaces @actions/core on the hot path, whose
// import alone triples the start-up time of a step (see docs/benchmarks.md).
import { appendFileSync, writeSync } from 'node:fs'
import { EOL } from 'node:os'

type Env = NodeJS.ProcessEnv

const secrets = new Set<string>()

/** Replaces every registered secret in `text` with `***`. */
export function redact(text: string): string {
  let out = text
  // Longest first, so that a secret containing a shorter one is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***')
  }
  return out
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function writeLine(line: string): void {
  const data = line + EOL
  try {
    writeSync(1, data)
  } catch {
    process.stdout.write(data)
  }
}

function command(name: string, message: string, properties = ''): void {
  writeLine(`::${name}${properties}::${escapeData(redact(message))}`)
}

export function getInput(name: string, env: Env = process.env): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
  return (env[key] ?? '').trim()
}

export function setSecret(value: string): void {
  if (value === '' || secrets.has(value)) return
  secrets.add(value)
  writeLine(`::add-mask::${escapeData(value)}`)
}

export function info(message: string): void {
  writeLine(redact(message))
}

export function notice(message: string): void {
  command('notice', message)
}

export function warning(message: string, title?: string): void {
  command('warning', message, title ? ` title=${escapeProperty(title)}` : '')
}

export function error(message: string): void {
  command('error', message)
}

export function startGroup(title: string): void {
  writeLine(`::group::${escapeData(redact(title))}`)
}

export function endGroup(): void {
  writeLine('::endgroup::')
}

function delimiter(): string {
  return `ghadelimiter_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
}

/** Appends `name=value` in the runner's heredoc form to the file named by `fileVar`. */
function appendKeyValue(fileVar: string, name: string, value: string, env: Env): boolean {
  const file = env[fileVar]
  if (!file) return false
  let marker = delimiter()
  while (value.includes(marker) || name.includes(marker)) marker = delimiter()
  appendFileSync(file, `${name}<<${marker}${EOL}${value}${EOL}${marker}${EOL}`, 'utf8')
  return true
}

export function saveState(name: string, value: string, env: Env = process.env): void {
  if (!appendKeyValue('GITHUB_STATE', name, value, env)) {
    writeLine(`::save-state name=${escapeProperty(name)}::${escapeData(value)}`)
  }
}

export function getState(name: string, env: Env = process.env): string {
  return env[`STATE_${name}`] ?? ''
}

export function setOutput(name: string, value: string, env: Env = process.env): void {
  const safe = redact(value)
  if (!appendKeyValue('GITHUB_OUTPUT', name, safe, env)) {
    writeLine(`::set-output name=${escapeProperty(name)}::${escapeData(safe)}`)
  }
}

/** Appends Markdown to the job summary; returns false when the runner gave no summary file. */
export function appendSummary(markdown: string, env: Env = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, redact(markdown) + EOL, 'utf8')
  return true
}

export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}
