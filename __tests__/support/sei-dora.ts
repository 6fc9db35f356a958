// SEI's DORA computation over the custom CI/CD runs it stored, as its server source
// does it (docs: "How SEI computes DORA"): one run per (job, build_number), the first
// write kept; a run with a null parameter value never stored; runs selected by `cd`,
// job-parameter filters ORed within a filter set and an exact status list; a CI/CD
// stage of lead time ending at the earliest selected run that lists a commit of the
// repository, whatever its result; the repository parsed from repo_url.
import type { SeiPayload } from '../../src/sei/schema.js'

/** SEI's ScmUtils.parseRepoIdFromScmUrl: a clone URL's owner/repo, else the URL itself. */
export function seiRepoId(scmUrl: string | undefined): string | undefined {
  if (!scmUrl || scmUrl.trim() === '') return undefined
  for (const pattern of [/\b\/(.+\/.+)\.git\b/, /^git@.*:(.*).git$/, /\b\/_git\/(.+)/]) {
    const match = pattern.exec(scmUrl)
    if (match) return match[1]
  }
  return scmUrl
}

/** What SEI keeps of the posts, in the order its queue took them. */
export function stored(posts: readonly SeiPayload[]): SeiPayload[] {
  const runs = new Map<string, SeiPayload>()
  for (const payload of posts) {
    // A run and its parameters are stored in one transaction: a null value loses it.
    const params = payload.job_run_params as { type?: unknown; name?: unknown; value?: unknown }[]
    if (params.some((p) => p.type == null || p.name == null || p.value == null)) continue
    const key = `${payload.job_full_name}#${payload.build_number}`
    if (!runs.has(key)) runs.set(key, payload)
  }
  return [...runs.values()]
}

export interface FilterSet {
  cd?: boolean
  /** name → accepted values; several names are ORed, as SEI ORs job-parameter filters. */
  params?: Record<string, readonly string[]>
  statuses?: readonly string[]
}

export function select(runs: readonly SeiPayload[], filter: FilterSet): SeiPayload[] {
  return runs.filter((run) => {
    if (filter.cd !== undefined && (filter.cd ? run.cd !== true : run.ci !== true)) return false
    if (filter.statuses && !filter.statuses.includes(run.result)) return false
    const params = Object.entries(filter.params ?? {})
    if (params.length === 0) return true
    return run.job_run_params.some((p) =>
      params.some(([name, values]) => p.name === name && values.includes(p.value))
    )
  })
}

/** end_time as SEI stores it: start plus the duration in whole seconds. */
export function endTime(run: SeiPayload): number {
  return run.start_time + Math.floor(run.duration / 1000) * 1000
}

/** The profile docs/dora.md gives for environment E: DF and CFR as SEI counts them. */
export function doraFor(runs: readonly SeiPayload[], environment: string) {
  const total = select(runs, { cd: true, params: { environment: [environment] } })
  return {
    frequency: select(runs, {
      cd: true,
      params: { environment: [environment] },
      statuses: ['SUCCESS']
    }).length,
    failures: select(total, { statuses: ['FAILURE'] }).length,
    all: total.length
  }
}

/**
 * The run that ends a commit's CI/CD stage: the earliest by end_time among the selected
 * runs that list it for its repository, any result.
 */
export function stageEndRun(
  runs: readonly SeiPayload[],
  filter: FilterSet,
  repository: string,
  commit: string
): SeiPayload | undefined {
  return select(runs, filter)
    .filter((run) => seiRepoId(run.repo_url) === repository && run.scm_commit_ids.includes(commit))
    .sort((a, b) => endTime(a) - endTime(b))[0]
}
