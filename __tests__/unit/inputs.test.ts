import { InputError, readInputs } from '../../src/inputs.js'
import { keyMissing } from '../../src/inputs/early.js'
import { GUID } from '../fixtures/github.js'

const KEY = 'sei-unit-key-Hq7ZpW2xV9'

function env(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const all = { 'instance-guid': GUID, 'api-key': KEY, ...inputs }
  return Object.fromEntries(
    Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
  )
}

function failure(inputs: Record<string, string>): string {
  try {
    readInputs(env(inputs))
  } catch (cause) {
    expect(cause).toBeInstanceOf(InputError)
    const message = (cause as Error).message
    expect(message).not.toContain('\n')
    expect(message).not.toContain(KEY)
    return message
  }
  throw new Error('readInputs accepted the inputs')
}

describe('readInputs reads the inputs the runner passes as INPUT_* variables', () => {
  it('applies the defaults of action.yml to unset inputs', () => {
    expect(readInputs(env({}))).toEqual({
      instanceGuid: GUID,
      apiKey: KEY,
      seiApiBase: 'https://app.harness.io/gratis/sei/api',
      instanceName: 'GitHub Actions',
      githubToken: '',
      dryRun: false,
      failOnError: false,
      allowInsecureHttp: false,
      timeoutSeconds: 60,
      scope: 'job',
      runId: undefined,
      cd: 'auto',
      artifacts: [],
      params: [],
      projectName: '',
      moduleName: '',
      themes: [],
      hotfixBranches: ['hotfix/*', 'hotfix-*'],
      cfrStatus: undefined,
      jobStatus: '',
      jobCheckRunId: undefined,
      matrix: undefined
    })
  })

  it('reads the hidden inputs the runner evaluates at post time', () => {
    const inputs = readInputs(
      env({
        'job-status': 'Failure',
        'job-check-run-id': '29679449011',
        matrix: '{\n  "os": "ubuntu-latest",\n  "node": 20\n}'
      })
    )
    expect(inputs.jobStatus).toBe('failure')
    expect(inputs.jobCheckRunId).toBe(29679449011)
    expect(inputs.matrix).toEqual({ os: 'ubuntu-latest', node: 20 })
  })

  it('takes a matrix of null (a job without a matrix) as none', () => {
    expect(readInputs(env({ matrix: 'null' })).matrix).toBeUndefined()
  })
})

describe('instance-guid must be a GUID', () => {
  it('lower-cases a GUID given in capitals', () => {
    expect(readInputs(env({ 'instance-guid': GUID.toUpperCase() })).instanceGuid).toBe(GUID)
  })

  it('refuses a malformed GUID in one line', () => {
    expect(failure({ 'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f' })).toBe(
      'Input "instance-guid" is "4f9c2d1e-8b7a-4c3d-9e2f", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).'
    )
  })

  it('refuses an empty GUID and says where to get it from', () => {
    expect(failure({ 'instance-guid': '' })).toBe(
      'Input "instance-guid" is empty: set it to your SEI CI/CD instance GUID (for example `${{ vars.SEI_INSTANCE_GUID }}`).'
    )
  })
})

describe('sei-endpoint: a Harness cluster or a secure URL', () => {
  it.each([
    ['prod0', 'https://accounts.harness.io/sei/api'],
    ['prod1', 'https://app.harness.io/prod1/sei/api'],
    ['prod2', 'https://app.harness.io/gratis/sei/api'],
    ['prod3', 'https://app3.harness.io/sei/api'],
    ['prod4', 'https://prod4.harness.io/sei/api'],
    ['prod6', 'https://prod6.harness.io/sei/api'],
    ['eu1', 'https://accounts.eu.harness.io/sei/api'],
    ['EU1', 'https://accounts.eu.harness.io/sei/api']
  ])('cluster %s is %s', (name, base) => {
    expect(readInputs(env({ 'sei-endpoint': name })).seiApiBase).toBe(base)
  })

  it('refuses an unknown cluster and lists the known ones', () => {
    expect(failure({ 'sei-endpoint': 'prod5' })).toBe(
      'Input "sei-endpoint" "prod5" is not a known Harness cluster: use a cluster name (prod0, prod1, prod2, prod3, prod4, prod6, eu1) or the https:// URL of your SEI API base.'
    )
  })

  it('accepts the https URL of a self-managed install, without trailing slash or endpoint path', () => {
    expect(readInputs(env({ 'sei-endpoint': 'https://sei.example.com/sei/api/' })).seiApiBase).toBe(
      'https://sei.example.com/sei/api'
    )
    expect(
      readInputs(env({ 'sei-endpoint': 'https://sei.example.com/sei/api/v1/custom-cicd' }))
        .seiApiBase
    ).toBe('https://sei.example.com/sei/api')
  })

  it.each([
    'http://sei.example.com/sei/api',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com'
  ])('refuses plain http to a public host (%s)', (url) => {
    const origin = new URL(url).origin
    expect(failure({ 'sei-endpoint': url })).toBe(
      `Input "sei-endpoint" "${origin}" uses plain http, which would send the API key unencrypted: use https:// (http is allowed only to localhost).`
    )
  })

  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:9000/sei/api', 'http://localhost:9000/sei/api'],
    ['http://[::1]:8080/', 'http://[::1]:8080']
  ])('allows plain http to loopback (%s)', (url, base) => {
    expect(readInputs(env({ 'sei-endpoint': url })).seiApiBase).toBe(base)
  })

  it('refuses credentials in the URL', () => {
    expect(failure({ 'sei-endpoint': 'https://user:pw@sei.example.com/sei/api' })).toBe(
      'Input "sei-endpoint" must not carry credentials in the URL: pass the key as api-key.'
    )
  })
})

describe('booleans are true or false', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['', false]
  ])('dry-run "%s" is %s', (raw, value) => {
    expect(readInputs(env({ 'dry-run': raw })).dryRun).toBe(value)
  })

  it('refuses anything else and names the input', () => {
    expect(failure({ 'fail-on-error': 'yes' })).toBe(
      'Input "fail-on-error" is "yes": use true or false.'
    )
  })
})

describe('keyMissing: nothing to report with', () => {
  it('is true for an empty key outside a dry run', () => {
    expect(keyMissing(env({ 'api-key': '' }))).toBe(true)
  })

  it('is false in a dry run, which needs no key', () => {
    expect(keyMissing(env({ 'api-key': '', 'dry-run': 'true' }))).toBe(false)
  })

  it('is false with a key', () => {
    expect(keyMissing(env({}))).toBe(false)
  })
})
