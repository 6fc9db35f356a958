// The parts of GitHub's REST answers that the report is made from.

export interface GitHubStep {
  name: string
  status: string
  conclusion: string | null
  number: number
  started_at?: string | null
  completed_at?: string | null
}

export interface GitHubJob {
  id: number
  run_id: number
  run_attempt?: number
  name: string
  status: string
  conclusion: string | null
  started_at: string | null
  completed_at: string | null
  created_at?: string | null
  runner_name?: string | null
  runner_id?: number | null
  html_url?: string | null
  workflow_name?: string | null
  head_branch?: string | null
  head_sha?: string
  steps?: GitHubStep[]
}

export interface GitHubRun {
  id: number
  name?: string | null
  path?: string
  run_number: number
  run_attempt?: number
  event: string
  status: string | null
  conclusion: string | null
  head_branch: string | null
  head_sha: string
  run_started_at?: string | null
  created_at: string
  updated_at: string
  html_url?: string
  actor?: { login: string } | null
  triggering_actor?: { login: string } | null
  head_commit?: { id: string } | null
  workflow_id?: number
  pull_requests?: { number: number; head: { sha: string; ref: string } }[]
  repository?: { full_name: string; html_url?: string }
}

export interface GitHubDeployment {
  id: number
  sha: string
  ref: string
  environment: string
  created_at: string
  statuses_url?: string
}

export interface GitHubDeploymentStatus {
  state: string
  log_url?: string | null
  target_url?: string | null
}
