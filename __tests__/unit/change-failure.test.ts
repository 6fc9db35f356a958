// The change-failure rule: which deployments are marked, with which kind, and the
// parameter and words that carry it.
import {
  branchMatcher,
  changeFailureValue,
  classifyChange,
  revertedBy,
  type EnvironmentChange,
  type RevertedCommit
} from '../../src/mapping/change-failure.js'
import { buildJobReport } from '../../src/mapping/payload.js'
import { environmentChanges } from '../../src/mapping/shipped.js'
import { changeFailureLines } from '../../src/report/summary.js'
import { apiJob, reportOptions, runInfo } from '../fixtures/github.js'
import { sha } from '../fixtures/runs.js'

const DEFAULT_HOTFIX = branchMatcher(['hotfix/*', 'hotfix-*'])
const revertOf = (reverted: string) =>
  `Revert "Add the retry budget"\n\nThis reverts commit ${reverted}.\n`

function change(fields: Partial<EnvironmentChange> = {}): EnvironmentChange {
  return {
    environment: 'production',
    head: sha(20),
    previous: { sha: sha(10) },
    comparison: 'ahead',
    shipped: [{ sha: sha(20), message: 'Add a feature' }],
    complete: true,
    ...fields
  }
}
const classify = (c: EnvironmentChange, result = 'SUCCESS' as const, branch = 'main') =>
  classifyChange(c, result, branch, DEFAULT_HOTFIX)?.kind

describe('each kind of change failure', () => {
  it('failed: a FAILURE; a cancelled (ABORTED) or unstable deployment is none', () => {
    expect(classifyChange(change(), 'FAILURE', 'main', DEFAULT_HOTFIX)?.kind).toBe('failed')
    expect(classifyChange(change(), 'ABORTED', 'main', DEFAULT_HOTFIX)).toBeUndefined()
    expect(classifyChange(change(), 'UNSTABLE', 'main', DEFAULT_HOTFIX)).toBeUndefined()
  })

  it('a plain successful deployment of new commits is none', () => {
    expect(classify(change())).toBeUndefined()
  })

  it('rollback: the deployed commit is a strict ancestor of the previous one (behind)', () => {
    expect(classify(change({ head: sha(5), comparison: 'behind', shipped: [] }))).toBe('rollback')
  })

  it('rollback: the same commit as an earlier successful deployment other than the previous', () => {
    expect(classify(change({ head: sha(5), comparison: 'diverged', ranBefore: true }))).toBe(
      'rollback'
    )
  })

  it('a redeploy of the current commit is not a rollback, nor is a first deployment', () => {
    expect(
      classify(change({ head: sha(10), comparison: 'identical', shipped: [] }))
    ).toBeUndefined()
    expect(classify(change({ previous: undefined, comparison: 'behind' }))).toBeUndefined()
  })

  it('revert: a first-shipped revert of a commit the environment already ran', () => {
    const failure = classifyChange(
      change({
        shipped: [
          { sha: sha(20), message: 'Add a feature' },
          { sha: sha(19), message: revertOf(sha(8)) }
        ]
      }),
      'SUCCESS',
      'main',
      DEFAULT_HOTFIX
    )
    expect(failure).toMatchObject({
      kind: 'revert',
      reverted: [{ sha: sha(8), by: sha(19), title: 'Revert "Add the retry budget"' }]
    })
  })

  it('revert: names the deployment that shipped the reverted commit, when the history told', () => {
    const shippedBy = {
      sha: sha(8),
      run: 'Release #41',
      url: 'https://github.com/o/r/actions/runs/41/job/9'
    }
    const failure = classifyChange(
      change({
        shipped: [{ sha: sha(19), message: revertOf(sha(8)) }],
        shippers: { [sha(8)]: shippedBy, [sha(7)]: { sha: sha(7) } }
      }),
      'SUCCESS',
      'main',
      DEFAULT_HOTFIX
    )
    expect(failure?.reverted).toEqual([
      { sha: sha(8), by: sha(19), title: 'Revert "Add the retry budget"', shippedBy }
    ])
  })

  it('a rollback to a commit older than anything the environment ran says so', () => {
    const back = change({ head: sha(2), comparison: 'behind', shipped: [], neverShipped: true })
    expect(classifyChange(back, 'SUCCESS', 'main', DEFAULT_HOTFIX)).toEqual({
      environment: 'production',
      kind: 'rollback',
      head: sha(2),
      previous: { sha: sha(10) },
      neverShipped: true
    })
    expect(
      classifyChange(
        change({ head: sha(2), comparison: 'behind', shipped: [] }),
        'SUCCESS',
        'main',
        DEFAULT_HOTFIX
      )
    ).not.toHaveProperty('neverShipped')
  })

  it('a revert of a commit that ships in the same deployment never reached the environment: none', () => {
    const shipped = [
      { sha: sha(20), message: revertOf(sha(19)) },
      { sha: sha(19), message: 'Add the retry budget' }
    ]
    expect(classify(change({ shipped }))).toBeUndefined()
  })

  it('a revert on a first deployment, or past a range that was cut, is not counted', () => {
    const shipped = [{ sha: sha(20), message: revertOf(sha(8)) }]
    expect(classify(change({ shipped, previous: undefined }))).toBeUndefined()
    expect(classify(change({ shipped, complete: false }))).toBeUndefined()
  })

  it('hotfix: a successful deployment from a branch the patterns match', () => {
    expect(classify(change(), 'SUCCESS', 'hotfix/login-loop')).toBe('hotfix')
    expect(classify(change(), 'SUCCESS', 'hotfix-1.4.2')).toBe('hotfix')
    expect(classify(change(), 'SUCCESS', 'hotfix/a/b')).toBeUndefined()
    expect(classify(change(), 'SUCCESS', 'feature/hotfix-ui')).toBeUndefined()
  })
})

