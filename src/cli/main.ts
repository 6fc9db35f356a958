// `sei-cicd-action <command>`: the package's command line. Each command lives in its
// own module; they are bundled together into one minified file.
// Exit codes: 0 done, 1 the command failed (SEI or GitHub said no, a file is wrong),
// 2 the command line is wrong (unknown command or option).

import { proxySecrets } from '../http/transport.js'
import { nearest } from './did-you-mean.js'
import type { Command } from './command.js'
import { err, EXIT_OK, EXIT_USAGE, hideSecret, moreHelp, out } from './options.js'
import { VERSION } from './version.js'
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
  lines.push(
    '',
    'Run "sei-cicd-action help <command>" (or "<command> --help") for its options,',
    '"sei-cicd-action --version" for the version.'
  )
  return lines.join('\n')
}

/** The command `name`, or undefined after one line saying there is none. */
function commandNamed(name: string): Command | undefined {
  const command = COMMANDS[name]
  if (command) return command
  const near = nearest(name, Object.keys(COMMANDS))
  err(`Unknown command "${name}"${near ? `; did you mean ${near}?` : '.'} ${moreHelp()}`)
  return undefined
}

/** `help` alone, or `help <command>`: that command's help. */
function help(args: string[]): number {
  if (args.length === 0) {
    out(usage())
    return EXIT_OK
  }
  if (args.length > 1) {
    err(`help takes one command, not ${args.length} words. ${moreHelp()}`)
    return EXIT_USAGE
  }
  const command = commandNamed(args[0]!)
  if (!command) return EXIT_USAGE
  out(command.help)
  return EXIT_OK
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    out(usage())
    return name === undefined ? EXIT_USAGE : EXIT_OK
  }
  if (name === '--version' || name === '-V') {
    out(VERSION)
    return EXIT_OK
  }
  if (name === 'help') return help(args)
  for (const secret of proxySecrets(env)) hideSecret(secret)
  const command = commandNamed(name)
  return command ? command.run(args, env) : EXIT_USAGE
}
