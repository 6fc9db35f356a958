// Runs the bundled action the way the Actions runner does: INPUT_* variables, the
// GITHUB_STATE file of the main step handed to the post step as STATE_*, and the
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH files. Like the runner, it
// keeps only the outputs of the main step: a post step runs without a step context
// (ExecutionContext.CreatePostChild), so SetOutput stores nothing for it.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Parses a runner command file (name=value lines and name<<DELIMITER heredocs). */
export function parseCommandFile(text) {
  const values = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, marker] = heredoc
      const body = []
      for (i++; i < lines.length && lines[i] !== marker; i++) body.push(lines[i])
      values[name] = body.join('\n')
    } else {
      const eq = line.indexOf('=')
      values[line.slice(0, eq)] = line.slice(eq + 1)
    }
  }
  return values
}

/** The commands a runner registers (ActionCommandManager and its extensions). */
export const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'warning'
]

// .NET's Char.IsWhiteSpace, which String.TrimStart removes: JavaScript's \s without
// U+FEFF, with U+0085.
const DOTNET_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

const unescapeWith = (pairs) => (text) =>
  pairs.reduce((out, [token, replacement]) => out.split(replacement).join(token), text ?? '')
// ActionCommand's mappings, applied in its order.
const unescapeOld = unescapeWith([
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25']
])
const unescapeData = unescapeWith([
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25']
])
const unescapeProperty = unescapeWith([
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25']
])

function properties(text, separator, unescape) {
  const found = {}
  for (const pair of text.split(separator).filter(Boolean)) {
    const eq = pair.indexOf('=')
    const [name, value] = eq < 0 ? [pair] : [pair.slice(0, eq), pair.slice(eq + 1)]
    if (name && value) found[name] = unescape(value)
  }
  return found
}

/** `::name props::data` at the start of a line after blanks (ActionCommand.TryParseV2). */
function parseCommandLine(line, registered) {
  const message = line.replace(DOTNET_SPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (!registered.has(command.toLowerCase())) return undefined
  const props = space > 0 ? properties(info.slice(space + 1).trim(), ',', unescapeProperty) : {}
  return { command, properties: props, data: unescapeData(message.slice(end + 2)) }
}

/** `##[name props]data` anywhere in a line: the first `##[` only (ActionCommand.TryParse). */
function parseOldCommand(line, registered) {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const end = line.indexOf(']', prefix)
  if (end < 0) return undefined
  const info = line.slice(prefix + 3, end)
  const space = info.indexOf(' ')
  const command = space < 0 ? info : info.slice(0, space)
  if (!registered.has(command.toLowerCase())) return undefined
  const props = space > 0 ? properties(info.slice(space + 1), ';', unescapeOld) : {}
  return { command, properties: props, data: unescapeOld(line.slice(end + 1)) }
}

/**
 * The workflow commands the runner runs for a step's output lines, in the order they
 * came (ActionCommandManager.TryProcessCommand; one manager per step): stop-commands and
 * the token that resumes, every registered command found by either syntax. `stopped` is
 * true when the step left command processing stopped; `refused` lists stop tokens the
 * runner refuses (a registered command name, empty, pause-logging), which fail the step.
 */
export function runnerCommands(lines) {
  const registered = new Set([...RUNNER_COMMANDS, 'stop-commands'])
  const commands = []
  const refused = []
  let token
  for (const line of lines) {
    if (!line || (!line.includes('##[') && !line.includes('::'))) continue
    const found = parseCommandLine(line, registered) ?? parseOldCommand(line, registered)
    if (!found) continue
    const name = found.command.toLowerCase()
    if (token !== undefined) {
      if (name === token.toLowerCase()) {
        registered.delete(name)
        token = undefined
        commands.push({ ...found, line })
      }
      continue
    }
    if (name === 'stop-commands') {
      const bad =
        registered.has(found.data.toLowerCase()) ||
        found.data === '' ||
        found.data.toLowerCase() === 'pause-logging'
      if (bad) {
        refused.push(found.data)
        continue
      }
      token = found.data
      registered.add(token.toLowerCase())
    }
    commands.push({ ...found, line })
  }
  return { commands, stopped: token !== undefined, refused }
}

/** Splits a stream into lines as .NET's StreamReader.ReadLine does: at \r, \n or \r\n. */
export function lineSplitter(onLine) {
  let rest = ''
  return {
    push(chunk) {
      rest += chunk
      const parts = rest.split(/\r\n|\r|\n/)
      rest = parts.pop()
      for (const line of parts) onLine(line)
    },
    end() {
      if (rest !== '') for (const line of rest.split(/\r\n|\r|\n/)) if (line !== '') onLine(line)
      rest = ''
    }
  }
}

function readIfExists(file) {
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

/** Runs one node script; resolves with its exit code and output. */
export function runNode(
  script,
  env,
  { timeoutMs = 120_000, node = process.execPath, onSpawn, args = [] } = {}
) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(node, [script, ...args], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    // The runner reads both streams line by line and runs their commands as lines come.
    const lines = []
    const out = lineSplitter((line) => lines.push(line))
    const err = lineSplitter((line) => lines.push(line))
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      out.push(chunk)
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      err.push(chunk)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      out.end()
      err.end()
      const { commands, stopped, refused } = runnerCommands(lines)
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ms: Date.now() - started,
        commands,
        stopped,
        refused
      })
    })
  })
}

