// Runs the bundled action's main and post steps on the built-in sample data, in dry
// run, against a loopback stand-in for the GitHub API, the way the runner would.
// Tells on stderr what ran, the request the post step would send and the job summary
// it wrote, drawn for a terminal; prints the payload, and only the payload, on stdout.
// No GitHub or SEI account is needed: `npm run local`. To keep the payload,
// `npm run -s local > payload.json`: without -s, npm prints its own "> script" banner on
// stdout before the script starts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeGitHub } from './lib/fake-servers.mjs'
import { ROOT, runAction } from './lib/runner-sim.mjs'
import { runnerLog, terminalSummary } from './lib/terminal-text.mjs'

const sample = (name) => JSON.parse(readFileSync(join(ROOT, 'samples', name), 'utf8'))

// The headers the post step sends with a report (seiPost in src/sei/deliver.ts; the
// local-run test holds the two together). The key is never shown.
const REPORT_HEADERS = {
  authorization: 'ApiKey <the api-key secret>',
  'content-type': 'application/json',
  'user-agent': 'sei-cicd-action'
}

// The sample job ran yesterday; move its times so that it started two minutes ago.
function shiftedJob() {
  const job = sample('job.json')
  const offset = Date.now() - 120_000 - Date.parse(job.started_at)
  const shift = (time) => (time ? new Date(Date.parse(time) + offset).toISOString() : time)
  for (const key of ['created_at', 'started_at', 'completed_at']) job[key] = shift(job[key])
  for (const step of job.steps) {
    step.started_at = shift(step.started_at)
    step.completed_at = shift(step.completed_at)
  }
  return job
}

const heading = (title) => `\n${title}\n${'─'.repeat(title.length)}`
const indent = (lines) => lines.map((line) => (line === '' ? '' : `  ${line}`))

function stepLine(name, script, result) {
  return `${name.padEnd(10)} node ${script.padEnd(19)} exit ${result.code ?? result.signal} in ${result.ms} ms`
}

function describeRun(inputs, github, result, payloadText) {
  const target = /Would be posted to (\S+) \(dry run/.exec(result.summary)?.[1] ?? 'SEI'
  const shown = Object.entries(inputs).map(([name, value]) => `${name}: ${value}`)
  return [
    heading('What ran (as the Actions runner runs the action)'),
    ...indent([
      stepLine('main step', 'dist/main/index.js', result.main),
      stepLine('post step', 'dist/post/index.js', result.post),
      'with the inputs',
      ...indent(shown),
      'against a stand-in for the GitHub API on 127.0.0.1, serving samples/job.json:',
      ...indent(github.requests.map((request) => `${request.method} ${request.path}`))
    ]),
    heading('Their log'),
    ...indent(runnerLog(result.log)),
    heading('The request a real run would send (dry run: not sent)'),
    ...indent([
      `POST ${target}`,
      ...Object.entries(REPORT_HEADERS).map(([name, value]) => `${name}: ${value}`),
      `body: the payload on stdout (${Buffer.byteLength(payloadText)} bytes)`
    ]),
    heading('The job summary it wrote'),
    ...indent(terminalSummary(result.summary).split('\n')),
    ''
  ].join('\n')
}

/**
 * The payload a dry run shows in the job summary (a post step sets no output: the
 * runner would drop it), HTML-unescaped as escapeHtml escaped it.
 */
function summaryPayload(summary) {
  const block = /<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(summary ?? '')?.[1]
  if (block === undefined) return undefined
  const html = { '&amp;': '&', '&lt;': '<', '&gt;': '>' }
  return block.replace(/&(amp|lt|gt);/g, (entity) => html[entity])
}

const job = shiftedJob()
const github = await startFakeGitHub({ jobs: [job] })
try {
  const inputs = {
    'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
    'dry-run': 'true',
    'job-check-run-id': String(job.id),
    matrix: JSON.stringify({ os: 'ubuntu-latest', node: 20 })
  }
  const result = await runAction({
    inputs,
    env: { GITHUB_API_URL: github.url },
    event: sample('event-push.json')
  })
  const payloadText = summaryPayload(result.summary)
  if (result.post.code !== 0 || !payloadText) {
    process.stderr.write(runnerLog(result.log).join('\n') + '\n')
    process.stderr.write('The local run did not produce a payload.\n')
    process.exitCode = 1
  } else {
    process.stderr.write(describeRun(inputs, github, result, payloadText) + '\n')
    process.stdout.write(JSON.stringify(JSON.parse(payloadText), null, 2) + '\n')
  }
} finally {
  await github.close()
}
