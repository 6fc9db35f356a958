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

function readIfExists(file) {
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

/** Runs one node script; resolves with its exit code and output. */
export function runNode(
  script,
  env,
  { timeoutMs = 120_000, node = process.execPath, onSpawn } = {}
) {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(node, [script], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
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
