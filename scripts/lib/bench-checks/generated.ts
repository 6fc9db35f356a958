// What checking a job answer and a payload costs a step with the generated checks.
import { readFileSync } from 'node:fs'
import { jobCheck } from '../../../src/github/answers.js'
import { payloadCheck } from '../../../src/sei/payload-check.js'

const [job, payload] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')))
if (!jobCheck.safeParse(job).success || !payloadCheck.safeParse(payload).success) {
  process.exitCode = 1
}
