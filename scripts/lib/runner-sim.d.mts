import type { ChildProcess } from 'node:child_process'

export const ROOT: string

/** A workflow command the runner ran for a line of a step's output. */
export interface RunnerCommand {
  command: string
  properties: Record<string, string>
  data: string
  line: string
}

export interface CommandsRun {
  commands: RunnerCommand[]
  /** The step left command processing stopped (a stop-commands never resumed). */
  stopped: boolean
  /** Stop tokens the runner refuses, which fail the step. */
  refused: string[]
}

export interface NodeRun extends Partial<CommandsRun> {
  code: number | null
  signal?: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms?: number
}

export interface ActionRun {
  dir: string
  main: NodeRun
  post: NodeRun
  state: Record<string, string>
  /** The outputs the workflow sees: those the main step set. */
  outputs: Record<string, string>
  /** What the post step set as outputs, which the runner drops. */
  droppedOutputs: Record<string, string>
  summary: string
  log: string
}

export interface RunActionOptions {
  inputs?: Record<string, string>
  postInputs?: Record<string, string>
  env?: Record<string, string>
  event?: unknown
  node?: string
  skipMain?: boolean
  /** Called with each step's process as it starts (to send it signals). */
  onMain?: (child: ChildProcess) => void
  onPost?: (child: ChildProcess) => void
  /** The job's directory (runner files, RUNNER_TEMP); a new one by default. */
  dir?: string
}

export function parseCommandFile(text: string): Record<string, string>
export const RUNNER_COMMANDS: string[]
export function runnerCommands(lines: string[]): CommandsRun
export function lineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void
  end(): void
}
export function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  options?: {
    timeoutMs?: number
    node?: string
    onSpawn?: (child: ChildProcess) => void
    /** Arguments after the script. */
    args?: string[]
  }
): Promise<NodeRun>
export function runnerEnv(dir: string, overrides?: Record<string, string>): NodeJS.ProcessEnv
export function runAction(options?: RunActionOptions): Promise<ActionRun>
export const ACTION_DEFAULTS: Record<string, string>
