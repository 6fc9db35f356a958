// A report that cannot be kept says why in words, and names no file it did not write.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { keepReport } from '../../src/report/kept-file.js'
import type { SeiPayload } from '../../src/sei/schema.js'

const payload = { execution_id: '9100000001-1-29679449011' } as SeiPayload

describe('a report that cannot be kept', () => {
  it('when RUNNER_TEMP is a file: the reason in words, no errno code', () => {
    const temp = join(mkdtempSync(join(tmpdir(), 'sei-kept-')), 'runner-temp')
    writeFileSync(temp, 'not a directory')
    expect(keepReport(payload, { RUNNER_TEMP: temp })).toEqual({
      error:
        'The report was not kept on disk: it could not be written (a part of the path is not a directory).'
    })
  })
})