/** The variables the runner gives every job, for a push to main of octo-org/octo-repo. */
export function runnerEnv(dir, overrides = {}) {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_RUN_ID: '9100000001',
    GITHUB_RUN_NUMBER: '57',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_JOB: 'build',
    GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_HEAD_REF: '',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    RUNNER_NAME: 'GitHub Actions 1000000012',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: join(dir, 'runner-temp'),
    ...overrides
  }
}

/**
 * Runs dist/main then dist/post. `inputs` are action inputs by name (the defaults of
 * action.yml are applied for those not given, as the runner does); `postInputs`
 * override some for the post stage, where the runner evaluates them again.
 */
export async function runAction({
  inputs = {},
  postInputs = {},
  env = {},
  event = {},
  node,
  skipMain = false,
  onMain,
  onPost,
  dir = mkdtempSync(join(tmpdir(), 'sei-action-'))
} = {}) {
  const files = {
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_OUTPUT: join(dir, 'output'),
    POST_OUTPUT: join(dir, 'post-output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_EVENT_PATH: join(dir, 'event.json')
  }
  for (const [name, file] of Object.entries(files)) {
    if (name !== 'GITHUB_EVENT_PATH') writeFileSync(file, '')
  }
  writeFileSync(files.GITHUB_EVENT_PATH, typeof event === 'string' ? event : JSON.stringify(event))
  const { POST_OUTPUT, ...runnerFiles } = files
  const base = { ...runnerEnv(dir), ...runnerFiles, ...env }
  const inputEnv = (values) => {
    const out = {}
    for (const [name, value] of Object.entries({ ...ACTION_DEFAULTS, ...values })) {
      out[`INPUT_${name.toUpperCase()}`] = value
    }
    return out
  }
  const main = skipMain
    ? { code: 0, stdout: '', stderr: '' }
    : await runNode(
        join(ROOT, 'dist/main/index.js'),
        { ...base, ...inputEnv(inputs) },
        { node, onSpawn: onMain }
      )
  const state = parseCommandFile(readIfExists(files.GITHUB_STATE))
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
  const post = await runNode(
    join(ROOT, 'dist/post/index.js'),
    {
      ...base,
      ...(env.GITHUB_OUTPUT ? {} : { GITHUB_OUTPUT: POST_OUTPUT }),
      ...inputEnv({ ...inputs, ...postInputs }),
      ...stateEnv
    },
    { node, onSpawn: onPost }
  )
  return {
    dir,
    main,
    post,
    state,
    outputs: parseCommandFile(readIfExists(base.GITHUB_OUTPUT)),
    droppedOutputs: parseCommandFile(readIfExists(POST_OUTPUT)),
    summary: readIfExists(files.GITHUB_STEP_SUMMARY),
    log: main.stdout + main.stderr + post.stdout + post.stderr
  }
}

/** The defaults action.yml gives inputs that the runner would fill, as evaluated in a job. */
export const ACTION_DEFAULTS = {
  'api-key': '',
  'sei-endpoint': 'prod2',
  'instance-name': 'GitHub Actions',
  'github-token': 'ghs_faketoken000000000000000000000000',
  'allow-insecure-http': 'false',
  'dry-run': 'false',
  'fail-on-error': 'false',
  'timeout-seconds': '60',
  scope: 'job',
  'run-id': '',
  cd: 'auto',
  artifacts: '',
  params: '',
  'project-name': '',
  'module-name': '',
  themes: '',
  'hotfix-branches': 'hotfix/*, hotfix-*',
  'cfr-status': '',
  'job-status': 'success',
  'job-check-run-id': '',
  matrix: 'null'
}

/** The action's inputs as the runner passes them: INPUT_<NAME>, over the defaults. */
export function inputEnv(values) {
  const out = {}
  for (const [name, value] of Object.entries({ ...ACTION_DEFAULTS, ...values })) {
    out[`INPUT_${name.toUpperCase()}`] = value
  }
  return out
}

/**
 * A step's environment as the runner starts it, for the bench scripts: the runner's
 * variables, empty command files and the sample push event in `dir`.
 */
export function stepEnv(dir, extra) {
  const files = {
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_EVENT_PATH: join(dir, 'event.json')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  writeFileSync(files.GITHUB_EVENT_PATH, readFileSync(join(ROOT, 'samples', 'event-push.json')))
  // Only what the runner sets: in particular no NODE_EXTRA_CA_CERTS or NODE_OPTIONS.
  return { ...runnerEnv(dir), ...files, ...extra }
}
