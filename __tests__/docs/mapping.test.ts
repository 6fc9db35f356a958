import { buildNumber } from '../../src/mapping/identity.js'
import { payloadSchema } from '../../src/sei/payload-schema.js'
import { read, section } from './markdown.js'

const doc = read('docs/mapping.md')

/** Each `### ` entry of the page: the fields its heading names, and its text. */
function fieldEntries(): { fields: string[]; text: string }[] {
  return doc
    .split(/^### /m)
    .slice(1)
    .map((block) => {
      const heading = block.split('\n')[0]!
      return { fields: [...heading.matchAll(/`(\w+)`/g)].map((m) => m[1]!), text: block }
    })
}

/** What an entry says SEI does with its fields: the text after "**In SEI**:". */
function inSei(field: string): string {
  const entry = fieldEntries().find((e) => e.fields.includes(field))
  if (!entry) throw new Error(`docs/mapping.md has no entry for ${field}`)
  const said = /\*\*In SEI\*\*: ([\s\S]*?)(?=\n\n|\n- \*\*|$)/.exec(entry.text)
  return (said?.[1] ?? '').replace(/\s+/g, ' ')
}

/** Fields the SEI server's request model does not read (see sei-wire-format.md). */
const NOT_READ = {
  execution_id: /dropped/,
  project_name: /has no effect.*reset to NULL on every post/,
  cfr_status: /ignored/,
  themes: /ignored/
}

describe('docs/mapping.md', () => {
  const payloadFields = Object.keys(payloadSchema.shape)

  it('has one entry for every field of the payload, saying where it comes from and what SEI does', () => {
    expect(payloadFields.length).toBeGreaterThan(20)
    const documented = fieldEntries().flatMap((entry) => entry.fields)
    expect(payloadFields.filter((field) => !documented.includes(field))).toEqual([])
    for (const entry of fieldEntries().filter((e) =>
      e.fields.some((f) => payloadFields.includes(f))
    )) {
      expect({ entry: entry.fields, sent: entry.text.includes('**Sent**: ') }).toEqual({
        entry: entry.fields,
        sent: true
      })
      expect(inSei(entry.fields[0]!)).not.toBe('')
    }
  })

  it('documents no field that the payload does not have', () => {
    const documented = fieldEntries().flatMap((entry) => entry.fields)
    expect(documented.filter((field) => !payloadFields.includes(field))).toEqual([])
  })

  it('says which fields SEI drops, in their entries and at a glance', () => {
    for (const [field, said] of Object.entries(NOT_READ)) {
      expect({ field, says: inSei(field) }).toEqual({ field, says: expect.stringMatching(said) })
    }
    const glance = section(doc, 'How each SEI field is filled, and what SEI does with it', 1)
    const dropped = /^- Accepted and dropped: (.*)$/m.exec(glance)?.[1] ?? ''
    expect(dropped.match(/`\w+`/g)?.map((f) => f.slice(1, -1))).toEqual(Object.keys(NOT_READ))
  })

  it("states the 32-bit limit of an UpstreamCause's job_run_number and the headroom left", () => {
    const trigger = inSei('trigger_chain')
    expect(trigger).toMatch(/32-bit/)
    const [limitRun] = /run number ([\d,]+)/.exec(trigger)!.slice(1)
    const run = Number(limitRun!.replace(/,/g, ''))
    const lastAttempt = Number.MAX_SAFE_INTEGER
    expect(buildNumber(run, lastAttempt)).toBeLessThanOrEqual(2 ** 31 - 1)
    expect(buildNumber(run + 1, lastAttempt)).toBeGreaterThan(2 ** 31 - 1)
  })
})
