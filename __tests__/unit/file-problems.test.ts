// A file that cannot be read or written is told in words, never by its raw errno code.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readEvent } from '../../src/context.js'
import { fileProblem } from '../../src/errors.js'

describe('a file problem in words', () => {
  it.each([
    ['ENOENT', 'there is no such file'],
    ['EISDIR', 'it is a directory, not a file'],
    ['EACCES', 'permission denied'],
    ['EWHATEVER', 'it cannot be used']
  ])('%s reads "%s"', (code, words) => {
    expect(fileProblem(Object.assign(new Error('raw'), { code }))).toBe(words)
  })

  it('takes the meaning an operation gives a code', () => {
    const missing = Object.assign(new Error('raw'), { code: 'ENOENT' })
    expect(fileProblem(missing, { ENOENT: 'a directory on its path does not exist' })).toBe(
      'a directory on its path does not exist'
    )
  })

  it('names an unreadable event file without its code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-event-'))
    expect(() => readEvent(dir)).toThrow(
      `The event file GITHUB_EVENT_PATH (${dir}) cannot be read: it is a directory, not a file.`
    )
    expect(() => readEvent(join(dir, 'gone.json'))).toThrow(
      /cannot be read: there is no such file\.$/
    )
  })
})
