export const ROOT: string

export interface NodeRun {
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
  outputs: Record<string, string>
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
}

export function parseCommandFile(text: string): Record<string, string>
export function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  options?: { timeoutMs?: number; node?: string }
): Promise<NodeRun>
export function runnerEnv(dir: string, overrides?: Record<string, string>): NodeJS.ProcessEnv
export function runAction(options?: RunActionOptions): Promise<ActionRun>
export const ACTION_DEFAULTS: Record<string, string>
