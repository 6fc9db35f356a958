// What the job summary says a deployment shipped, per environment.
import { renderSummary, shippedLines } from '../../src/report/summary.js'
import { sampleJobPayload } from '../support/sample-runs.js'
import { sha } from '../fixtures/runs.js'

const previous = { sha: sha(7), createdAt: 0, url: 'https://github.com/o/r/actions/runs/1/job/2' }

describe('the shipped commits in the job summary', () => {
  it('says how many commits since which deployment, a first deployment and a redeploy', () => {
    expect(
      shippedLines([
        { environment: 'production', count: 4, head: sha(9), previous },
        { environment: 'staging', count: 0, head: sha(9), previous: { ...previous, sha: sha(9) } },
        { environment: 'eu', count: 1, head: sha(9) }
      ])
    ).toEqual([
      '**production**: 4 commits shipped since the previous successful deployment, [0000000](https://github.com/o/r/actions/runs/1/job/2).',
      `**staging**: redeploy of \`0000000\`, already deployed by [0000000](https://github.com/o/r/actions/runs/1/job/2); no new commits.`,
      '**eu**: no earlier successful deployment found, so only the deployed commit `0000000` is listed.'
    ])
  })

  it('a link cannot break out of its markdown, and the environment parameter shows in the fields', () => {
    const [line] = shippedLines([
      {
        environment: 'prod',
        count: 2,
        head: sha(9),
        previous: { ...previous, url: 'https://x.example/a) [b](c' }
      }
    ])
    expect(line).toContain('(https://x.example/a%29%20%5Bb%5D%28c)')
    const payload = sampleJobPayload()
    payload.job_run_params.unshift({
      type: 'StringParameterValue',
      name: 'environment',
      value: 'prod'
    })
    expect(renderSummary(payload, { status: 'delivered', url: 'https://sei' })).toContain(
      '| `job_run_params` | environment = `prod` |'
    )
  })
})
