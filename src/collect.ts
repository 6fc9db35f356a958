// From inputs and the runner context to a report: which run and jobs to read, and
// which of the pure mappings to apply.
import type { RunnerContext } from './context.js'
import type { GitHubClient } from './github/client.js'
import { findCurrentJob, pickCurrentJob } from './github/find-job.js'
import type { GitHubRun } from './github/types.js'
import type { Clock } from './http/retry.js'
import type { Inputs } from './inputs.js'
import {
  buildJobReport,
  buildWorkflowReport,
  finishedRunEnd,
  type Report,
  type ReportOptions
} from './mapping/payload.js'
import { runFromApi, runFromContext } from './mapping/run-info.js'
import { toMillis } from './mapping/time.js'
import { validatePayload } from './sei/schema.js'

export interface Collected extends Report {
  /** What was reported, for the summary: "job" or "workflow run". */
  subject: 'job' | 'workflow'
}

function reportOptions(inputs: Inputs, cd: boolean): ReportOptions {
  return {
    instanceGuid: inputs.instanceGuid,
    instanceName: inputs.instanceName,
    cd,
    artifacts: inputs.artifacts,
    params: inputs.params,
    matrix: inputs.matrix,
    projectName: inputs.projectName,
    moduleName: inputs.moduleName,
    themes: inputs.themes,
    cfrStatus: inputs.cfrStatus
  }
}

/** The finished run this step reports instead of its own, if any. */
async function upstreamRun(inputs: Inputs, context: RunnerContext, client: GitHubClient) {
  if (inputs.runId !== undefined) return { run: await client.getRun(inputs.runId), event: {} }
  const upstream = context.event.workflow_run
  if (inputs.scope === 'workflow' && context.eventName === 'workflow_run' && upstream) {
    return { run: upstream as GitHubRun, event: {} }
  }
  return undefined
}

export async function collectReport(
  inputs: Inputs,
  context: RunnerContext,
  client: GitHubClient,
  clock: Clock
): Promise<Collected> {
  const cd = inputs.cd === 'true'
  const options = reportOptions(inputs, cd)
  const finished = await upstreamRun(inputs, context, client)
  let report: Report
  let subject: Collected['subject'] = 'workflow'
  if (finished) {
    const { run } = finished
    const info = runFromApi(context, run)
    const jobs = await client.listAttemptJobs(run.id, run.run_attempt ?? 1)
    report = buildWorkflowReport(
      info,
      jobs,
      {
        start: toMillis(run.run_started_at) ?? toMillis(run.created_at) ?? 0,
        end: finishedRunEnd(jobs, run.updated_at),
        conclusion: run.conclusion
      },
      options
    )
  } else if (inputs.scope === 'workflow') {
    const info = runFromContext(context)
    const [jobs, attempt] = await Promise.all([
      client.listAttemptJobs(context.runId, context.runAttempt),
      client.getRunAttempt(context.runId, context.runAttempt)
    ])
    const reporting = inputs.jobCheckRunId ?? pickCurrentJob(jobs, context.runnerName)?.id
    const now = clock.now()
    report = buildWorkflowReport(
      { ...info, workflowName: attempt.name || info.workflowName },
      jobs,
      { start: toMillis(attempt.run_started_at) ?? toMillis(attempt.created_at) ?? now, end: now },
      options,
      reporting
    )
  } else {
    subject = 'job'
    const job = await findCurrentJob(
      client,
      {
        runId: context.runId,
        runAttempt: context.runAttempt,
        runnerName: context.runnerName,
        checkRunId: inputs.jobCheckRunId
      },
      clock
    )
    report = buildJobReport(runFromContext(context), job, inputs.jobStatus, clock.now(), options)
  }
  return { ...report, payload: validatePayload(report.payload), subject }
}
