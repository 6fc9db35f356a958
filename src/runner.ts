// The Actions runner's file and workflow-command protocol: inputs, masks, state,
// outputs, summary and log. It replaces @actions/core on the hot path, whose
// import alone triples the start-up time of a step (see docs/benchmarks.md).
// Every line and file write is masked last, after all escaping.
import { appendFileSync, writeSync } from 'node:fs'
import { escapeCommandData, escapeCommandProperty } from './encodings.js'
import { addSecret, maskText, maskValues } from './secrets.js'

/** The line ending the runner's files and log use on this machine (node:os's EOL, without loading it). */
const EOL = process.platform === 'win32' ? '\r\n' : '\n'

type Env = NodeJS.ProcessEnv

/** The runner files a step writes, by the variable that names them. */
export type RunnerFile = 'GITHUB_STATE' | 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY'

function writeRaw(data: string): void {
  try {
    writeSync(1, data)
  } catch {
    process.stdout.write(data)
  }
}

function writeLine(line: string): void {
  writeRaw(maskText(line) + EOL)
}

// The runner reads a command from `##[name]` anywhere in a line, and from `::name::` at the
// start of a line after blanks (ActionCommand.TryParse, TryParseV2); a line ends at \r, \n
// or \r\n. `##\u005b` keeps JSON equal to itself, the backslash before `::` reads as
// an escape.
const OLD_COMMAND = /##\[/g
const LEADING_COMMAND = /(^|[\r\n])((?:(?![\r\n])[\s\u0085])*)::/g

/**
 * `text` with nothing the runner would read as a workflow command, for text from GitHub,
 * SEI or a file: each `##[` becomes `##\u005b` and a line that would start with `::` gets
 * a backslash before it. Secrets are masked first, so that no escape hides one.
 */
export function inert(text: string): string {
  return withoutOldCommands(text).replace(LEADING_COMMAND, '$1$2\\::')
}

/** `text` (secrets masked first) with each `##[` written `##\u005b`: no command anywhere in a line. */
export function withoutOldCommands(text: string): string {
  return maskText(text).replace(OLD_COMMAND, '##\\u005b')
}

/**
 * Prints `text` (several lines from outside, such as the payload) where the runner reads
 * no command: between `::stop-commands::` and the fresh token that ends it, in one write.
 */
export function infoBlock(text: string): void {
  // Web Crypto's global loads the crypto module on first use, not with this file: the
  // main step, which runs in every job, never pays for it.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  const token = `sei-${Buffer.from(bytes).toString('hex')}`
  writeRaw(`::stop-commands::${token}${EOL}${maskText(text)}${EOL}::${token}::${EOL}`)
}

function command(name: string, message: string, properties = ''): void {
  writeLine(`::${name}${properties}::${escapeCommandData(message)}`)
}

export function getInput(name: string, env: Env = process.env): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
  return (env[key] ?? '').trim()
}

/** Masks `value` in this process's output and asks the runner to mask it in the log. */
export function setSecret(value: string): void {
  if (!addSecret(value)) return
  writeRaw(`::add-mask::${escapeCommandData(value)}${EOL}`)
}

/** A line of text that may hold names from outside, printed inert; several lines as a block. */
export function info(message: string): void {
  if (/[\r\n]/.test(message)) infoBlock(message)
  else writeLine(inert(message))
}

export function notice(message: string): void {
  command('notice', message)
}

export function warning(message: string, title?: string): void {
  command('warning', message, title ? ` title=${escapeCommandProperty(title)}` : '')
}

export function error(message: string): void {
  command('error', message)
}

export function startGroup(title: string): void {
  writeLine(`::group::${escapeCommandData(title)}`)
}

export function endGroup(): void {
  writeLine('::endgroup::')
}

/**
 * Appends masked `text` to the runner file `fileVar` names. A write that fails is a
 * warning naming the file, never an error: returns false then, or when there is no file.
 */
function appendRunnerFile(fileVar: RunnerFile, text: string, env: Env, masked = false): boolean {
  const file = env[fileVar]
  if (!file) return false
  try {
    appendFileSync(file, masked ? text : maskText(text), 'utf8')
    return true
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error'
    warning(
      `Could not write ${fileVar} (${file}): ${code}. The job is not affected.`,
      'sei-cicd-action'
    )
    return false
  }
}

function delimiter(): string {
  return `ghadelimiter_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
}

/** `name=value` in the runner's heredoc form, with a delimiter found in neither. */
function keyValue(name: string, value: string): string {
  let marker = delimiter()
  while (value.includes(marker) || name.includes(marker)) marker = delimiter()
  return `${name}<<${marker}${EOL}${value}${EOL}${marker}${EOL}`
}

export function saveState(name: string, value: string, env: Env = process.env): void {
  if (!env.GITHUB_STATE) {
    writeLine(`::save-state name=${escapeCommandProperty(name)}::${escapeCommandData(value)}`)
    return
  }
  appendRunnerFile('GITHUB_STATE', keyValue(name, value), env)
}

export function getState(name: string, env: Env = process.env): string {
  return env[`STATE_${name}`] ?? ''
}

export function setOutput(name: string, value: string, env: Env = process.env): void {
  if (!env.GITHUB_OUTPUT) {
    writeLine(`::set-output name=${escapeCommandProperty(name)}::${escapeCommandData(value)}`)
    return
  }
  appendRunnerFile('GITHUB_OUTPUT', keyValue(name, value), env)
}

/**
 * Sets an output to `value` as JSON, masked value by value rather than as text, so
 * that it stays valid JSON whatever the secrets are.
 */
export function setJsonOutput(name: string, value: unknown, env: Env = process.env): void {
  const json = JSON.stringify(maskValues(value))
  if (!env.GITHUB_OUTPUT) {
    writeRaw(`::set-output name=${escapeCommandProperty(name)}::${escapeCommandData(json)}${EOL}`)
    return
  }
  appendRunnerFile('GITHUB_OUTPUT', keyValue(name, json), env, true)
}

/** Appends Markdown to the job summary; false when there is no summary file or it failed. */
export function appendSummary(markdown: string, env: Env = process.env): boolean {
  return appendRunnerFile('GITHUB_STEP_SUMMARY', markdown + EOL, env)
}

export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}
