// The command that rebuilds an undelivered report from the GitHub API: it names the job
// or the run attempt that was reported, and the inputs that shaped it, as shell words.
import { execFileSync } from 'node:child_process'
import { rebuildCommand, reportedAddress, shellWord } from '../../src/report/resend.js'

const CLI = 'npx github:sei-cicd-action/sei-cicd-action#v1'
const REPO = 'https://github.com/octo-org/octo-repo'
const GUID = '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f'

describe('the rebuild command', () => {
  it.each([
    ['a job', '9100000001-2-29679449011', `${REPO}/actions/runs/9100000001/job/29679449011`],
    ['a first attempt', '9100000001-1', `${REPO}/actions/runs/9100000001`],
    ['a later attempt', '9100000001-3', `${REPO}/actions/runs/9100000001/attempts/3`],
    ['an unknown id', 'custom-id', undefined]
  ])('names %s by its address', (_what, executionId, address) => {
    expect(reportedAddress(REPO, executionId)).toBe(address)
  })

  it('names the run by its web address when repo_url is the clone URL', () => {
    expect(reportedAddress(`${REPO}.git`, '9100000001-1')).toBe(`${REPO}/actions/runs/9100000001`)
  })

  it('names only the inputs that differ from what preview assumes, and a GHES API', () => {
    const command = rebuildCommand({
      repoUrl: 'https://ghes.example.com/octo-org/octo-repo',
      executionId: '77-1',
      instanceGuid: GUID,
      apiUrl: 'https://ghes.example.com/api/v3',
      inputs: { 'instance-name': 'GitHub Actions', cd: 'auto', 'project-name': 'Pay ments' },
      endpoint: 'eu1'
    })
    expect(command).toBe(
      `${CLI} preview --run-id=https://ghes.example.com/octo-org/octo-repo/actions/runs/77 --instance-guid=${GUID} --api-url=https://ghes.example.com/api/v3 '--project-name=Pay ments' | ${CLI} send - --sei-endpoint eu1`
    )
  })

  it('leaves out the API of github.com, and gives up on an id it cannot read', () => {
    const source = {
      repoUrl: REPO,
      executionId: '77-1',
      instanceGuid: GUID,
      apiUrl: 'https://api.github.com',
      inputs: {},
      endpoint: 'prod2'
    }
    expect(rebuildCommand(source)).not.toContain('--api-url')
    expect(rebuildCommand({ ...source, executionId: 'odd' })).toBeUndefined()
  })

  it.each([
    ['a plain word', 'eu1'],
    ['a quote', "it's"],
    ['several lines', "--params=team=pay\nregion=eu-1\nnote=it's \\ fine"]
  ])('keeps %s on one line that bash reads back unchanged', (_what, text) => {
    const word = shellWord(text)
    expect(word).not.toContain('\n')
    expect(execFileSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' })).toBe(text)
  })
})
