// docs/summary-example.md: the job summaries of the sample runs, as GitHub shows them.
// Regenerate with `SEI_WRITE_EXAMPLES=1 npm test -- __tests__/docs/summary-example.test.ts`.
import { renderSummary } from '../../src/report/summary.js'
import { largeRunPayload, sampleJobPayload, sampleWorkflowPayload } from './sample-runs.js'

export const EXAMPLE_PATH = 'docs/summary-example.md'

const URL_ = 'https://app.harness.io/gratis/sei/api/v1/custom-cicd'

export function renderExampleDoc(): string {
  return [
    '# Job summary examples',
    '',
    '<!-- Generated from __tests__/support/sample-runs.ts: SEI_WRITE_EXAMPLES=1 npm test -- __tests__/docs/summary-example.test.ts -->',
    '',
    'What the action writes to the job summary, rendered from the sample runs of the test',
    'suite. GitHub draws the `mermaid` blocks as charts.',
    '',
    '## One job (`scope: job`), delivered',
    '',
    'The job of `samples/job.json`, reported by its own post step. The post steps of',
    'actions placed before this one have not run yet and are not listed.',
    '',
    renderSummary(sampleJobPayload(), { status: 'delivered', url: URL_ }),
    '## A whole run (`scope: workflow`), dry run',
    '',
    'A matrix, a job of a reusable workflow (`caller / callee`), a failed job and a',
    'skipped one. A dry run ends with the payload it would have sent, folded.',
    '',
    renderSummary(sampleWorkflowPayload(), { status: 'dry-run', url: URL_ }),
    '## A run of 300 jobs, delivered',
    '',
    'The timeline keeps 40 bars and the table lists only the jobs that did not succeed;',
    'both say how many were left out.',
    '',
    renderSummary(largeRunPayload(300), { status: 'delivered', url: URL_ })
  ].join('\n')
}
