// Runs a CLI command in this process and captures what it prints.
import { jest } from '@jest/globals'
import { main } from '../../src/cli/main.js'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const capture = (append: (text: string) => void) => (chunk: unknown) => {
    append(String(chunk))
    return true
  }
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(capture((text) => (stdout += text)))
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(capture((text) => (stderr += text)))
  try {
    const code = await main(argv, env)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}
