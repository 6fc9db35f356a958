import { resendCommand } from '../../src/report/resend.js'
import { renderSummary } from '../../src/report/summary.js'
import { largeRunPayload, sampleJobPayload, sampleWorkflowPayload } from '../support/sample-runs.js'

const URL_ = 'https://app.harness.io/gratis/sei/api/v1/custom-cicd'

describe('the job summary', () => {
  it('shows the DORA fields, then the timeline, then the steps, then where it went', () => {
    const summary = renderSummary(sampleJobPayload(), { status: 'delivered', url: URL_ })
    expect(summary.split('\n\n')[0]).toBe(
      '### SEI report sent: octo-org/octo-repo/CI/build \\(ubuntu-latest, 20\\)'
    )
    expect(summary).toContain(
      [
        '| SEI field | Value |',
        '| --- | --- |',
        '| `result` | ✅ SUCCESS |',
        '| `cd` | false (a CI run) |',
        '| `scm_commit_ids` | 2 commits |',
        '| `build_number` | 57001 |',
        '| `execution_id` | `9100000001-1-29679449011` |',
        '| `duration` | 1 min 50 s |'
      ].join('\n')
    )
    const at = (text: string) => summary.indexOf(text)
    expect(at('| SEI field')).toBeLessThan(at('```mermaid'))
    expect(at('```mermaid')).toBeLessThan(at('| Step | Result | Duration |'))
    expect(at('| Run make test | ✅ SUCCESS | 1 min 44 s |')).toBeGreaterThan(at('| Step'))
    expect(summary.endsWith(`Posted to ${URL_}.\n`)).toBe(true)
  })

  it('carries, folded at its end, exactly the payload a dry run would have sent', () => {
    const payload = sampleJobPayload()
    const summary = renderSummary(payload, { status: 'dry-run', url: URL_ })
    const block =
      /\n\n<details><summary>The SEI payload a real run would send \((\d+) KB\)<\/summary>\n\n<pre><code>([\s\S]*)<\/code><\/pre>\n\n<\/details>\n$/.exec(
        summary
      )
    expect(block).not.toBeNull()
    const unescaped = block![2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    expect(JSON.parse(unescaped)).toEqual(payload)
    expect(renderSummary(payload, { status: 'delivered', url: URL_ })).not.toContain('<details>')
  })

  it('says a dry run sent nothing', () => {
    const summary = renderSummary(sampleWorkflowPayload(), { status: 'dry-run', url: URL_ })
    expect(summary).toMatch(/^### SEI report \(dry run, not sent\): octo-org\/octo-repo\/CI\n/)
    expect(summary).toContain('| build \\(windows-latest, 22\\) | ❌ FAILURE | 3 min 27 s | 3 |')
    expect(summary).toContain(`Would be posted to ${URL_} (dry run: nothing was sent).`)
  })

  it('names a failed delivery and the file kept for `send`, paths shown verbatim', () => {
    const summary = renderSummary(sampleJobPayload(), {
      status: 'failed',
      url: URL_,
      error: 'SEI answered HTTP 503 after 8 attempt(s): busy.',
      kept: {
        file: '/home/runner/work/_temp/sei-cicd-action/report-9100000001-1-29679449011.json',
        resend: resendCommand(
          '/home/runner/work/_temp/sei-cicd-action/report-9100000001-1-29679449011.json',
          'eu1'
        )
      },
      rebuild:
        'npx github:sei-cicd-action/sei-cicd-action#v1 preview --run-id=R | npx github:sei-cicd-action/sei-cicd-action#v1 send - --sei-endpoint eu1'
    })
    expect(summary).toMatch(/^### SEI report NOT delivered: /)
    expect(summary).toContain(
      '**Not delivered:** SEI answered HTTP 503 after 8 attempt\\(s\\): busy.'
    )
    const rebuild =
      'Once GitHub shows it finished, re-send the report from any machine with `npx github:sei-cicd-action/sei-cicd-action#v1 preview --run-id=R | npx github:sei-cicd-action/sei-cicd-action#v1 send - --sei-endpoint eu1` (with a GitHub token that can read the repository in GITHUB_TOKEN and the API key in SEI_API_KEY).'
    const kept =
      'On a self-hosted runner, the payload kept in `/home/runner/work/_temp/sei-cicd-action/report-9100000001-1-29679449011.json` can be sent instead: `npx github:sei-cicd-action/sei-cicd-action#v1 send /home/runner/work/_temp/sei-cicd-action/report-9100000001-1-29679449011.json --sei-endpoint eu1` (with the API key in SEI_API_KEY).'
    expect(summary).toContain(rebuild)
    expect(summary).toContain(kept)
    expect(summary.indexOf(rebuild)).toBeLessThan(summary.indexOf(kept))
  })

  it('stays short for a 300-job run: 40 bars, failed jobs only, and says what it left out', () => {
    const summary = renderSummary(largeRunPayload(300), { status: 'dry-run', url: URL_ })
    const rows = summary.split('\n').filter((line) => /^\| shard /.test(line))
    expect(rows).toHaveLength(5)
    expect(rows.every((row) => row.includes('❌ FAILURE'))).toBe(true)
    expect(summary.split('\n').filter((line) => / : (done|crit), b\d+, /.test(line))).toHaveLength(
      40
    )
    expect(summary).toContain('_The timeline shows 40 of 300 jobs')
    expect(summary).toContain('_295 of 300 jobs are not listed')
    // What shows unfolded; the payload below it is folded.
    expect(summary.split('<details>')[0]!.length).toBeLessThan(4000)
  })

  it('lists at most 50 jobs even when more than 50 failed', () => {
    const payload = largeRunPayload(300)
    for (const stage of payload.job_run.stages) stage.result = 'FAILURE'
    const summary = renderSummary(payload, { status: 'dry-run', url: URL_ })
    expect(summary.split('\n').filter((line) => /^\| shard /.test(line))).toHaveLength(50)
    expect(summary).toContain('_250 of 300 jobs are not listed')
  })
})
