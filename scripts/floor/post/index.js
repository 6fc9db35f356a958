// The floor of a post step, for the bench: what any reporter must do, and nothing else.
// It masks the key, GETs the job over node:http, POSTs a payload to SEI and appends a
// line to the job summary. Run it in the bench's rounds in place of an earlier build:
//   node scripts/bench.mjs --only latency --before scripts/floor
'use strict'
const http = require('node:http')
const { appendFileSync, writeSync } = require('node:fs')

const env = process.env
writeSync(1, `::add-mask::${env['INPUT_API-KEY']}\n`)
const agent = new http.Agent({ keepAlive: true })

function request(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function main() {
  const jobUrl = `${env.GITHUB_API_URL}/repos/${env.GITHUB_REPOSITORY}/actions/jobs/${env['INPUT_JOB-CHECK-RUN-ID']}`
  const job = JSON.parse(
    await request(jobUrl, 'GET', {
      authorization: `Bearer ${env['INPUT_GITHUB-TOKEN']}`,
      accept: 'application/vnd.github+json'
    })
  )
  const payload = JSON.stringify({ job_name: job.name, steps: job.steps })
  await request(
    `${env['INPUT_SEI-ENDPOINT']}/v1/custom-cicd`,
    'POST',
    {
      authorization: `ApiKey ${env['INPUT_API-KEY']}`,
      'content-type': 'application/json'
    },
    payload
  )
  appendFileSync(env.GITHUB_STEP_SUMMARY, `Reported ${job.name}\n`)
  agent.destroy()
}

main()
