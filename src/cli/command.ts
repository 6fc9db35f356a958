// What every command shares: its shape for the dispatcher in main.ts, and the GUID that
// stands in for an instance the user has not named yet.

export interface Command {
  summary: string
  /** What `<command> --help` and `help <command>` print. */
  help: string
  run(args: string[], env: NodeJS.ProcessEnv): Promise<number>
}

export const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000'
