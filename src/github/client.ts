// The few GitHub REST calls the report needs, each a short function over the request
// layer (request.ts), with errors that say what to change.
import {
  allPages,
  JOBS_BOUND,
  createRequester,
  GitHubError,
  stepTokenFailure,
  type CallInfo,
  type TokenFailure,
  type Requester,
  type RequesterOptions
} from './request.js'
import { commitDeploymentsPath, jobPath, PAGE_SIZE, repoPrefix } from './paths.js'
import type { Check } from '../checks.js'
import type { Budget } from '../http/retry.js'
import {
  comparisonCheck,
  deploymentStatusesCheck,
  deploymentsCheck,
  jobCheck,
  jobsPageCheck,
  runCheck,
  runsPageCheck
} from './answers.js'
import type { GitHubDeployment, GitHubDeploymentStatus, GitHubJob, GitHubRun } from './types.js'

export interface GitHubClientOptions extends Omit<RequesterOptions, 'outcome'> {
  owner: string
  repo: string
  /** How failures are worded: for the step's github-token unless told otherwise. */
  failure?: TokenFailure
}

export interface ComparedCommits {
  /** Oldest first, as the compare API lists them. */
  commits: string[]
  total: number
  /** Each commit's message, in the same order. */
  messages?: string[]
  /** How head relates to base: `ahead`, `behind` (an ancestor of base), `identical`, `diverged`. */
  status?: string
}

/** A compared commit's message; the schema keeps the field as GitHub sent it. */
function messageOf(commit: Record<string, unknown>): string {
  const message = (commit.commit as { message?: unknown } | null | undefined)?.message
  return typeof message === 'string' ? message : ''
}

/** Earlier runs of a workflow read when looking for the previous successful run of a job. */
export const RUN_HISTORY_PAGE = 20

export interface PushRunQuery {
  workflowId: number
  branch: string
  /** ISO time: only runs created earlier count. */
  before: string
}

export interface CompareQuery {
  base: string
  head: string
  /** How many of the newest commits to read. */
  limit: number
}

export interface GitHubClient {
  getJob(jobId: number): Promise<GitHubJob>
  listAttemptJobs(runId: number, attempt: number): Promise<GitHubJob[]>
  getRun(runId: number): Promise<GitHubRun>
  /** The latest push run of a workflow on a branch created before `before`, if any. */
  previousPushRun(query: PushRunQuery): Promise<GitHubRun | undefined>
  getRunAttempt(runId: number, attempt: number): Promise<GitHubRun>
  listDeployments(sha: string): Promise<GitHubDeployment[]>
  listDeploymentStatuses(deploymentId: number): Promise<GitHubDeploymentStatus[]>
  /** The latest 100 deployments to an environment, newest first, as GitHub lists them. */
  listEnvironmentDeployments(environment: string): Promise<GitHubDeployment[]>
  /** The commits from base to head, oldest first; the newest 100 when there are more. */
  compareCommits(base: string, head: string): Promise<string[]>
  /** The newest `limit` commits from base to head, oldest first, and how many there are. */
  compareNewest(query: CompareQuery): Promise<ComparedCommits>
  /** Completed runs of a workflow (id or file name) created before `before` (ISO), newest first. */
  listCompletedRuns(workflow: number | string, before: string): Promise<GitHubRun[]>
  /** Requests sent so far, retries included. */
  readonly requestCount: number
  /** The time left for the whole step, shared with every other request. */
  readonly budget: Budget
}

const OTHER_REPOSITORY =
  'github-token may belong to another repository (GitHub answers 404 for what a token cannot see)'

/** One repository's calls: the request layer, the path prefix and the repository's name. */
interface Repo {
  requester: Requester
  /** `/repos/owner/name` */
  prefix: string
  /** `owner/name` */
  name: string
  failure: TokenFailure
}

function read<T>(repo: Repo, path: string, call: CallInfo, schema: Check<T>) {
  return repo.requester.data(`${repo.prefix}${path}`, {
    schema,
    what: call.what,
    fail: (failed) => repo.failure(failed, call, repo.name)
  })
}

function jobCall(jobId: number): CallInfo {
  return {
    what: `job ${jobId}`,
    permission: 'actions',
    notFound: `the job id comes from job.check_run_id, which is not the job id on older GitHub Enterprise Server, or ${OTHER_REPOSITORY}`
  }
}

function runCall(repo: Repo, runId: number, what = `workflow run ${runId}`): CallInfo {
  return {
    what,
    permission: 'actions',
    notFound: `when run-id is set, it must be a run of ${repo.name} (the number after /actions/runs/ in the run's URL); else ${OTHER_REPOSITORY}`
  }
}

function deploymentsCall(what: string, notFound = OTHER_REPOSITORY): CallInfo {
  return { what, permission: 'deployments', notFound }
}

async function getJob(repo: Repo, jobId: number): Promise<GitHubJob> {
  const path = jobPath(jobId)
  const job = await read(repo, path, jobCall(jobId), jobCheck)
  if (job.id !== jobId) {
    throw new GitHubError(
      `GitHub answered GET ${repo.prefix}${path} with job ${job.id}, not job ${jobId}; the report was not made.`
    )
  }
  return job
}

function listAttemptJobs(repo: Repo, runId: number, attempt: number): Promise<GitHubJob[]> {
  const call = runCall(repo, runId, `jobs of run ${runId} attempt ${attempt}`)
  return allPages<GitHubJob>(
    repo.requester,
    `${repo.prefix}/actions/runs/${runId}/attempts/${attempt}/jobs`,
    'jobs',
    {
      schema: jobsPageCheck,
      what: call.what,
      fail: (failed) => repo.failure(failed, call, repo.name)
    },
    JOBS_BOUND
  )
}

