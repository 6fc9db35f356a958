// What `send` says of a file that is not a report it can post: in words, never as an
// errno code or in the schema library's own wording.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readReport } from '../../src/cli/report-file.js'
import { keptReport } from '../fixtures/kept-report.js'

const GIVE = 'give the report-*.json file the action kept, or pipe in what preview prints'

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sei-report-file-')), 'report.json')
  writeFileSync(file, content)
  return file
}

const problem = (file: string) => {
  try {
    readReport(file)
  } catch (cause) {
    return (cause as Error).message
  }
  return 'no problem'
}

describe('a report file send cannot post', () => {
  it('is named by what is wrong with the path, not by an errno code', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sei-report-dir-'))
    expect(problem(folder)).toBe(`Cannot read ${folder}: it is a directory, not a file.`)
    const missing = join(folder, 'gone.json')
    expect(problem(missing)).toBe(`Cannot read ${missing}: there is no such file.`)
    const through = join(fileWith('{}'), 'x.json')
    expect(problem(through)).toBe(`Cannot read ${through}: a part of the path is not a directory.`)
  })

  it.each([
    ['a missing field', { job_full_name: undefined }, 'job_full_name is missing'],
    [
      'a field of the wrong kind',
      { build_number: 'one' },
      'build_number is a string where a number belongs'
    ],
    ['a number out of range', { build_number: 0 }, 'build_number is 0; it must be above 0'],
    [
      'a word SEI does not know',
      { result: 'PASSED' },
      'result is "PASSED", not one of SUCCESS, FAILURE, ABORTED, UNSTABLE, NOT_BUILT'
    ],
    ['an empty text', { pipeline: '' }, 'pipeline is empty']
  ])('says %s in plain words', (_what, change, words) => {
    const file = fileWith(JSON.stringify({ ...keptReport(), ...change }))
    const message = problem(file)
    expect(message).toBe(`${file} is not an SEI report (${words}): ${GIVE}.`)
    expect(message).not.toMatch(/Invalid input|expected \w+, received|Too small/)
  })

  it('reads a good report back unchanged', () => {
    const report = keptReport()
    expect(readReport(fileWith(JSON.stringify(report))).payload).toEqual(report)
  })
})
