// `sei-cicd-action <command>`: the package's command line. Each command lives in its
// own module, loaded only when asked for.
// Exit codes: 0 done, 1 the command failed (SEI or GitHub said no, a file is wrong),
// 2 the command line is wrong (unknown command or option).

export interface Command {
  summary: string
  run(args: string[], env: NodeJS.ProcessEnv): Promise<number>
}

/** Commands by name; each module exports `command: Command`. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  register: () => import('./register.js'),
  preview: () => import('./preview.js'),
  send: () => import('./send.js')
}

function usage(): string {
  const lines = ['Usage: sei-cicd-action <command> [options]', '', 'Commands:']
  for (const name of Object.keys(COMMANDS)) lines.push(`  ${name}`)
  lines.push('', 'Run "sei-cicd-action <command> --help" for its options.')
  return lines.join('\n')
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n')
    return name === undefined ? 2 : 0
  }
  const load = COMMANDS[name]
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`)
    return 2
  }
  const { command } = await load()
  return command.run(args, env)
}
