// Runs the bundled action's main and post steps on the built-in sample data, in dry
// run, against a loopback stand-in for the GitHub API, and prints the payload.
// No GitHub or SEI account is needed: `npm run local`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeGitHub } from './lib/fake-servers.mjs'
import { ROOT, runAction } from './lib/runner-sim.mjs'

const sample = (name) => JSON.parse(readFileSync(join(ROOT, 'samples', name), 'utf8'))

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

const job = shiftedJob()
const github = await startFakeGitHub({ jobs: [job] })
try {
  const result = await runAction({
    inputs: {
      'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
      'dry-run': 'true',
      'job-check-run-id': String(job.id),
      matrix: JSON.stringify({ os: 'ubuntu-latest', node: 20 })
    },
    env: { GITHUB_API_URL: github.url },
    event: sample('event-push.json')
  })
  process.stderr.write(result.log.replace(/^::group::.*\n[\s\S]*?::endgroup::\n/m, ''))
  if (result.post.code !== 0 || !result.droppedOutputs.payload) {
    process.stderr.write('The local run did not produce a payload.\n')
    process.exitCode = 1
  } else {
    process.stdout.write(JSON.stringify(JSON.parse(result.droppedOutputs.payload), null, 2) + '\n')
  }
} finally {
  await github.close()
}
