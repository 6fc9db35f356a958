// POST the payload to SEI's custom CI/CD endpoint, with an explained outcome.
import { sendWithRetry, type Budget, type RetryHooks, type RetryPolicy } from '../http/retry.js'
import type { HttpResponse, Transport } from '../http/transport.js'

export interface SeiTarget {
  apiBase: string
  apiKey: string
  /** How the user named it (a cluster name or URL), for messages. */
  endpointName: string
}

export type FailureKind = 'auth' | 'rejected' | 'not-found' | 'server' | 'network' | 'timeout'

export class DeliveryError extends Error {
  override name = 'DeliveryError'
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly attempts: number
  ) {
    super(message)
  }
}

export interface Delivered {
  status: number
  attempts: number
  url: string
}

export function reportUrl(apiBase: string): string {
  return `${apiBase}/v1/custom-cicd`
}

function seiMessage(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.body) as { payload?: unknown; message?: unknown }
    for (const value of [body.payload, body.message]) {
      if (typeof value === 'string' && value) return value
    }
  } catch {
    // not JSON
  }
  return response.body.slice(0, 200).replace(/\s+/g, ' ').trim() || 'no message'
}

function failure(
  response: HttpResponse,
  target: SeiTarget,
  url: string,
  attempts: number
): DeliveryError {
  const status = response.status
  if (status === 401 || status === 403) {
    return new DeliveryError(
      `SEI refused the API key (HTTP ${status}): check the api-key secret, and that sei-endpoint ("${target.endpointName}") is the Harness cluster the key belongs to.`,
      'auth',
      attempts
    )
  }
  if (status === 400) {
    return new DeliveryError(
      `SEI rejected the report (HTTP 400): ${seiMessage(response)}.`,
      'rejected',
      attempts
    )
  }
  if (status === 404) {
    return new DeliveryError(
      `SEI has no custom CI/CD endpoint at ${url} (HTTP 404): sei-endpoint ("${target.endpointName}") is wrong; use a cluster name or the API base URL ending in /sei/api.`,
      'not-found',
      attempts
    )
  }
  const kind: FailureKind =
    status >= 500 || status === 408 || status === 429 ? 'server' : 'rejected'
  return new DeliveryError(
    `SEI answered HTTP ${status} after ${attempts} attempt(s): ${seiMessage(response)}.`,
    kind,
    attempts
  )
}

export async function deliver(
  body: string,
  target: SeiTarget,
  transport: Transport,
  budget: Budget,
  policy?: RetryPolicy,
  hooks?: RetryHooks
): Promise<Delivered> {
  const url = reportUrl(target.apiBase)
  const delivery = await sendWithRetry(
    transport,
    {
      method: 'POST',
      url,
      headers: {
        authorization: `ApiKey ${target.apiKey}`,
        'content-type': 'application/json',
        'user-agent': 'sei-cicd-action'
      },
      body
    },
    budget,
    policy,
    hooks
  )
  const response = delivery.response
  if (response && response.status >= 200 && response.status < 300) {
    return { status: response.status, attempts: delivery.attempts, url }
  }
  if (response) throw failure(response, target, url, delivery.attempts)
  const timedOut = delivery.outOfTime || delivery.error?.code === 'ETIMEDOUT'
  throw new DeliveryError(
    `Could not reach SEI at ${url} (${delivery.error?.message ?? 'no answer'}) in ${delivery.attempts} attempt(s)${timedOut ? ' within timeout-seconds' : ''}.`,
    timedOut ? 'timeout' : 'network',
    delivery.attempts
  )
}
