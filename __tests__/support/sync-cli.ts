// The sync command as a scheduled workflow runs it: the committed bundle in a child
// process, against loopback stand-ins for GitHub (a whole organisation) and SEI.
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { API_KEY, GUID } from '../fixtures/runs.js'

export const TOKEN = 'ghs_synctoken0123456789abcdef'

export interface BinResult {
  code: number
  stdout: string
  stderr: string
}

export function bin(args: string[], env: NodeJS.ProcessEnv): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/cli/index.js', ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

export function stateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'sei-sync-')), 'state.json')
}

/** `sync` with the instance, the SEI stand-in and GitHub's stand-in filled in. */
export function sync(
  github: { url: string },
  sei: { url: string },
  args: string[],
  env: NodeJS.ProcessEnv = {}
): Promise<BinResult> {
  return bin(
    ['sync', '--instance-guid', GUID, '--sei-endpoint', sei.url, '--cd', 'false', ...args],
    {
      GITHUB_TOKEN: TOKEN,
      SEI_API_KEY: API_KEY,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      ...env
    }
  )
}