describe('precedence: failed, then rollback, then revert, then hotfix', () => {
  const everything = change({
    head: sha(5),
    comparison: 'behind',
    shipped: [{ sha: sha(5), message: revertOf(sha(3)) }]
  })
  it('failed before all', () => {
    expect(classify(everything, 'FAILURE' as never, 'hotfix/x')).toBe('failed')
  })
  it('rollback before revert and hotfix', () => {
    expect(classify(everything, 'SUCCESS', 'hotfix/x')).toBe('rollback')
  })
  it('revert before hotfix', () => {
    const shipped = [{ sha: sha(20), message: revertOf(sha(3)) }]
    expect(classify(change({ shipped }), 'SUCCESS', 'hotfix/x')).toBe('revert')
  })
})

describe('what a revert commit is', () => {
  it('a message starting Revert " with the line git writes', () => {
    expect(revertedBy(revertOf(sha(8)))).toBe(sha(8))
    expect(revertedBy(`Revert "x"\n\nThis reverts commit ${sha(8).toUpperCase()}`)).toBe(sha(8))
  })
  it('not a message that only mentions reverting, nor a short SHA', () => {
    expect(revertedBy(`Fix\n\nThis reverts commit ${sha(8)}.`)).toBeUndefined()
    expect(revertedBy('Revert "x"\n\nThis reverts commit 3c2f1ab.')).toBeUndefined()
  })
})

describe('branch patterns', () => {
  it('* stays within a path segment, ** crosses, ? is one character, the rest is literal', () => {
    const match = branchMatcher(['release/**', 'rc-?', 'v1.0'])
    expect(['release/a/b', 'rc-1', 'v1.0'].map(match)).toEqual([true, true, true])
    expect(['release', 'rc-10', 'v1x0', ''].map(match)).toEqual([false, false, false, false])
  })
})

describe('the parameter a CD report carries', () => {
  const reportWith = (
    changes: EnvironmentChange[],
    result: 'SUCCESS' | 'FAILURE',
    branch = 'main'
  ) =>
    buildJobReport(
      runInfo({ branch }),
      apiJob(),
      result,
      0,
      reportOptions({
        cd: true,
        environments: changes.map((c) => c.environment),
        shippedCommits: [sha(20)],
        changes,
        hotfixBranches: ['hotfix/*']
      })
    )

  it('change_failure = E:kind, one per environment that qualifies', () => {
    const { payload, changeFailures } = reportWith(
      [
        change({ environment: 'staging' }),
        change({ head: sha(5), comparison: 'behind', shipped: [] })
      ],
      'SUCCESS'
    )
    expect(payload.job_run_params.filter((p) => p.name === 'change_failure')).toEqual([
      { type: 'StringParameterValue', name: 'change_failure', value: 'production:rollback' }
    ])
    expect(changeFailures.map(changeFailureValue)).toEqual(['production:rollback'])
  })

  it('none on a CI report, whatever it is', () => {
    const { payload } = buildJobReport(runInfo({ branch: 'hotfix/x' }), apiJob(), 'FAILURE', 0, {
      ...reportOptions(),
      changes: [change()],
      hotfixBranches: ['hotfix/*']
    })
    expect(payload.job_run_params.map((p) => p.name)).not.toContain('change_failure')
  })
})

