// One command line for every command: --version, help <command>, and the GitHub token
// read from GH_TOKEN as gh reads it, as well as from GITHUB_TOKEN or --token-env.
import { readFileSync } from 'node:fs'
import { HELP as PREVIEW_HELP } from '../../src/cli/preview.js'
import { HELP as SYNC_HELP } from '../../src/cli/sync.js'
import { orgWorld } from '../../scripts/lib/sync-world.mjs'
import { API_KEY, GUID } from '../fixtures/runs.js'
import { runCli } from '../support/harness.js'
import { bin, TOKEN } from '../support/sync-cli.js'
import { executionIds, expectedIds, withServers } from '../support/sync-org.js'

describe('the command line', () => {
  it('--version prints the package’s version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(await runCli(['--version'])).toMatchObject({
      code: 0,
      stdout: `${version}\n`,
      stderr: ''
    })
  })

  it('help <command> prints that command’s help, the same as <command> --help', async () => {
    expect(await runCli(['help', 'sync'])).toMatchObject({
      code: 0,
      stdout: `${SYNC_HELP}\n`,
      stderr: ''
    })
    expect(await runCli(['help', 'preview'])).toMatchObject({
      code: 0,
      stdout: `${PREVIEW_HELP}\n`,
      stderr: ''
    })
    expect((await runCli(['sync', '--help'])).stdout).toBe(`${SYNC_HELP}\n`)
    expect(await runCli(['help', 'snyc'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'Unknown command "snyc"; did you mean sync? Run "sei-cicd-action --help" for more.\n'
    })
  })

  it('says where no GitHub token was found', async () => {
    const run = await runCli(['sync', '--org', 'o', '--instance-guid', GUID], {
      SEI_API_KEY: API_KEY
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^No GitHub token: GH_TOKEN and GITHUB_TOKEN are both empty\. /)
  })

  it('sync takes GH_TOKEN, and --token-env, --api-url, --api-key-env and --timeout-seconds as every command does', async () => {
    const world = orgWorld({ repos: [{ name: 'web', runs: 4 }] })
    await withServers(world, async ({ github, sei }) => {
      const common = ['sync', '--repo', 'octo-org/web', '--instance-guid', GUID, '--cd', 'false']
      const byGh = await bin([...common, '--sei-endpoint', sei.url], {
        GH_TOKEN: TOKEN,
        SEI_API_KEY: API_KEY,
        GITHUB_API_URL: github.url
      })
      expect(byGh.code).toBe(0)
      const byOptions = await bin(
        [
          ...common,
          '--sei-endpoint',
          sei.url,
          '--token-env',
          'READ_TOKEN',
          '--api-url',
          github.url,
          '--api-key-env',
          'MY_SEI_KEY',
          '--timeout-seconds',
          '30',
          '--reread-from',
          '2d'
        ],
        { READ_TOKEN: TOKEN, MY_SEI_KEY: API_KEY }
      )
      expect(byOptions.code).toBe(0)
      expect(executionIds(sei.reports)).toEqual(
        [...expectedIds(world), ...expectedIds(world)].sort()
      )
      expect(new Set(github.requests.map((r) => r.headers.authorization))).toEqual(
        new Set([`Bearer ${TOKEN}`])
      )
      expect(sei.requests.every((r) => r.headers.authorization === `ApiKey ${API_KEY}`)).toBe(true)
    })
  })
})
