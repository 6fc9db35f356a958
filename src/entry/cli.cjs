#!/usr/bin/env node
const { main } = require('../cli/main.ts')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (cause) => {
    // One line, no stack: a stack or an error's fields could carry a secret.
    const message = cause instanceof Error ? cause.message : String(cause)
    process.stderr.write(`sei-cicd-action: ${message.split('\n')[0]}\n`)
    process.exitCode = 1
  }
)
