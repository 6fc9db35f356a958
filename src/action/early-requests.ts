// What the post step starts before it loads the code of the report: the GitHub client
// and, for a job, the job's request and the commit's deployments look-up, so that the
// mapping, the summary and the delivery are loaded and compiled while GitHub answers.
import { early, readsDeployments } from '../collect/calls.js'
import { readContext, type RunnerContext } from '../context.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import { Budget, retryLog } from '../http/retry.js'
import { createTransport, proxySecrets, type Transport } from '../http/transport.js'
import { readInputs, type Inputs } from '../inputs.js'
import * as runner from '../runner.js'
import { maskValues } from '../secrets.js'

/** The runner's context, its event masked, and the client for this repository. */
export interface GitHubSide {
  context: RunnerContext
  client: GitHubClient
}

export interface Started extends GitHubSide {
  inputs: Inputs
  budget: Budget
  transport: Transport
}

function clientFor(
  inputs: Inputs,
  context: RunnerContext,
  transport: Transport,
  budget: Budget
): GitHubClient {
  return createGitHubClient({
    apiUrl: context.apiUrl,
    insecureHttp: inputs.allowInsecureHttp,
    optIn: 'the input allow-insecure-http: true',
    token: inputs.githubToken,
    owner: context.owner,
    repo: context.repo,
    transport,
    budget,
    hooks: retryLog('GitHub API', runner.info)
  })
}

/** The context with its event masked: the event is text from outside. */
const masked = (read: RunnerContext): RunnerContext => ({ ...read, event: maskValues(read.event) })

export function connect(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  budget: Budget
): GitHubSide {
  const read = readContext(env)
  return { context: masked(read), client: clientFor(inputs, read, transport, budget) }
}

/**
 * The client, with the requests a job's report makes first already sent: each answer
 * is handed to the first call that asks for it, as if that call had made the request.
 * Only what the report of this job reads for certain is sent (collect/report.ts).
 */
function withFirstRequests(
  client: GitHubClient,
  inputs: Inputs,
  context: RunnerContext
): GitHubClient {
  if (inputs.scope !== 'job' || inputs.runId !== undefined) return client
  const sent = new Map<string, Promise<unknown>>()
  const { jobCheckRunId: jobId } = inputs
  if (jobId !== undefined) sent.set(`job ${jobId}`, early(client.getJob(jobId)))
  if (readsDeployments(inputs, context.sha)) {
    sent.set(`deployments ${context.sha}`, early(client.listDeployments(context.sha)))
  }
  const take = <T>(key: string, request: () => Promise<T>): Promise<T> => {
    const answer = sent.get(key)
    sent.delete(key)
    return (answer as Promise<T> | undefined) ?? request()
  }
  return Object.assign(Object.create(client) as GitHubClient, {
    getJob: (id: number) => take(`job ${id}`, () => client.getJob(id)),
    listDeployments: (sha: string) => take(`deployments ${sha}`, () => client.listDeployments(sha))
  })
}

/**
 * Reads the inputs and the context and sends the first requests; undefined when
 * something is wrong, which the report step then meets again and tells the user.
 */
export async function startRequests(env: NodeJS.ProcessEnv): Promise<Started | undefined> {
  for (const secret of proxySecrets(env)) runner.setSecret(secret)
  let inputs: Inputs
  let transport: Transport
  try {
    inputs = readInputs(env)
    transport = await createTransport(env)
  } catch {
    return undefined
  }
  const budget = new Budget(inputs.timeoutSeconds * 1000)
  try {
    // The requests need the repository and the commit, not the event: it is masked after.
    const read = readContext(env)
    const client = withFirstRequests(clientFor(inputs, read, transport, budget), inputs, read)
    return { inputs, budget, transport, context: masked(read), client }
  } catch {
    await transport.close()
    return undefined
  }
}
