// What checking a job answer and a payload costs a step with the zod schemas.
import { readFileSync } from 'node:fs'
import { jobSchema } from '../../../src/github/schemas.js'
import { payloadSchema } from '../../../src/sei/payload-schema.js'

const [job, payload] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')))
if (!jobSchema.safeParse(job).success || !payloadSchema.safeParse(payload).success) {
  process.exitCode = 1
}
