// The checkpoint of .github/workflows/sei-sync.yml in the Actions cache: its key covers
// every input that changes what the checkpoint means, short, the same from one run of a
// call to the next; a dry run never saves it. The plan job's step runs here in bash as
// the runner runs it, and the cache's restore-keys are matched as actions/cache does
// (the newest entry whose key starts with the prefix), with bash as the runner starts it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const workflow = readFileSync('.github/workflows/sei-sync.yml', 'utf8')

type Inputs = Record<string, string>

const DEFAULTS: Inputs = {
  org: 'octo-org',
  repos: '',
  workflows: '',
  scope: 'workflow',
  'instance-guid': '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
  'sei-endpoint': 'prod2',
  shards: '2',
  since: '',
  'dry-run': 'false'
}

/** The lines of the step with `- id: <id>`, up to the next step. */
function step(id: string): string[] {
  const lines = workflow.split('\n')
  const start = lines.findIndex((line) => line.trim() === `- id: ${id}`)
  const indent = lines[start]!.indexOf('-')
  const end = lines.findIndex(
    (line, i) => i > start && line.trim() !== '' && line.search(/\S/) <= indent
  )
  return lines.slice(start, end < 0 ? undefined : end)
}

/** `${{ inputs.x }}` and the like, with the values given. */
function evaluate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{ ([\w.-]+) \}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for ${name}`)
    return values[name]!
  })
}

/** The checkpoint name the plan job hands the sync jobs for these inputs. */
function checkpointName(inputs: Inputs): string {
  const lines = step('checkpoint')
  const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`inputs.${k}`, v]))
  const env: Record<string, string> = {}
  for (const line of lines.slice(lines.findIndex((l) => l.trim() === 'env:') + 1)) {
    const m = /^\s+([A-Z_]+): (.*)$/.exec(line)
    if (!m) break
    env[m[1]!] = evaluate(m[2]!, values)
  }
  const runAt = lines.findIndex((l) => l.trim() === 'run: |')
  const script = lines
    .slice(runAt + 1)
    .map((l) => l.slice(10))
    .join('\n')
  const output = join(mkdtempSync(join(tmpdir(), 'sei-sync-key-')), 'output')
  execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env }
  })
  return /^name=(.*)$/m.exec(readFileSync(output, 'utf8'))![1]!
}

/** CACHE_PREFIX of the sync job for one shard. */
function prefix(inputs: Inputs, shard: number): string {
  const raw = /^ {6}CACHE_PREFIX: (.*)$/m.exec(workflow)![1]!
  return evaluate(raw, {
    'needs.plan.outputs.checkpoint': checkpointName(inputs),
    'matrix.shard': String(shard),
    'inputs.shards': inputs.shards!
  })
}

/** actions/cache: the exact key, else the newest entry whose key starts with the prefix. */
function restore(saved: string[], key: string, restoreKey: string): string | undefined {
  return saved.includes(key) ? key : [...saved].reverse().find((k) => k.startsWith(restoreKey))
}

describe('the checkpoint of sei-sync.yml in the Actions cache', () => {
  it('restores and saves under CACHE_PREFIX plus the run, restoring by the prefix', () => {
    expect(workflow).toContain(
      'key: ${{ env.CACHE_PREFIX }}${{ github.run_id }}-${{ github.run_attempt }}\n          restore-keys: ${{ env.CACHE_PREFIX }}\n'
    )
    expect(
      workflow.match(/key: \$\{\{ env\.CACHE_PREFIX \}\}\$\{\{ github\.run_id \}\}/g)
    ).toHaveLength(2)
  })

  it('never saves on a dry run', () => {
    const save = /- if: (.*)\n\s+uses: actions\/cache\/save@/.exec(workflow)![1]!
    expect(save).toBe("always() && !inputs.dry-run && hashFiles(env.STATE) != ''")
  })

  it('gives two callers with different inputs different keys, and each restores its own', () => {
    const variants: Inputs[] = [
      DEFAULTS,
      { ...DEFAULTS, workflows: 'Deploy' },
      { ...DEFAULTS, 'instance-guid': '11111111-2222-4333-8444-555555555555' },
      { ...DEFAULTS, org: '', repos: 'octo-org/web' },
      { ...DEFAULTS, org: '', repos: 'octo-org/web,octo-org/api' },
      { ...DEFAULTS, scope: 'job' },
      { ...DEFAULTS, 'sei-endpoint': 'eu1' },
      { ...DEFAULTS, shards: '4' }
    ]
    const prefixes = variants.map((inputs) => prefix(inputs, 1))
    expect(new Set(prefixes).size).toBe(variants.length)
    for (const p of prefixes) expect(p).toMatch(/^sei-sync-[0-9a-f]{16}-1-of-\d+-$/)
    // Shards of one call are apart too.
    expect(prefix(DEFAULTS, 2)).not.toBe(prefix(DEFAULTS, 1))
    expect(prefix(DEFAULTS, 1)).toBe(prefix(DEFAULTS, 1))
    // Each caller saved once (run 100 + i); the next run of each restores its own entry.
    const saved = prefixes.map((p, i) => `${p}${100 + i}-1`)
    prefixes.forEach((p, i) => {
      expect(restore(saved, `${p}${200 + i}-1`, p)).toBe(saved[i])
    })
  })

  it('keeps a newline in a list from making two lists the same', () => {
    const a = prefix({ ...DEFAULTS, workflows: 'CI\nDeploy', repos: '' }, 1)
    const b = prefix({ ...DEFAULTS, workflows: 'CI', repos: 'Deploy' }, 1)
    expect(a).not.toBe(b)
  })
})
