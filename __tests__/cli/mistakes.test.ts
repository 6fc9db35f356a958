// A wrong command line, as a new user types it into the bundled CLI: one line in the
// project's words, a "did you mean" for a near miss, where to read more, exit 2.
import { runCli as runInProcess } from '../support/cli.js'
import { runCli } from '../support/harness.js'

const more = (command?: string) =>
  `Run "sei-cicd-action ${command ? `${command} ` : ''}--help" for more.`

describe('a mistake on the command line', () => {
  it.each([
    [['regster'], `Unknown command "regster"; did you mean register? ${more()}`],
    [['publish'], `Unknown command "publish". ${more()}`],
    [
      ['register', '--integration-id', '4711', '--nmae', 'CI'],
      `Unknown option --nmae; did you mean --name? ${more('register')}`
    ],
    [
      ['preview', '--repo', 'o/r', '--runid', '1'],
      `Unknown option --runid; did you mean --run-id? ${more('preview')}`
    ],
    [
      ['send', 'report.json', '--sei-endpont=eu1'],
      `Unknown option --sei-endpont; did you mean --sei-endpoint? ${more('send')}`
    ],
    [['register', '--frobnicate'], `Unknown option --frobnicate. ${more('register')}`],
    [['register', '--integration-id'], `--integration-id needs a value. ${more('register')}`],
    [
      ['register', '--integration-id', '--quiet'],
      `--integration-id needs a value; for one that starts with "-", write --integration-id=VALUE. ${more('register')}`
    ],
    [
      ['register', '--integration-id', '1', '--quiet=yes'],
      `--quiet takes no value. ${more('register')}`
    ],
    [
      ['register', '--integration-id', '1', 'extra'],
      `Unexpected argument in position 3: this command takes only options. ${more('register')}`
    ]
  ])('%j: one line, exit 2, nothing on stdout', async (args, line) => {
    const run = await runCli(args, { SEI_API_KEY: 'k-not-used' })
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${line}\n` })
  })

  it.each([
    [['sync', '--repo', 'o/r', '--instance-guid', ''], '--instance-guid is required.'],
    [['sync', '--repo', 'o/r'], '--instance-guid is required.'],
    [
      ['preview', '--repo', 'o/r', '--run-id', '1', '--instance-guid', ''],
      '--instance-guid is empty: give the GUID register printed, or leave the option out to show a placeholder.'
    ]
  ])('%j: speaks of options, not of workflow expressions', async (args, line) => {
    const command = args[0]!
    const run = await runInProcess(args, {
      GITHUB_TOKEN: 'ghp_not-used-0123',
      SEI_API_KEY: 'k-not-used'
    })
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${line} ${more(command)}\n` })
    expect(run.stderr).not.toContain('${{')
  })

  it('refuses a key too short to be real before it could mask any word of a message', async () => {
    const run = await runInProcess(['send', 'x.json', '--sei-endpoint', 'eu1'], {
      SEI_API_KEY: 'k'
    })
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `The key in SEI_API_KEY is 1 character(s) long, too short to be a Harness SEI API key: set it to the whole key. ${more('send')}\n`
    })
    expect(run.stderr).not.toContain('***')
  })

  it('never echoes what follows an unknown option, which may be a key', async () => {
    const run = await runCli(['send', 'report.json', '--key', 'k3y-Zq81'], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`Unknown option --key; did you mean --api-key? ${more('send')}\n`)
  })
})
