// A whole sync: which repositories (given, or the organisation's that are not
// archived, in this shard), several at a time, each through syncRepo. Once SEI has
// failed too often in a row (the breaker), no further repository is read.
import type { HistoryClient, RepoRef } from '../github/history.js'
import type { Progress } from './progress.js'
import { syncRepo, type RepoOutcome, type RepoSync } from './repo.js'
import type { SyncState } from './state.js'
import { inShard, type Shard } from './window.js'

export type RepoSource = { repos: RepoRef[] } | { org: string }

export interface SyncRun {
  source: RepoSource
  shard?: Shard
  concurrency: number
  state: SyncState
  history: HistoryClient
  progress: Progress
  /** Saves the state (a no-op without --state); called as repositories finish. */
  save(): void
}

async function reposOf(run: SyncRun): Promise<RepoRef[]> {
  if ('repos' in run.source) return run.source.repos
  const org = run.source.org
  const cache = (run.state.orgs[org] ??= [])
  const repos: RepoRef[] = []
  for await (const repo of run.history.orgRepos(org, cache)) {
    if (!repo.archived) repos.push(repo)
  }
  return repos
}

export interface SyncOutcome {
  outcomes: RepoOutcome[]
  /** Repositories not read because the breaker opened first. */
  unread: number
}

export async function runSync(
  run: SyncRun,
  sync: Omit<RepoSync, 'onReported'>
): Promise<SyncOutcome> {
  const repos = (await reposOf(run)).filter((repo) =>
    inShard(`${repo.owner}/${repo.name}`, run.shard)
  )
  run.progress.total = repos.length
  const outcomes: RepoOutcome[] = []
  const queue = repos.values()
  const worker = async () => {
    for (
      let next = queue.next();
      !next.done && !sync.stopped() && !sync.breaker.open;
      next = queue.next()
    ) {
      const outcome = await syncRepo(
        { ...sync, onReported: () => run.progress.runReported() },
        next.value,
        run.state
      )
      outcomes.push(outcome)
      run.progress.repoDone(outcome)
      run.save()
    }
  }
  await Promise.all(Array.from({ length: Math.min(run.concurrency, repos.length) }, worker))
  const order = new Map(repos.map((repo, i) => [`${repo.owner}/${repo.name}`, i]))
  outcomes.sort((a, b) => order.get(a.repo)! - order.get(b.repo)!)
  return { outcomes, unread: repos.length - outcomes.length }
}
