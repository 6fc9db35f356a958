#!/usr/bin/env node
const { main } = require('../cli/main.ts')
const { err } = require('../cli/options.ts')
const { explain } = require('../errors.ts')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (cause) => {
    // One line, no stack: a stack or an error's fields could carry a secret.
    err(explain(cause))
    process.exitCode = 1
  }
)
