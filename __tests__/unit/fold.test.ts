// Reports over SEI's request size lose step lists, successful jobs' first, never jobs.
import { foldPayload, MAX_PAYLOAD_BYTES, payloadBytes } from '../../src/sei/fold.js'
import type { SeiPayload, SeiResult, SeiStage } from '../../src/sei/schema.js'

function stage(id: number, result: SeiResult, steps: number): SeiStage {
  const name = `build (ubuntu-latest, ${id})`
  return {
    id: String(9_000_000_000 + id),
    displayName: name,
    displayDescription: name,
    result,
    state: 'FINISHED',
    durationInMillis: 61_000,
    startTime: '2026-11-30T09:42:03.000Z',
    steps: Array.from({ length: steps }, (_, n) => ({
      id: String(n + 1),
      displayName: `Run ./scripts/check.sh --shard ${n + 1} of ${steps}`,
      displayDescription: `Run ./scripts/check.sh --shard ${n + 1} of ${steps}`,
      result: n === 0 ? result : 'SUCCESS',
      state: 'FINISHED',
      durationInMillis: 1500,
      startTime: '2026-11-30T09:42:05.000Z'
    }))
  }
}

function payload(stages: SeiStage[]): SeiPayload {
  return {
    pipeline: 'CI',
    job_full_name: 'octo-org/octo-repo/CI',
    qualified_name: 'octo-org/octo-repo/CI',
    instance_guid: '4f9c2d1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f',
    instance_name: 'GitHub Actions',
    instance_url: 'https://github.com',
    result: stages.some((s) => s.result === 'FAILURE') ? 'FAILURE' : 'SUCCESS',
    start_time: 1796031723000,
    duration: 600_000,
    build_number: 57001,
    execution_id: '9100000001-1',
    user_id: 'octocat',
    repo_url: 'https://github.com/octo-org/octo-repo.git',
    branch_name: 'main',
    scm_commit_ids: [],
    trigger_chain: [{ id: 'SCMTrigger', type: 'SCMTriggerCause' }],
    job_run_params: [],
    ci: true,
    cd: false,
    artifacts: [],
    job_run: { stages }
  }
}

const stepCounts = (p: SeiPayload) => p.job_run.stages.map((s) => s.steps.length)

describe('foldPayload', () => {
  it('leaves a report that fits untouched, and says nothing', () => {
    const small = payload([stage(1, 'SUCCESS', 3), stage(2, 'FAILURE', 3)])
    const folded = foldPayload(small)
    expect(folded.payload).toBe(small)
    expect(folded.notice).toBeUndefined()
    expect(folded.bytes).toBe(Buffer.byteLength(JSON.stringify(small)))
  })

  it('first drops the step lists of successful jobs, keeping failed jobs whole', () => {
    const big = payload([stage(1, 'SUCCESS', 10), stage(2, 'FAILURE', 10), stage(3, 'SUCCESS', 10)])
    const limit = payloadBytes(big) - 100
    const folded = foldPayload(big, limit)
    expect(stepCounts(folded.payload)).toEqual([0, 10, 0])
    expect(folded.payload.job_run.stages.map((s) => s.id)).toEqual(
      big.job_run.stages.map((s) => s.id)
    )
    expect(folded.bytes).toBeLessThanOrEqual(limit)
    expect(folded.notice).toBe(
      `The report was ${(payloadBytes(big) / 1e6).toFixed(1)} MB, more than SEI takes in one request (${(limit / 1e6).toFixed(1)} MB): the step lists of 2 successful job(s) (20 step(s)) were left out, every job is still reported.`
    )
    expect(stepCounts(big)).toEqual([10, 10, 10])
  })

  it('then drops every step list when that is not enough', () => {
    const big = payload([stage(1, 'SUCCESS', 2), stage(2, 'FAILURE', 40), stage(3, 'ABORTED', 5)])
    const bare = payload(big.job_run.stages.map((s) => ({ ...s, steps: [] })))
    const folded = foldPayload(big, payloadBytes(bare) + 10)
    expect(stepCounts(folded.payload)).toEqual([0, 0, 0])
    expect(folded.notice).toMatch(/the step lists of 3 job\(s\) \(47 step\(s\)\) were left out/)
    expect(folded.notice).not.toMatch(/still too large/)
  })

  it('says so when even the jobs alone are too large, and still sends them', () => {
    const big = payload([stage(1, 'FAILURE', 5)])
    const folded = foldPayload(big, 50)
    expect(stepCounts(folded.payload)).toEqual([0])
    expect(folded.payload.job_run.stages).toHaveLength(1)
    expect(folded.notice).toMatch(/; at 0\.0 MB it is still too large and may be refused\.$/)
  })

  it('folds a 5 MB workflow of thousands of steps under the limit', () => {
    const stages = Array.from({ length: 120 }, (_, i) =>
      stage(i, i % 10 === 0 ? 'FAILURE' : 'SUCCESS', 300)
    )
    const big = payload(stages)
    expect(payloadBytes(big)).toBeGreaterThan(MAX_PAYLOAD_BYTES)
    const folded = foldPayload(big)
    expect(folded.bytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES)
    expect(folded.payload.job_run.stages).toHaveLength(120)
    expect(stepCounts(folded.payload).filter((n) => n > 0)).toHaveLength(12)
    expect(folded.notice).toMatch(/the step lists of 108 successful job\(s\) \(32400 step\(s\)\)/)
  })
})
