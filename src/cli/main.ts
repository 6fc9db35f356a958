// `sei-cicd-action <command>`: the package's command line. Each command lives in its
// own module; they are bundled together into one minified file.
// Exit codes: 0 done, 1 the command failed (SEI or GitHub said no, a file is wrong),
// 2 the command line is wrong (unknown command or option).

import { proxySecrets } from '../http/transport.js'
import { nearest } from './did-you-mean.js'
import type { Command } from './command.js'
import { hideSecret, moreHelp } from './options.js'
import * as preview from './preview.js'
import * as register from './register.js'
import * as send from './send.js'
import * as sync from './sync.js'

/** Commands by name. */
const COMMANDS: Record<string, Command> = {
  register: register.command,
  preview: preview.command,
  send: send.command,
  sync: sync.command
}

function usage(): string {
  const lines = ['Usage: sei-cicd-action <command> [options]', '', 'Commands:']
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(width)}  ${command.summary}`)
  }
  lines.push('', 'Run "sei-cicd-action <command> --help" for its options.')
  return lines.join('\n')
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n')
    return name === undefined ? 2 : 0
  }
  for (const secret of proxySecrets(env)) hideSecret(secret)
  const command = COMMANDS[name]
  if (!command) {
    const near = nearest(name, Object.keys(COMMANDS))
    process.stderr.write(
      `Unknown command "${name}"${near ? `; did you mean ${near}?` : '.'} ${moreHelp()}\n`
    )
    return 2
  }
  return command.run(args, env)
}
