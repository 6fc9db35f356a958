// Creating a CI/CD instance in SEI: the GUID every report names.
import { GUID_PATTERN } from '../defaults.js'
import { ExplainedError } from '../errors.js'
import { sendWithRetry, type Budget, type RetryHooks, type RetryPolicy } from '../http/retry.js'
import type { HttpResponse, Transport } from '../http/transport.js'
import { seiMessage, seiPost } from './deliver.js'

export interface NewInstance {
  integrationId: string
  name: string
  type: string
}

export interface InstanceTarget {
  apiBase: string
  apiKey: string
  /** How the user named the cluster or URL, and where the key came from, for messages. */
  endpointName: string
  keySource: string
}

export class InstanceError extends ExplainedError {
  override name = 'InstanceError'
}

export function instancesUrl(apiBase: string): string {
  return `${apiBase}/v1/cicd/instances`
}

function idOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown }
    return typeof parsed.id === 'string' && GUID_PATTERN.test(parsed.id)
      ? parsed.id.toLowerCase()
      : undefined
  } catch {
    return undefined
  }
}

// Creating is not idempotent: a request SEI may have carried out (a timeout, a 500)
// is not repeated, or a second instance with another GUID could appear. Only one that
// never reached SEI (refused, no such host, no TLS) or that SEI turned away is.
function wasNotProcessed(response: HttpResponse): boolean {
  return response.status === 429 || response.status === 503
}

export async function createInstance(
  instance: NewInstance,
  target: InstanceTarget,
  transport: Transport,
  budget: Budget,
  policy?: RetryPolicy,
  hooks?: RetryHooks
): Promise<string> {
  const url = instancesUrl(target.apiBase)
  const delivery = await sendWithRetry({
    transport,
    request: seiPost(
      url,
      target.apiKey,
      JSON.stringify({
        integration_id: instance.integrationId,
        name: instance.name,
        type: instance.type
      })
    ),
    budget,
    policy,
    hooks,
    retryOn: wasNotProcessed,
    retryError: (error) => error.unsent && !error.final
  })
  const response = delivery.response
  const mayExist = `the instance may or may not exist; look for "${instance.name}" in SEI before trying again`
  if (!response) {
    const reason = delivery.error?.message ?? 'no answer'
    if (delivery.error && !delivery.error.unsent) {
      throw new InstanceError(`SEI did not answer the create (${reason}): ${mayExist}.`)
    }
    throw new InstanceError(
      `Could not reach SEI at ${url} (${reason}) in ${delivery.attempts} attempt(s): check --sei-endpoint and your network or proxy settings.`
    )
  }
  const status = response.status
  if (status >= 200 && status < 300) {
    const id = idOf(response.body)
    if (id) return id
    throw new InstanceError(
      `SEI answered HTTP ${status} without an instance id (${seiMessage(response)}): ${mayExist}.`
    )
  }
  if (status === 401 || status === 403) {
    throw new InstanceError(
      `SEI refused the API key (HTTP ${status}): check ${target.keySource}, and that --sei-endpoint ("${target.endpointName}") is the Harness cluster the key belongs to.`
    )
  }
  if (status === 404) {
    throw new InstanceError(
      `SEI has no CI/CD instances endpoint at ${url} (HTTP 404): --sei-endpoint ("${target.endpointName}") is wrong; use a cluster name or the API base URL ending in /sei/api.`
    )
  }
  if (status === 400) {
    throw new InstanceError(
      `SEI rejected the new instance (HTTP 400): ${seiMessage(response)}; check --integration-id ("${instance.integrationId}").`
    )
  }
  if (!wasNotProcessed(response)) {
    throw new InstanceError(`SEI answered HTTP ${status} (${seiMessage(response)}): ${mayExist}.`)
  }
  throw new InstanceError(
    `SEI answered HTTP ${status} after ${delivery.attempts} attempt(s): ${seiMessage(response)}.`
  )
}
