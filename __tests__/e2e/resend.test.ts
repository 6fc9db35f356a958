// The re-send a warning and a summary give when SEI did not take a report: pasted on
// another machine once the job has ended, it rebuilds the report from the GitHub API
// and posts it, with no file from the runner (GitHub-hosted runners empty theirs).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { FakeGitHubWorld } from '../../scripts/lib/fake-servers.mjs'
import { run as apiRun } from '../fixtures/runs.js'
import { annotations, fakes, leaks, sample, sim } from '../support/harness.js'
import { GUID, JOB_ID, KEY, TOKEN } from '../support/fault-case.js'

const CLI = 'npx github:sei-cicd-action/sei-cicd-action#v1'
const LOCAL_CLI = `${process.execPath} ${join(process.cwd(), 'dist/cli/index.js')}`

interface Pasted {
  code: number
  stdout: string
  stderr: string
}

/** Runs `command` as a shell on a laptop would, with only a token and a key set. */
async function paste(command: string): Promise<Pasted> {
  const local = command.split(CLI).join(LOCAL_CLI)
  try {
    const { stdout, stderr } = await promisify(execFile)('bash', ['-c', local], {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: TOKEN, SEI_API_KEY: KEY },
      encoding: 'utf8'
    })
    return { code: 0, stdout, stderr }
  } catch (cause) {
    const failed = cause as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** The job as GitHub shows it once it has ended: every step done, the job a success. */
function endedJob(job: Record<string, unknown>): Record<string, unknown> {
  const steps = (job.steps as Record<string, unknown>[]).map((step) => ({
    ...step,
    status: 'completed',
    conclusion: 'success',
    completed_at: (step.completed_at as string | null) ?? '2026-11-30T09:44:31Z',
    started_at: (step.started_at as string | null) ?? '2026-11-30T09:44:30Z'
  }))
  return {
    ...job,
    status: 'completed',
    conclusion: 'success',
    completed_at: '2026-11-30T09:44:31Z',
    steps
  }
}

describe('the re-send from the GitHub API', () => {
  it('is given first in the warning and the summary, and works pasted on another machine once the job has ended', async () => {
    const job = sample<Record<string, unknown>>('job.json')
    const world: FakeGitHubWorld = {
      jobs: [job],
      run: apiRun({ status: 'in_progress', conclusion: null })
    }
    const github = await fakes.startFakeGitHub(world)
    const sei = await fakes.startFakeSei({ responses: [{ status: 401 }], key: KEY })
    try {
      const step = await sim.runAction({
        inputs: {
          'instance-guid': GUID,
          'api-key': KEY,
          'github-token': TOKEN,
          'sei-endpoint': sei.url,
          'job-check-run-id': String(JOB_ID),
          environment: 'staging'
        },
        env: { GITHUB_API_URL: github.url },
        event: sample('event-push.json')
      })
      expect(sei.reports).toHaveLength(0)
      const warning = annotations(step.log, 'warning')[0] ?? ''
      const command = /from any machine with `([^`]+)`/.exec(warning)?.[1]
      expect(command).toBe(
        `${CLI} preview --run-id=https://github.com/octo-org/octo-repo/actions/runs/9100000001/job/${JOB_ID} --instance-guid=${GUID} --api-url=${github.url} --environment=staging | ${CLI} send - --sei-endpoint ${sei.url}`
      )
      expect(warning.indexOf('from any machine')).toBeLessThan(
        warning.indexOf('On a self-hosted runner')
      )
      expect(step.summary).toContain(`from any machine with \`${command}\``)
      const keptFile = /the payload kept in (\S+) can be sent/.exec(warning)?.[1]
      const kept = JSON.parse(readFileSync(keptFile!, 'utf8')) as Record<string, unknown>

      const early = await paste(command!)
      expect(early.code).toBe(1)
      expect(early.stderr).toContain(
        'Note: the job has not finished (1 job(s) marked RUNNING or QUEUED)'
      )
      expect(early.stderr).toContain(
        'Standard input is a preview of a run still in progress (1 job(s) not finished): preview it again once GitHub shows it finished, then send that.'
      )
      expect(sei.reports).toHaveLength(0)

      world.jobs = [endedJob(job)]
      const pasted = await paste(command!)
      expect(pasted.code).toBe(0)
      expect(pasted.stdout).toBe(
        `Sent octo-org/octo-repo/CI/build (ubuntu-latest, 20) #57001 to ${sei.url}/v1/custom-cicd: HTTP 202 after 1 attempt(s).\n`
      )
      expect(sei.reports).toHaveLength(1)
      expect(sei.problems).toEqual([])
      const sent = sei.reports[0]!
      for (const field of [
        'job_full_name',
        'execution_id',
        'build_number',
        'instance_guid',
        'result',
        'cd',
        'job_run_params',
        'scm_commit_ids'
      ]) {
        expect({ field, value: sent[field] }).toEqual({ field, value: kept[field] })
      }
      expect(leaks({ ...step, log: step.log + pasted.stdout + pasted.stderr }, KEY)).toEqual([])
      expect(leaks({ ...step, log: step.log + pasted.stdout + pasted.stderr }, TOKEN)).toEqual([])
    } finally {
      await Promise.all([github.close(), sei.close()])
    }
  })
})
