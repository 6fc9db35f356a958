// The floor: reading the job answer and the payload, checking nothing.
import { readFileSync } from 'node:fs'

const [job, payload] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')))
if (!job || !payload) process.exitCode = 1
