// action.yml repeats the input defaults of src/defaults.ts (YAML cannot import), and the
// runner stand-in repeats action.yml: all three must say the same.
import { readFileSync } from 'node:fs'
import { ACTION_DEFAULTS } from '../../scripts/lib/runner-sim.mjs'
import {
  DEFAULT_HOTFIX_BRANCHES,
  DEFAULT_INSTANCE_NAME,
  DEFAULT_SEI_ENDPOINT,
  DEFAULT_TIMEOUT_SECONDS
} from '../../src/defaults.js'
import { parseActionMetadata } from '../support/action-metadata.js'

const SHARED: Record<string, string> = {
  'sei-endpoint': DEFAULT_SEI_ENDPOINT,
  'instance-name': DEFAULT_INSTANCE_NAME,
  'timeout-seconds': String(DEFAULT_TIMEOUT_SECONDS),
  'hotfix-branches': DEFAULT_HOTFIX_BRANCHES
}

describe('the defaults of src/defaults.ts', () => {
  const inputs = parseActionMetadata(readFileSync('action.yml', 'utf8')).inputs
  it.each(Object.entries(SHARED))(
    '%s is %j in action.yml and the runner stand-in',
    (name, value) => {
      expect(inputs.find((input) => input.name === name)?.default).toBe(value)
      expect(ACTION_DEFAULTS[name as keyof typeof ACTION_DEFAULTS]).toBe(value)
    }
  )
})
