import { runParams } from '../../src/mapping/params.js'
import { runInfo, workflowDispatchEvent } from '../fixtures/github.js'

const param = (name: string, value: string) => ({ type: 'StringParameterValue', name, value })

describe('job_run_params: what the run was started with', () => {
  it('lists workflow_dispatch inputs as text, then the run attempt', () => {
    const run = runInfo({
      eventName: 'workflow_dispatch',
      event: workflowDispatchEvent({ environment: 'staging', debug: true, replicas: 3 })
    })
    expect(runParams(run, undefined, [])).toEqual([
      param('environment', 'staging'),
      param('debug', 'true'),
      param('replicas', '3'),
      param('run_attempt', '1')
    ])
  })

  it('lists matrix values as matrix.<key>', () => {
    const matrix = { os: 'ubuntu-latest', node: 20, config: { arch: 'arm64' } }
    expect(runParams(runInfo(), matrix, [])).toEqual([
      param('matrix.os', 'ubuntu-latest'),
      param('matrix.node', '20'),
      param('matrix.config', '{"arch":"arm64"}'),
      param('run_attempt', '1')
    ])
  })

  it('names the re-run attempt', () => {
    expect(runParams(runInfo({ runAttempt: 2 }), undefined, [])).toEqual([
      param('run_attempt', '2')
    ])
  })

  it('ignores inputs of events other than workflow_dispatch', () => {
    const run = runInfo({ eventName: 'push', event: { inputs: { environment: 'prod' } } })
    expect(runParams(run, undefined, [])).toEqual([param('run_attempt', '1')])
  })

  it("appends the user's params last", () => {
    expect(runParams(runInfo(), { os: 'macos-14' }, [{ name: 'team', value: 'payments' }])).toEqual(
      [param('matrix.os', 'macos-14'), param('run_attempt', '1'), param('team', 'payments')]
    )
  })
})
