// The CLI as a new user runs it: the committed bundle (the package's bin), in a
// child process, against loopback stand-ins for SEI and the GitHub API.
import { execFile } from 'node:child_process'
import { startFakeGitHub, startFakeSei, wireProblems } from '../../scripts/lib/fake-servers.mjs'
import { validatePayload } from '../../src/sei/schema.js'
import { at, run } from '../fixtures/runs.js'
import { sampleWorkflowJobs } from '../support/sample-runs.js'

function bin(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['dist/cli/index.js', ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

describe('dist/cli/index.js', () => {
  it('registers an instance and prints the GUID and the lines to paste', async () => {
    const sei = await startFakeSei({ key: 'k-1234567' })
    try {
      const { code, stdout } = await bin(
        ['register', '--integration-id', '4711', '--sei-endpoint', sei.url],
        { SEI_API_KEY: 'k-1234567' }
      )
      expect(code).toBe(0)
      const guid = sei.instances[0]!.id
      expect(stdout).toContain(`Instance GUID: ${guid}\n`)
      expect(stdout).toContain(
        `        with:\n          instance-guid: ${guid}\n          api-key: \${{ secrets.SEI_API_KEY }}\n`
      )
    } finally {
      await sei.close()
    }
  })

  it('previews a run as a payload that passes the schema and the wire checks', async () => {
    const jobs = sampleWorkflowJobs()
    const github = await startFakeGitHub({
      run: run({ status: 'completed', conclusion: 'failure', updated_at: at(4) }),
      jobs
    })
    try {
      const { code, stdout, stderr } = await bin(
        ['preview', '--repo', 'octo-org/octo-repo', '--run-id', '9100000001'],
        { GITHUB_TOKEN: 'ghp_x', GITHUB_API_URL: github.url }
      )
      expect(stderr).toContain('Nothing was sent to SEI.')
      expect(code).toBe(0)
      const payload = validatePayload(JSON.parse(stdout))
      expect(wireProblems(payload)).toEqual([])
      expect(payload.job_run.stages).toHaveLength(jobs.length)
    } finally {
      await github.close()
    }
  })

  it('exits 2 on an unknown option', async () => {
    const { code, stderr } = await bin(['preview', '--bogus'], {})
    expect(code).toBe(2)
    expect(stderr).toBe('Unknown option --bogus. Run "sei-cicd-action preview --help" for more.\n')
  })
})
