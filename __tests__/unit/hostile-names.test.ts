// Names from GitHub are text, never markup: in the job summary, in the kept-payload
// block, and in SEI's columns.
import { cleanText } from '../../src/mapping/text.js'
import { keptPayloadBlock, MAX_SUMMARY_PAYLOAD_BYTES } from '../../src/report/kept-payload.js'
import { renderSummary } from '../../src/report/summary.js'
import type { SeiPayload } from '../../src/sei/schema.js'

const HOSTILE = '<img src=x onerror=alert(1)> | [click](https://evil.example) **bold** `code`'

function payloadNamed(job: string, step: string): SeiPayload {
  return {
    pipeline: 'CI',
    job_full_name: `octo-org/octo-repo/CI/${job}`,
    qualified_name: `octo-org/octo-repo/CI/${job}`,
    instance_guid: '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
    instance_name: 'GitHub Actions',
    instance_url: 'https://github.com',
    result: 'FAILURE',
    start_time: 1796031723000,
    duration: 61_000,
    build_number: 57001,
    execution_id: '9100000001-1-29679449011',
    user_id: 'octocat',
    repo_url: 'https://github.com/octo-org/octo-repo.git',
    branch_name: 'feature/<script>alert(1)</script>',
    scm_commit_ids: [],
    trigger_chain: [],
    job_run_params: [],
    ci: true,
    cd: false,
    artifacts: [],
    job_run: {
      stages: [
        {
          id: '29679449011',
          displayName: job,
          displayDescription: job,
          result: 'FAILURE',
          state: 'FINISHED',
          durationInMillis: 61_000,
          steps: [
            {
              id: '1',
              displayName: step,
              displayDescription: step,
              result: 'FAILURE',
              state: 'FINISHED',
              durationInMillis: 1000
            }
          ]
        }
      ]
    }
  }
}

describe('the job summary', () => {
  const summary = renderSummary(payloadNamed(HOSTILE, HOSTILE), {
    status: 'failed',
    url: 'https://app.harness.io/gratis/sei/api/v1/custom-cicd',
    error: 'SEI rejected the report (HTTP 400): <b>no</b>.'
  })

  it('shows HTML in names as text', () => {
    expect(summary).not.toContain('<img')
    expect(summary).not.toContain('<b>')
    expect(summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
  })

  it('keeps Markdown links, emphasis and table pipes inert', () => {
    expect(summary).not.toContain('](https://evil.example)')
    expect(summary).not.toContain('**bold**')
    expect(summary).toContain('\\[click\\]\\(https://evil.example\\)')
    const stepRow = summary
      .split('\n')
      .find((line) => line.startsWith('|') && line.includes('onerror'))!
    expect(stepRow.split(/(?<!\\)\|/).length - 2).toBe(3)
  })
})

describe('the kept-payload block', () => {
  it('cannot be closed early by a name', () => {
    const json = JSON.stringify(payloadNamed('</code></pre></details><script>x</script>', 's'))
    const block = keptPayloadBlock(json, '/tmp/report.json')
    expect(block.match(/<\/code><\/pre>/g)).toHaveLength(1)
    expect(block).not.toContain('<script>')
    expect(block).toContain('&lt;/code&gt;&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;')
  })

  it('points at the file instead when the payload is too large for the summary', () => {
    const block = keptPayloadBlock('x'.repeat(MAX_SUMMARY_PAYLOAD_BYTES + 1), '/tmp/report.json')
    expect(block).toBe(
      '<details><summary>The undelivered SEI payload (513 KB)</summary>\n\nIt is too large for the job summary: it is in the step\'s log, in the "SEI payload" group and in /tmp/report.json.\n\n</details>\n'
    )
  })
})

describe('names in SEI columns', () => {
  it('lose control characters and escape sequences', () => {
    expect(cleanText('build\n\tlinux\u001b[31m red\u0000\u0085', 200)).toBe('build linux [31m red')
  })

  it('are cut to the column size with an ellipsis', () => {
    const long = 'matrix '.repeat(100)
    const cut = cleanText(long, 200)
    expect(cut).toHaveLength(200)
    expect(cut.endsWith('…')).toBe(true)
  })
})
