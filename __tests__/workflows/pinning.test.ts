// What the shipped workflows run and what a checkout leaves behind: the reusable
// workflows run this repository's code at the commit they are called at (or the one the
// caller names), and CI leaves no token in .git/config for `npm ci`'s install scripts.
import { readFileSync } from 'node:fs'

const read = (name: string) => readFileSync(`.github/workflows/${name}`, 'utf8')

interface Step {
  uses?: string
  with: Record<string, string>
  if?: string
  run?: string
}

/** The steps of a workflow as flat records: `uses`, `if`, `run` and the `with:` values. */
function steps(text: string): Step[] {
  const found: Step[] = []
  let step: Step | undefined
  let stepIndent = -1
  let block: 'with' | 'run' | undefined
  for (const line of text.split('\n')) {
    const indent = line.search(/\S/)
    if (indent < 0 || line.trimStart().startsWith('#')) continue
    const start = /^(\s*)- (\w[\w-]*):\s*(.*)$/.exec(line)
    if (start && (step === undefined || start[1]!.length <= stepIndent)) {
      step = { with: {} }
      found.push(step)
      stepIndent = start[1]!.length
      block = undefined
      setKey(step, start[2]!, start[3]!)
      continue
    }
    if (!step) continue
    if (indent <= stepIndent) {
      step = undefined
      continue
    }
    const key = /^\s*([\w-]+):\s*(.*)$/.exec(line)
    if (indent === stepIndent + 2 && key) {
      block = key[1] === 'with' ? 'with' : key[1] === 'run' ? 'run' : undefined
      setKey(step, key[1]!, key[2]!)
    } else if (block === 'with' && key) step.with[key[1]!] = key[2]!
    else if (block === 'run') step.run = `${step.run ?? ''}${line.trim()}\n`
  }
  return found
}

function setKey(step: Step, key: string, value: string): void {
  if (key === 'uses' || key === 'if') step[key] = value
  if (key === 'run' && value !== '|') step.run = value
}

const checkouts = (text: string) =>
  steps(text).filter((step) => step.uses?.startsWith('actions/checkout@'))

describe('the CI workflows', () => {
  it.each(['ci.yml', 'check-dist.yml', 'lint-workflows.yml'])(
    '%s checks out without keeping the token in .git/config',
    (file) => {
      const found = checkouts(read(file))
      expect(found.length).toBeGreaterThan(0)
      for (const step of found) expect(step.with['persist-credentials']).toBe('false')
    }
  )

  it('would see a checkout that keeps the token', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v5\n      - run: npm ci\n'
    expect(checkouts(text)).toEqual([{ uses: 'actions/checkout@v5', with: {}, run: undefined }])
  })
})

describe.each([
  ['sei-report.yml', '${{ steps.at.outputs.ref }}'],
  ['sei-sync.yml', '${{ inputs.version || job.workflow_sha }}']
])('%s', (file, ref) => {
  const text = read(file)

  it('runs no sei-cicd-action code from a tag or branch', () => {
    expect(text).not.toMatch(/uses: sei-cicd-action\/sei-cicd-action@/)
    expect(text).not.toMatch(/default: 'v\d+'/)
  })

  it('checks out this repository at the commit it is called at, or the one `version` names', () => {
    const ours = checkouts(text).filter((step) => step.with.path === '.sei-cicd-action')
    expect(ours).toEqual([
      expect.objectContaining({
        with: {
          repository: "${{ job.workflow_repository || 'sei-cicd-action/sei-cicd-action' }}",
          ref,
          path: '.sei-cicd-action',
          'persist-credentials': 'false'
        }
      })
    ])
    expect(text).toContain('${{ inputs.version || job.workflow_sha }}')
  })

  it('runs only the code of that checkout', () => {
    const runs = steps(text).filter((step) => step.uses && !/^actions\//.test(step.uses))
    for (const step of runs) expect(step.uses).toBe('./.sei-cicd-action')
    const commands = steps(text)
      .map((step) => step.run ?? '')
      .filter((run) => run.includes('sei-cicd-action/dist'))
    for (const run of commands) expect(run).toContain('node .sei-cicd-action/dist/cli/index.js')
  })

  it('stops rather than check out a moving branch when the commit is unknown', () => {
    const guard = steps(text).find((step) => step.run?.includes('job.workflow_sha'))
    expect(guard?.run).toMatch(/set the version input/)
  })
})
