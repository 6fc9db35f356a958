#!/usr/bin/env node
const { main } = require('../cli/main.ts')

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
