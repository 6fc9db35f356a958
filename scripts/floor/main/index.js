// The floor of a main step in job scope, for the bench: what any reporter's main step
// must do, and nothing else. It masks the key and the token and checks the instance GUID;
// the post step does the rest, so nothing is written. Run it in the bench's rounds in
// place of an earlier build:
//   node scripts/bench.mjs --only main --before scripts/floor
'use strict'
const { writeSync } = require('node:fs')

const env = process.env
writeSync(1, `::add-mask::${env['INPUT_API-KEY']}\n::add-mask::${env['INPUT_GITHUB-TOKEN']}\n`)
if (!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(env['INPUT_INSTANCE-GUID'])) {
  writeSync(1, '::error::instance-guid is not a GUID\n')
}
