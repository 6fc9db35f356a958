// The main step's first look at the inputs. Most jobs leave most inputs at their
// action.yml defaults, so the main step asks only whether every input holds a value the
// full checks (inputs.ts) accept as it is: then they need not load. An input set to
// anything else loads them, and they say what is wrong. Each rule here accepts less
// than the check it stands for; a test holds every value accepted here to be accepted
// there, and every input of action.yml to have a rule.
import {
  DEFAULT_HOTFIX_BRANCHES,
  DEFAULT_SEI_ENDPOINT,
  DEFAULT_TIMEOUT_SECONDS,
  GUID_PATTERN
} from '../defaults.js'
import { resolveApiBase } from '../endpoints.js'
import { getInput } from '../runner.js'
import { FALSE_WORDS, TRUE_WORDS } from './early.js'

type Rule = (raw: string) => boolean

const oneOf =
  (...values: string[]): Rule =>
  (raw) =>
    values.includes(raw)
const matching =
  (pattern: RegExp): Rule =>
  (raw) =>
    pattern.test(raw)
const any: Rule = () => true
const flag = oneOf('', ...TRUE_WORDS, ...FALSE_WORDS)

/** Each input's plain values; inputs that no value can make wrong take any. */
export const PLAIN: Readonly<Record<string, Rule>> = {
  'instance-guid': matching(GUID_PATTERN),
  // Printable ASCII without blanks: no control character, and long enough for a key.
  'api-key': matching(/^(?:[!-~]{8,})?$/),
  'sei-endpoint': (raw) => !('error' in resolveApiBase(raw || DEFAULT_SEI_ENDPOINT, '')),
  'instance-name': any,
  'github-token': matching(/^[!-~]*$/),
  'allow-insecure-http': flag,
  'dry-run': flag,
  'fail-on-error': flag,
  'timeout-seconds': oneOf('', String(DEFAULT_TIMEOUT_SECONDS)),
  scope: oneOf('', 'job', 'workflow'),
  'run-id': oneOf(''),
  cd: oneOf('', 'auto', 'true', 'false'),
  environment: oneOf(''),
  artifacts: oneOf(''),
  params: oneOf(''),
  'project-name': any,
  'module-name': any,
  themes: any,
  'hotfix-branches': oneOf('', DEFAULT_HOTFIX_BRANCHES),
  'cfr-status': flag,
  'job-status': any,
  // The runner fills it with the job's check run id.
  'job-check-run-id': matching(/^(?:[1-9]\d{0,15})?$/),
  matrix: any
}

/** True when every input holds a plain value, so that the full checks would pass. */
export function inputsArePlain(env: NodeJS.ProcessEnv): boolean {
  for (const [name, plain] of Object.entries(PLAIN)) {
    if (!plain(getInput(name, env))) return false
  }
  return true
}
