// The main step's first look at the inputs may let an input through unchecked only when
// the full checks would let it through too: every value a plain rule accepts is tried
// against readInputs, from a list of values users write and from random text.
import { readInputs } from '../../src/inputs.js'
import { inputsArePlain, PLAIN } from '../../src/inputs/plain.js'
import { parseActionMetadata } from '../support/action-metadata.js'
import { read } from '../docs/markdown.js'
import { GUID } from '../fixtures/github.js'

/** What the runner passes when the workflow sets only the required inputs. */
const RUNNER_DEFAULTS: Record<string, string> = Object.fromEntries(
  parseActionMetadata(read('action.yml')).inputs.map((input) => [input.name, input.default ?? ''])
)
const EVALUATED: Record<string, string> = {
  ...RUNNER_DEFAULTS,
  'instance-guid': GUID,
  'api-key': 'pat.Hq7ZpW2xV9.6a5b4c3d2e1f',
  'github-token': `ghs_${'x7'.repeat(18)}`,
  'job-status': 'success',
  'job-check-run-id': '29679449011',
  matrix: 'null'
}

const env = (inputs: Record<string, string>): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
  )

function fullChecksAccept(inputs: Record<string, string>): boolean {
  try {
    readInputs(env(inputs))
    return true
  } catch {
    return false
  }
}

/** Values users write, right and wrong, for any input. */
const WRITTEN = [
  '',
  'true',
  'True',
  'FALSE',
  'yes',
  '0',
  '1',
  '60',
  '600',
  '601',
  '-5',
  '1.5',
  ' 60',
  'job',
  'Job',
  'workflow',
  'auto',
  'AUTO',
  'prod2',
  'PROD1',
  'eu1',
  'prod5',
  'https://sei.example.com/sei/api/',
  'https://sei.example.com/v1/custom-cicd',
  'http://sei.example.com',
  'http://127.0.0.1:8080',
  'http://localhost',
  'https://admin:hunter2@sei.example.com',
  'ftp://sei.example.com',
  'sei.example.com',
  GUID,
  GUID.toUpperCase(),
  '4f9c2d1e-8b7a-4c3d-9e2f',
  `{${GUID}}`,
  'hotfix/*, hotfix-*',
  'hotfix/*',
  'release/*\nhotfix/*',
  'hot fix',
  'null',
  '{"os":"ubuntu-latest"}',
  '[1, 2]',
  '{',
  '29679449011',
  '00012',
  '12345678901234567',
  'production',
  'type=container,name=ghcr.io/octo-org/app',
  'name=x',
  '[{"type":"container"}]',
  'version=1.2.3',
  'x',
  'short',
  'pat.Hq7ZpW2xV9.6a5b4c3d2e1f',
  'pat.Hq7ZpW2xV9\n6a5b4c3d2e1f',
  'sei key with spaces',
  'key\u0007bell',
  'key\u0085next',
  'clé-de-sei-123',
  'a'.repeat(256),
  'x'.repeat(300)
]

/** Text from a small deterministic generator: letters, digits, signs, blanks and controls. */
function randomValues(count: number): string[] {
  const alphabet = 'aZ09-_./:*,= \n\t\u0000\u0085é{}[]"'
  let seed = 20261208
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  return Array.from({ length: count }, () =>
    Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('')
  )
}

describe('the plain inputs of the main step', () => {
  it('has a rule for every input of action.yml, and for nothing else', () => {
    expect(Object.keys(PLAIN).sort()).toEqual(Object.keys(RUNNER_DEFAULTS).sort())
  })

  it('takes the inputs as the runner passes them when a workflow sets only the required ones', () => {
    expect(fullChecksAccept(EVALUATED)).toBe(true)
    expect(inputsArePlain(env(EVALUATED))).toBe(true)
    const matrixJob = { ...EVALUATED, matrix: '{\n  "os": "ubuntu-latest"\n}', cd: 'false' }
    expect(inputsArePlain(env(matrixJob))).toBe(true)
  })

  it('lets through only values the full checks accept, input by input', () => {
    const values = [...WRITTEN, ...randomValues(400)]
    const wronglyPlain: string[] = []
    let plainCount = 0
    for (const name of Object.keys(PLAIN)) {
      for (const value of values) {
        if (!PLAIN[name]!(value)) continue
        plainCount++
        if (!fullChecksAccept({ ...EVALUATED, [name]: value })) {
          wronglyPlain.push(`${name}=${JSON.stringify(value)}`)
        }
      }
    }
    expect(wronglyPlain).toEqual([])
    // The list reaches both sides of the rules: not everything is plain, nor nothing.
    expect(plainCount).toBeGreaterThan(values.length * 8)
    expect(plainCount).toBeLessThan(values.length * Object.keys(PLAIN).length)
  })

  it('sends values set to something else to the full checks, right or wrong', () => {
    const checked = (name: string, value: string) =>
      inputsArePlain(env({ ...EVALUATED, [name]: value }))
    // Right values that are not the defaults.
    expect(checked('environment', 'production')).toBe(false)
    expect(checked('timeout-seconds', '30')).toBe(false)
    expect(checked('artifacts', 'type=container,name=ghcr.io/octo-org/app')).toBe(false)
    // Wrong values, which the full checks explain.
    expect(checked('instance-guid', '4f9c2d1e-8b7a-4c3d-9e2f')).toBe(false)
    expect(checked('api-key', 'short')).toBe(false)
    expect(checked('api-key', 'pat.Hq7ZpW2xV9\n6a5b4c3d2e1f')).toBe(false)
    expect(checked('sei-endpoint', 'http://sei.example.com')).toBe(false)
    expect(checked('dry-run', 'yes')).toBe(false)
    expect(checked('job-check-run-id', '0')).toBe(false)
    // A URL and a cluster name are read by the same function the full checks use.
    expect(checked('sei-endpoint', 'https://sei.example.com/sei/api/')).toBe(true)
    expect(checked('sei-endpoint', 'EU1')).toBe(true)
  })
})