describe('from what the compare API read', () => {
  it('the first-shipped commits with their messages, the comparison, whether the head ran before', () => {
    const range = {
      environment: 'production',
      head: sha(3),
      previous: { sha: sha(1), createdAt: 0 }
    }
    const [read] = environmentChanges(
      [range],
      [{ commits: [sha(2), sha(3)], total: 2, messages: ['two', 'three'], status: 'ahead' }],
      [{ neverShipped: false }]
    )
    expect(read).toEqual({
      environment: 'production',
      head: sha(3),
      previous: { sha: sha(1) },
      comparison: 'ahead',
      shipped: [
        { sha: sha(3), message: 'three' },
        { sha: sha(2), message: 'two' }
      ],
      complete: true
    })
  })
})

describe('the words in the job summary', () => {
  it('says what kind, where, and what it went back to or reverted', () => {
    const lines = changeFailureLines([
      {
        environment: 'production',
        kind: 'rollback',
        head: 'abc1234' + '0'.repeat(33),
        previous: { sha: 'def5678' + '0'.repeat(33) }
      },
      {
        environment: 'production',
        kind: 'revert',
        head: sha(20),
        previous: { sha: sha(10), url: 'https://github.com/o/r/actions/runs/1/job/2' },
        reverted: [{ sha: '3c2f1ab' + '0'.repeat(33), by: sha(19), title: 'Revert "Add x"' }]
      },
      { environment: 'staging', kind: 'hotfix', head: sha(20), branch: 'hotfix/login' },
      { environment: 'staging', kind: 'failed', head: sha(20) }
    ])
    expect(lines).toEqual([
      'Rollback of **production** to `abc1234`, which production ran before `def5678`: a change failure (`change_failure` = `production:rollback`).',
      `Reverts \`3c2f1ab\`, which production already ran (shipped by [${sha(10).slice(0, 7)}](https://github.com/o/r/actions/runs/1/job/2) or earlier), with \`${sha(19).slice(0, 7)}\` \`Revert "Add x"\`: a change failure (\`change_failure\` = \`production:revert\`).`,
      'Hotfix to **staging** from branch `hotfix/login`: a change failure (`change_failure` = `staging:hotfix`).',
      'Failed deployment to **staging**: a change failure (`change_failure` = `staging:failed`).'
    ])
  })

  it('names the run that shipped a reverted commit, its SHA when the run is unknown, and a rollback past the first deployment', () => {
    const revert = (shippedBy: RevertedCommit['shippedBy']) => ({
      environment: 'production',
      kind: 'revert' as const,
      head: sha(20),
      previous: { sha: sha(10) },
      reverted: [
        {
          sha: '3c2f1ab' + '0'.repeat(33),
          by: 'aa11bb2' + '0'.repeat(33),
          title: 'Revert "x"',
          shippedBy
        }
      ]
    })
    const job = 'https://github.com/o/r/actions/runs/41/job/9'
    const lines = changeFailureLines([
      revert({ sha: sha(8), run: 'Release #41', url: job }),
      revert({ sha: sha(8), run: 'Release [#41](https://evil.example)' }),
      revert({ sha: '9d8e7f6' + '0'.repeat(33), url: job }),
      {
        environment: 'production',
        kind: 'rollback',
        head: '0a0b0c0' + '0'.repeat(33),
        previous: { sha: 'def5678' + '0'.repeat(33), url: job },
        neverShipped: true
      }
    ])
    const tail =
      ', with `aa11bb2` `Revert "x"`: a change failure (`change_failure` = `production:revert`).'
    expect(lines).toEqual([
      `Reverts \`3c2f1ab\` shipped to **production** by [Release \\#41](${job})${tail}`,
      `Reverts \`3c2f1ab\` shipped to **production** by Release \\[\\#41\\]\\(https://evil.example\\)${tail}`,
      `Reverts \`3c2f1ab\` shipped to **production** by [9d8e7f6](${job})${tail}`,
      `Rollback of **production** from [def5678](${job}) to \`0a0b0c0\`, a commit older than production's first deployment: a change failure (\`change_failure\` = \`production:rollback\`).`
    ])
  })
})
