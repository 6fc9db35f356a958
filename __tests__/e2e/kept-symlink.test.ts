// An earlier step of the job can plant symbolic links where the post step keeps an
// undelivered report. The bundled post step must leave their targets untouched, write
// only a new file of its own, and never name a file it did not write.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RUN_ID } from '../fixtures/runs.js'
import {
  JOB_ID,
  KEY,
  keptName,
  runCase,
  warnings,
  type Outcome
} from '../support/hardening-case.js'

const refusedBy = (run: Outcome) =>
  `SEI refused the API key (HTTP 401): check the api-key secret, and that sei-endpoint ("${run.sei.url}") is the Harness cluster the key belongs to.`
const NOT_AFFECTED = 'The job is not affected (fail-on-error is false).'
const AUTHORIZED_KEYS = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOwner owner@laptop\n'

/** A job's RUNNER_TEMP and, outside it, a file an attacker would like overwritten. */
function plant() {
  const root = mkdtempSync(join(tmpdir(), 'sei-plant-'))
  const temp = join(root, 'runner-temp')
  const outside = join(root, 'home')
  mkdirSync(temp)
  mkdirSync(outside)
  const target = join(outside, 'authorized_keys')
  writeFileSync(target, AUTHORIZED_KEYS)
  return { temp, outside, target, dir: join(temp, 'sei-cicd-action') }
}

function refused(env: Record<string, string>): Promise<Outcome> {
  return runCase({ sei: [{ status: 401 }], env })
}

function expectCalm(run: Outcome): void {
  expect([run.main.code, run.post.code]).toEqual([0, 0])
  expect(run.log.replace(/^::add-mask::.*\n/gm, '')).not.toContain(KEY)
  const commands = (run.post.commands ?? []).map((c) =>
    c.command.replace(/^sei-[0-9a-f]+$/, 'token')
  )
  expect(commands.filter((name) => name !== 'add-mask')).toEqual([
    'group',
    'stop-commands',
    'token',
    'endgroup',
    'warning'
  ])
}

/** One warning: SEI's refusal, the re-send from the API, and that no file was kept. */
function expectNotKept(run: Outcome, why: string): void {
  const [warning, ...others] = warnings(run)
  expect(others).toEqual([])
  expect(warning!.startsWith(`${refusedBy(run)} Once the job has ended, re-send the report`)).toBe(
    true
  )
  expect(
    warning!.endsWith(
      ` The report was not kept on disk: ${why} The payload is in the job summary. ${NOT_AFFECTED}`
    )
  ).toBe(true)
  expect(warning).not.toMatch(/kept in \S+\.json/)
}

describe('a planted symbolic link where the report is kept', () => {
  it('for the file: the target is untouched; the report goes to a new file the warning names', async () => {
    const { temp, dir, target } = plant()
    mkdirSync(dir, { mode: 0o700 })
    symlinkSync(target, join(dir, keptName()))
    const run = await refused({ RUNNER_TEMP: temp })
    expectCalm(run)
    expect(readFileSync(target, 'utf8')).toBe(AUTHORIZED_KEYS)
    const named = /the payload kept in (\S+\.json) can be sent instead/.exec(
      warnings(run)[0] ?? ''
    )?.[1]
    expect(named).toMatch(new RegExp(`^${dir}/report-${RUN_ID}-1-${JOB_ID}-[0-9a-f]{12}\\.json$`))
    expect(lstatSync(named!).isFile()).toBe(true)
    expect(lstatSync(named!).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(named!, 'utf8'))).toMatchObject({
      execution_id: `${RUN_ID}-1-${JOB_ID}`
    })
  })

  it('for the directory: nothing is written outside RUNNER_TEMP, and the warning says so', async () => {
    const { temp, dir, outside, target } = plant()
    symlinkSync(outside, dir)
    const run = await refused({ RUNNER_TEMP: temp })
    expectCalm(run)
    expect(readdirSync(outside)).toEqual(['authorized_keys'])
    expect(readFileSync(target, 'utf8')).toBe(AUTHORIZED_KEYS)
    expectNotKept(run, 'RUNNER_TEMP/sei-cicd-action is a symbolic link.')
    expect(run.summary).toContain(`"execution_id": "${RUN_ID}-1-${JOB_ID}"`)
  })

  it('a directory others can read is not used', async () => {
    const { temp, dir } = plant()
    mkdirSync(dir)
    chmodSync(dir, 0o755)
    const run = await refused({ RUNNER_TEMP: temp })
    expectCalm(run)
    expect(readdirSync(dir)).toEqual([])
    expectNotKept(run, 'RUNNER_TEMP/sei-cicd-action can be read by others (mode 755).')
  })

  it('a file where the directory goes is left alone', async () => {
    const { temp, dir } = plant()
    writeFileSync(dir, 'not a directory')
    const run = await refused({ RUNNER_TEMP: temp })
    expectCalm(run)
    expect(readFileSync(dir, 'utf8')).toBe('not a directory')
    expect(warnings(run)[0]).toContain(
      'The report was not kept on disk: RUNNER_TEMP/sei-cicd-action is not a directory.'
    )
  })

  it('without anything planted, the step makes the directory 0700 and the file 0600', async () => {
    const { temp, dir } = plant()
    const run = await refused({ RUNNER_TEMP: temp })
    expectCalm(run)
    const file = join(dir, keptName())
    expect(warnings(run)[0]).toContain(`the payload kept in ${file} can be sent instead`)
    expect(lstatSync(dir).mode & 0o777).toBe(0o700)
    expect(lstatSync(file).mode & 0o777).toBe(0o600)
    expect(existsSync(file)).toBe(true)
  })
})