function getRun(repo: Repo, runId: number): Promise<GitHubRun> {
  return read(repo, `/actions/runs/${runId}`, runCall(repo, runId), runCheck)
}

function getRunAttempt(repo: Repo, runId: number, attempt: number): Promise<GitHubRun> {
  const call = runCall(repo, runId, `workflow run ${runId} attempt ${attempt}`)
  return read(repo, `/actions/runs/${runId}/attempts/${attempt}`, call, runCheck)
}

async function previousPushRun(repo: Repo, query: PushRunQuery): Promise<GitHubRun | undefined> {
  const { workflowId, branch, before } = query
  const filter = `branch=${encodeURIComponent(branch)}&event=push&created=${encodeURIComponent(`<${before}`)}&per_page=1`
  const call = runCall(repo, workflowId, `runs of workflow ${workflowId}`)
  const data = await read(
    repo,
    `/actions/workflows/${workflowId}/runs?${filter}`,
    call,
    runsPageCheck
  )
  return data.workflow_runs?.[0]
}

function listDeployments(repo: Repo, sha: string): Promise<GitHubDeployment[]> {
  const path = commitDeploymentsPath(sha)
  return read(repo, path, deploymentsCall(`deployments of commit ${sha}`), deploymentsCheck)
}

function listDeploymentStatuses(repo: Repo, id: number): Promise<GitHubDeploymentStatus[]> {
  const call = deploymentsCall(
    `statuses of deployment ${id}`,
    `deployment ${id} may have been deleted, or ${OTHER_REPOSITORY}`
  )
  return read(
    repo,
    `/deployments/${id}/statuses?per_page=${PAGE_SIZE}`,
    call,
    deploymentStatusesCheck
  )
}

function listEnvironmentDeployments(repo: Repo, environment: string): Promise<GitHubDeployment[]> {
  const path = `/deployments?environment=${encodeURIComponent(environment)}&per_page=${PAGE_SIZE}`
  const call = deploymentsCall(`deployments to environment "${environment}"`)
  return read(repo, path, call, deploymentsCheck)
}

async function listCompletedRuns(
  repo: Repo,
  workflow: number | string,
  before: string
): Promise<GitHubRun[]> {
  const filter = `status=completed&created=${encodeURIComponent(`<${before}`)}&per_page=${RUN_HISTORY_PAGE}`
  const call: CallInfo = {
    what: `runs of workflow ${workflow}`,
    permission: 'actions',
    notFound: `the workflow ${workflow} (from GITHUB_WORKFLOW_REF) is not in ${repo.name}, or ${OTHER_REPOSITORY}`
  }
  const path = `/actions/workflows/${encodeURIComponent(String(workflow))}/runs?${filter}`
  return (await read(repo, path, call, runsPageCheck)).workflow_runs ?? []
}

/** Page 1 tells the total; the pages that hold the newest `limit` commits follow at once. */
async function compare(repo: Repo, { base, head, limit }: CompareQuery): Promise<ComparedCommits> {
  const call: CallInfo = {
    what: `comparison ${base.slice(0, 7)}...${head.slice(0, 7)}`,
    permission: 'contents',
    notFound: `one of the commits is no longer in ${repo.name} (a force push), or ${OTHER_REPOSITORY}`
  }
  const page = async (n: number) => {
    const path = `/compare/${base}...${head}?per_page=${PAGE_SIZE}&page=${n}`
    const data = await read(repo, path, call, comparisonCheck)
    const commits = data.commits ?? []
    return {
      total: data.total_commits ?? 0,
      shas: commits.map((c) => c.sha),
      messages: commits.map(messageOf),
      status: typeof data.status === 'string' ? data.status : undefined
    }
  }
  const first = await page(1)
  const last = Math.ceil(first.total / PAGE_SIZE)
  const from = Math.max(2, Math.floor(Math.max(0, first.total - limit) / PAGE_SIZE) + 1)
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => page(from + i))
  )
  const pages = from === 2 ? [first, ...rest] : rest
  const shas = pages.flatMap((p) => p.shas)
  const messages = pages.flatMap((p) => p.messages)
  return {
    commits: shas.slice(-limit),
    total: Math.max(first.total, first.shas.length),
    messages: messages.slice(-limit),
    ...(first.status ? { status: first.status } : {})
  }
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const requester = createRequester({ ...options, outcome: '; the report was not made' })
  const name = `${options.owner}/${options.repo}`
  const repo: Repo = {
    requester,
    prefix: repoPrefix(name),
    name,
    failure: options.failure ?? stepTokenFailure
  }
  return {
    budget: options.budget,
    get requestCount() {
      return requester.count
    },
    getJob: (jobId) => getJob(repo, jobId),
    listAttemptJobs: (runId, attempt) => listAttemptJobs(repo, runId, attempt),
    getRun: (runId) => getRun(repo, runId),
    previousPushRun: (query) => previousPushRun(repo, query),
    getRunAttempt: (runId, attempt) => getRunAttempt(repo, runId, attempt),
    listDeployments: (sha) => listDeployments(repo, sha),
    listDeploymentStatuses: (id) => listDeploymentStatuses(repo, id),
    listEnvironmentDeployments: (environment) => listEnvironmentDeployments(repo, environment),
    listCompletedRuns: (workflow, before) => listCompletedRuns(repo, workflow, before),
    compareCommits: async (base, head) =>
      (await compare(repo, { base, head, limit: PAGE_SIZE })).commits,
    compareNewest: (query) => compare(repo, query)
  }
}
