// Every input a user can get wrong, the one line they are told, and the same table in
// docs/troubleshooting.md.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError, readInputs } from '../../src/inputs.js'

const VALID: Record<string, string> = {
  'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
  'api-key': 'sei-key-4k7Q',
  'sei-endpoint': 'prod2',
  'timeout-seconds': '60'
}

const CLUSTER_HINT =
  'use a cluster name (prod0, prod1, prod2, prod3, prod4, prod6, eu1) or the https:// URL of your SEI API base.'

/** [input, value, message]: what the docs/troubleshooting.md table shows, row by row. */
export const BAD_INPUTS: readonly (readonly [string, string, string])[] = [
  [
    'instance-guid',
    '',
    'Input "instance-guid" is empty: set it to your SEI CI/CD instance GUID (for example `${{ vars.SEI_INSTANCE_GUID }}`).'
  ],
  [
    'instance-guid',
    '4f9c2d1e-8b7a-4c3d-9e2f',
    'Input "instance-guid" is "4f9c2d1e-8b7a-4c3d-9e2f", which is not a GUID: use the 36-character id SEI gave the CI/CD instance (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).'
  ],
  [
    'sei-endpoint',
    'prod5',
    `Input "sei-endpoint" "prod5" is not a known Harness cluster: ${CLUSTER_HINT}`
  ],
  [
    'sei-endpoint',
    'http://sei.example.com/sei/api',
    'Input "sei-endpoint" "http://sei.example.com" uses plain http, which would send the API key unencrypted: use https:// (http is allowed only to localhost).'
  ],
  [
    'sei-endpoint',
    'https://admin:hunter2@sei.example.com/sei/api',
    'Input "sei-endpoint" must not carry credentials in the URL: pass the key as api-key.'
  ],
  [
    'sei-endpoint',
    'ftp://sei.example.com',
    `Input "sei-endpoint" "ftp://sei.example.com" uses ftp, not https: ${CLUSTER_HINT}`
  ],
  [
    'timeout-seconds',
    '-5',
    'Input "timeout-seconds" is "-5": use a whole number of seconds above 0.'
  ],
  [
    'timeout-seconds',
    'ten',
    'Input "timeout-seconds" is "ten": use a whole number of seconds above 0.'
  ],
  [
    'timeout-seconds',
    '0',
    'Input "timeout-seconds" is "0": use a whole number of seconds above 0.'
  ],
  [
    'timeout-seconds',
    '900',
    'Input "timeout-seconds" is 900: use at most 600 seconds, so a report never holds a runner for long.'
  ],
  [
    'artifacts',
    'container',
    'Input "artifacts", line 1 ("container"): "container" is not key=value; write the artifact as type=container,name=...,location=...,qualifier=... (one per line).'
  ],
  [
    'artifacts',
    'type=container,name=api,tag=v1',
    'Input "artifacts", line 1 ("type=container,name=api,tag=v1"): unknown key "tag"; use type, name, location, qualifier, hash.'
  ],
  [
    'artifacts',
    'type=container,location=ghcr.io/octo-org',
    'Input "artifacts", line 1 ("type=container,location=ghcr.io/octo-org"): "name" is missing; every artifact needs a type and a name.'
  ],
  [
    'artifacts',
    'type=container,name=api,name=web',
    'Input "artifacts", line 1 ("type=container,name=api,name=web"): "name" is given twice.'
  ],
  [
    'artifacts',
    '[{"type": "container", "name": "api",}]',
    'Input "artifacts" starts like JSON but is not valid JSON: give a JSON array of artifact objects, or one type=...,name=... line per artifact.'
  ],
  [
    'artifacts',
    '{"type": "container", "name": "api"}',
    'Input "artifacts" is JSON but not an array: wrap the artifact objects in [ ].'
  ],
  [
    'artifacts',
    '[42]',
    'Input "artifacts", item 1 is not an object with type, name, location and qualifier.'
  ],
  ['scope', 'jobs', 'Input "scope" is "jobs": use one of job, workflow.'],
  ['cd', 'maybe', 'Input "cd" is "maybe": use one of auto, true, false.'],
  ['dry-run', 'yes', 'Input "dry-run" is "yes": use true or false.'],
  ['fail-on-error', '1', 'Input "fail-on-error" is "1": use true or false.'],
  ['cfr-status', 'on', 'Input "cfr-status" is "on": use true or false.'],
  [
    'run-id',
    'abc',
    'Input "run-id" is "abc": use the numeric id of a workflow run of this repository (the number after /actions/runs/ in its URL).'
  ],
  [
    'run-id',
    '0',
    'Input "run-id" is "0": use the numeric id of a workflow run of this repository (the number after /actions/runs/ in its URL).'
  ],
  [
    'params',
    'release',
    'Input "params", line 1 ("release") is not name=value: write one name=value per line.'
  ],
  [
    'hotfix-branches',
    'hotfix/* release/*',
    'Input "hotfix-branches" has the pattern "hotfix/* release/*", with a space, which no branch name has: separate patterns with commas or new lines.'
  ]
]

function inputEnv(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
  )
}

function messageFor(name: string, value: string): string {
  try {
    readInputs(inputEnv({ ...VALID, [name]: value }))
  } catch (cause) {
    expect(cause).toBeInstanceOf(InputError)
    return (cause as Error).message
  }
  return 'accepted'
}

/** The rows of the first table under "## Bad inputs" in docs/troubleshooting.md. */
function pageRows(): string[][] {
  const page = readFileSync(join(process.cwd(), 'docs', 'troubleshooting.md'), 'utf8')
  const part = page.split(/^## Bad inputs$/m)[1]?.split(/^## /m)[0] ?? ''
  const lines = part.split('\n')
  const start = lines.findIndex((line) => line.startsWith('| Input'))
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim())
    rows.push(cells)
  }
  return rows
}

function readmeValue(cell: string): string {
  if (cell === '(empty)') return ''
  return cell.replace(/^`(.*)`$/, '$1')
}

describe('bad inputs', () => {
  it('the valid baseline is accepted', () => {
    expect(() => readInputs(inputEnv(VALID))).not.toThrow()
  })

  it('the table covers at least 15 cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(15)
  })

  it.each(BAD_INPUTS)('%s: "%s" is refused with one line', (name, value, message) => {
    expect(messageFor(name, value)).toBe(message)
    expect(message).not.toMatch(/\n/)
  })

  it('docs/troubleshooting.md shows the same table', () => {
    const rows = pageRows().map(([input, value, message]) => [
      (input ?? '').replace(/^`(.*)`$/, '$1'),
      readmeValue(value ?? ''),
      message
    ])
    expect(rows).toEqual(BAD_INPUTS.map((row) => [...row]))
  })
})

// Secrets are never quoted back: the message names the input, not the value.
describe('secret inputs', () => {
  it.each([
    [
      'api-key',
      'sei\nkey-4k7Q',
      'Input "api-key" contains a control character (often a line break pasted with the secret): store the secret again without it.'
    ],
    [
      'github-token',
      'ghs_tok\u0007en000000000000',
      'Input "github-token" contains a control character (often a line break pasted with the secret): store the secret again without it.'
    ],
    [
      'api-key',
      'k3',
      'Input "api-key" is 2 character(s) long, too short to be a Harness SEI API key: check the secret it comes from.'
    ]
  ])('%s %j is refused without being quoted', (name, value, message) => {
    expect(messageFor(name, value)).toBe(message)
  })
})
