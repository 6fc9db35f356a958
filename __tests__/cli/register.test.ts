import { HELP } from '../../src/cli/register.js'
import { startFakeGitHub, startFakeSei, type FakeSei } from '../../scripts/lib/fake-servers.mjs'
import { runCli } from '../support/cli.js'

const KEY = 'sei-key-7b1e0c'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('sei-cicd-action register', () => {
  let sei: FakeSei
  beforeEach(async () => {
    sei = await startFakeSei({ key: KEY })
  })
  afterEach(() => sei.close())

  const register = (args: string[], env: NodeJS.ProcessEnv = { SEI_API_KEY: KEY }) =>
    runCli(['register', '--sei-endpoint', sei.url, ...args], env)

  it('creates the instance and prints its GUID and the step to paste', async () => {
    const { code, stdout, stderr } = await register(['--integration-id', '4711'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(sei.instances).toHaveLength(1)
    const { id, ...sent } = sei.instances[0]!
    expect(sent).toEqual({ integration_id: '4711', name: 'GitHub Actions', type: 'jenkins' })
    expect(sei.requests[0]!.headers.authorization).toBe(`ApiKey ${KEY}`)
    expect(id).toMatch(UUID)
    expect(stdout).toBe(
      [
        `Created the SEI CI/CD instance "GitHub Actions" for integration 4711 on ${sei.url}.`,
        '',
        `Instance GUID: ${id}`,
        '',
        'Store the API key as the secret SEI_API_KEY. In each job to report, add these',
        'permissions and put this step first; it starts in dry run, so the job summary shows',
        'what would be sent and nothing is:',
        '',
        '    permissions:',
        '      contents: read',
        '      actions: read # the job and its steps',
        '      deployments: read # whether the job deployed (cd: auto)',
        '    steps:',
        '      - uses: sei-cicd-action/sei-cicd-action@v1',
        '        with:',
        `          instance-guid: ${id}`,
        '          api-key: ${{ secrets.SEI_API_KEY }}',
        `          sei-endpoint: ${sei.url}`,
        '          dry-run: true # remove once the job summary looks right',
        '',
        `To share the GUID across repositories, store it as a variable (gh variable set SEI_INSTANCE_GUID --org ORG --body ${id})`,
        'and give the step instance-guid: ${{ vars.SEI_INSTANCE_GUID }} in the workflow instead.',
        ''
      ].join('\n')
    )
  })

  it('adds instance-name when the name is not the default, quoted when YAML needs it', async () => {
    const { code, stdout } = await register(['--integration-id', '4711', '--name', 'CI: platform'])
    expect(code).toBe(0)
    expect(sei.instances[0]!.name).toBe('CI: platform')
    expect(stdout).toContain(
      `          sei-endpoint: ${sei.url}\n          instance-name: "CI: platform"\n          dry-run: true`
    )
  })

  it('prints only the GUID with --quiet', async () => {
    const { code, stdout } = await register(['--integration-id', '4711', '--quiet'])
    expect(code).toBe(0)
    expect(stdout).toBe(`${sei.instances[0]!.id}\n`)
  })

  it('takes the key from --api-key-env, or from --api-key with a warning', async () => {
    const fromEnv = await register(['--integration-id', '1', '--api-key-env', 'MY_KEY'], {
      MY_KEY: KEY
    })
    expect(fromEnv.code).toBe(0)
    const fromFlag = await register(['--integration-id', '2', '--api-key', KEY, '--quiet'], {})
    expect(fromFlag.code).toBe(0)
    expect(fromFlag.stderr).toBe(
      'Warning: --api-key leaves the key in your shell history; prefer SEI_API_KEY=... in the environment.\n'
    )
    expect(sei.instances.map((instance) => instance.integration_id)).toEqual(['1', '2'])
  })

  it('says which key and endpoint to check when SEI refuses the key (exit 1, no retry)', async () => {
    const result = await register(['--integration-id', '4711'], { SEI_API_KEY: 'wrong-key-123' })
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `SEI refused the API key (HTTP 401): check the key in SEI_API_KEY, and that --sei-endpoint ("${sei.url}") is the Harness cluster the key belongs to.\n`
    })
    expect(sei.requests).toHaveLength(1)
  })

  it('says the endpoint is wrong on 404', async () => {
    const github = await startFakeGitHub()
    try {
      const result = await runCli(
        ['register', '--integration-id', '4711', '--sei-endpoint', `${github.url}/sei/api`],
        { SEI_API_KEY: KEY }
      )
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(
        `SEI has no CI/CD instances endpoint at ${github.url}/sei/api/v1/cicd/instances (HTTP 404): --sei-endpoint ("${github.url}/sei/api") is wrong; use a cluster name or the API base URL ending in /sei/api.\n`
      )
    } finally {
      await github.close()
    }
  })

  it('passes on what SEI says about a bad request', async () => {
    await sei.close()
    sei = await startFakeSei({
      key: KEY,
      instanceResponses: [{ status: 400, body: { payload: 'integration 99 does not exist' } }]
    })
    const result = await register(['--integration-id', '99'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'SEI rejected the new instance (HTTP 400): integration 99 does not exist; check --integration-id ("99").\n'
    )
  })

  it('retries a 503 as the action does, and tells so on stderr', async () => {
    await sei.close()
    sei = await startFakeSei({
      key: KEY,
      instanceResponses: [{ status: 503, headers: { 'retry-after': '0' }, body: 'busy' }]
    })
    const result = await register(['--integration-id', '4711', '--quiet'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('SEI: HTTP 503 on attempt 1; retrying in 0.0 s.\n')
    expect(sei.requests).toHaveLength(2)
    expect(result.stdout).toBe(`${sei.instances[0]!.id}\n`)
  })

  it('does not repeat a create SEI may have carried out (HTTP 500), so no second GUID appears', async () => {
    await sei.close()
    sei = await startFakeSei({
      key: KEY,
      instanceResponses: [{ status: 500, body: 'internal error' }]
    })
    const result = await register(['--integration-id', '4711', '--quiet'])
    expect(result.code).toBe(1)
    expect(sei.requests).toHaveLength(1)
    expect(sei.instances).toHaveLength(0)
    expect(result.stderr).toBe(
      'SEI answered HTTP 500 (internal error): the instance may or may not exist; look for "GitHub Actions" in SEI before trying again.\n'
    )
  })

  it.each([
    [
      ['--integration-id', '4711'],
      {},
      'No API key: the environment variable SEI_API_KEY is empty.'
    ],
    [[], { SEI_API_KEY: KEY }, '--integration-id is required.'],
    [['--integration-id', '1', '--bogus'], { SEI_API_KEY: KEY }, 'Unknown option --bogus.'],
    [
      ['--integration-id', '1', '--timeout-seconds', '0'],
      { SEI_API_KEY: KEY },
      '--timeout-seconds is "0": use a whole number from 1 to 600.'
    ],
    [
      ['--integration-id', 'abc'],
      { SEI_API_KEY: KEY },
      '--integration-id must be a number: the integration_id in the satellite.yml SEI gave the custom integration, for example 4711.'
    ],
    [
      ['--integration-id', '4711'],
      { SEI_API_KEY: 'k' },
      'The key in SEI_API_KEY is 1 character(s) long, too short to be a Harness SEI API key: set it to the whole key.'
    ]
  ])('exits 2 on a wrong command line %j', async (args, env, message) => {
    const result = await runCli(['register', ...args], env)
    expect(result.code).toBe(2)
    // One line: the problem, then where to read more; no help dump.
    expect(result.stderr.startsWith(message)).toBe(true)
    expect(result.stderr).toMatch(/^[^\n]* Run "sei-cicd-action register --help" for more\.\n$/)
    expect(sei.requests).toHaveLength(0)
  })

  it('refuses an unknown cluster and plain http to a remote host', async () => {
    const env = { SEI_API_KEY: KEY }
    const unknown = await runCli(
      ['register', '--integration-id', '1', '--sei-endpoint', 'prod9'],
      env
    )
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      '--sei-endpoint "prod9" is not a known Harness cluster: use a cluster name (prod0, prod1, prod2, prod3, prod4, prod6, eu1) or the https:// URL of your SEI API base. Run "sei-cicd-action register --help" for more.\n'
    )
    const plain = await runCli(
      ['register', '--integration-id', '1', '--sei-endpoint', 'http://sei.example.com/sei/api'],
      env
    )
    expect(plain.code).toBe(2)
    expect(plain.stderr.split('\n')[0]).toContain('uses plain http')
  })

  it('prints its help with exit 0', async () => {
    expect(await runCli(['register', '--help'])).toEqual({
      code: 0,
      stdout: `${HELP}\n`,
      stderr: ''
    })
  })

  it('never prints the key', async () => {
    const results = [
      await register(['--integration-id', '4711']),
      await register(['--integration-id', '4711'], { SEI_API_KEY: `${KEY}-bad` }),
      await register(['--integration-id', '4711', '--api-key', KEY])
    ]
    for (const { stdout, stderr } of results) expect(stdout + stderr).not.toContain(KEY)
  })
})
