// The parts of GitHub's REST answers that the report is made from, typed from GitHub's
// own OpenAPI description (@octokit/openapi-types, types only). Three deliberate
// differences, all towards what the API really sends: ids are numbers (JSON has no
// bigint), fields whose values GitHub keeps adding to (status, conclusion, state) are
// open strings, and fields the description calls required but queued jobs or older
// servers leave out are optional or nullable. src/github/schemas.ts checks each answer.
import type { components } from '@octokit/openapi-types'

type Api = components['schemas']
type ApiJob = Api['job']
type ApiStep = NonNullable<ApiJob['steps']>[number]
type ApiRun = Api['workflow-run']
type ApiDeployment = Api['deployment']
type ApiDeploymentStatus = Api['deployment-status']

/** An enum of the description, read as any string. */
type Open<T> = T extends string ? string : T

export interface GitHubStep {
  name: ApiStep['name']
  status: Open<ApiStep['status']>
  conclusion: Open<ApiStep['conclusion']>
  number: ApiStep['number']
  started_at?: ApiStep['started_at']
  completed_at?: ApiStep['completed_at']
}

export interface GitHubJob {
  id: number
  run_id: number
  run_attempt?: ApiJob['run_attempt']
  name: ApiJob['name']
  status: Open<ApiJob['status']>
  conclusion: Open<ApiJob['conclusion']>
  started_at: ApiJob['started_at'] | null
  completed_at: ApiJob['completed_at']
  created_at?: ApiJob['created_at'] | null
  runner_name?: ApiJob['runner_name']
  runner_id?: ApiJob['runner_id']
  html_url?: ApiJob['html_url']
  workflow_name?: ApiJob['workflow_name']
  head_branch?: ApiJob['head_branch']
  head_sha?: ApiJob['head_sha']
  steps?: GitHubStep[]
}

export interface GitHubRun {
  id: number
  name?: ApiRun['name']
  path?: ApiRun['path']
  run_number: ApiRun['run_number']
  run_attempt?: ApiRun['run_attempt']
  event: ApiRun['event']
  status: ApiRun['status']
  conclusion: ApiRun['conclusion']
  head_branch: ApiRun['head_branch']
  head_sha: ApiRun['head_sha']
  run_started_at?: ApiRun['run_started_at'] | null
  created_at: ApiRun['created_at']
  updated_at: ApiRun['updated_at']
  html_url?: ApiRun['html_url']
  actor?: Pick<Api['simple-user'], 'login'> | null
  triggering_actor?: Pick<Api['simple-user'], 'login'> | null
  head_commit?: Pick<Api['simple-commit'], 'id'> | null
  workflow_id?: ApiRun['workflow_id']
  pull_requests?: {
    number: Api['pull-request-minimal']['number']
    head: Pick<Api['pull-request-minimal']['head'], 'sha' | 'ref'>
  }[]
  repository?: Pick<Api['minimal-repository'], 'full_name'> &
    Partial<Pick<Api['minimal-repository'], 'html_url'>>
}

export interface GitHubDeployment {
  id: number
  sha: ApiDeployment['sha']
  ref: ApiDeployment['ref']
  environment: ApiDeployment['environment']
  created_at: ApiDeployment['created_at']
  statuses_url?: ApiDeployment['statuses_url']
}

export interface GitHubDeploymentStatus {
  state: Open<ApiDeploymentStatus['state']>
  log_url?: ApiDeploymentStatus['log_url'] | null
  target_url?: ApiDeploymentStatus['target_url'] | null
}
