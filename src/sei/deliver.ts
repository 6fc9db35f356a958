// POST the payload to SEI's custom CI/CD endpoint, with an explained outcome.
import { ExplainedError } from '../errors.js'
import {
  isRetriedStatus,
  sendWithRetry,
  type Budget,
  type Delivery,
  type RetryHooks,
  type RetryPolicy
} from '../http/retry.js'
import { answerMessage } from '../http/answer-message.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'

export interface SeiTarget {
  apiBase: string
  apiKey: string
  /** How the user named it (a cluster name or URL), for messages. */
  endpointName: string
  /** Where the user set the key and the endpoint, for messages (the action's inputs by default). */
  names?: { key: string; endpoint: string; timeout: string; host?: string }
}

const ACTION_NAMES: NonNullable<SeiTarget['names']> = {
  key: 'the api-key secret',
  endpoint: 'sei-endpoint',
  timeout: 'timeout-seconds'
}

export type FailureKind = 'auth' | 'rejected' | 'not-found' | 'server' | 'network' | 'timeout'

export class DeliveryError extends ExplainedError {
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

/** What SEI said in an error answer, on one line: it names what is wrong in `payload` (400) or `message`. */
export function seiMessage(response: HttpResponse): string {
  return answerMessage(response, ['payload', 'message']) || 'no message'
}

function waitText(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`
}

function failure(response: HttpResponse, target: SeiTarget, url: string, delivery: Delivery) {
  const { status } = response
  const attempts = delivery.attempts
  const names = target.names ?? ACTION_NAMES
  if (status === 401 || status === 403) {
    return new DeliveryError(
      `SEI refused the API key (HTTP ${status}): check ${names.key}, and that ${names.endpoint} ("${target.endpointName}") is the Harness cluster the key belongs to.`,
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
      `SEI has no custom CI/CD endpoint at ${url} (HTTP 404): ${names.endpoint} ("${target.endpointName}") is wrong; use a cluster name or the API base URL ending in /sei/api.`,
      'not-found',
      attempts
    )
  }
  if (!isRetriedStatus(response)) {
    return new DeliveryError(
      `SEI refused the report (HTTP ${status}): ${seiMessage(response)}.`,
      'rejected',
      attempts
    )
  }
  if (delivery.refusedWaitMs !== undefined) {
    return new DeliveryError(
      `SEI answered HTTP ${status} and asked to wait ${waitText(delivery.refusedWaitMs)}, ${delivery.refusedBy === 'cap' ? `longer than the ${waitText(delivery.maxWaitMs ?? 0)} this action waits at most` : `longer than ${names.timeout} leaves`}: re-send the kept payload later.`,
      'server',
      attempts
    )
  }
  return new DeliveryError(
    `SEI answered HTTP ${status} on each of ${attempts} attempt(s)${delivery.outOfTime ? ` within ${names.timeout}` : ''}: ${seiMessage(response)}.`,
    'server',
    attempts
  )
}

/** A POST to SEI: its API key scheme and a JSON body. */
export function seiPost(url: string, apiKey: string, body: string): Omit<HttpRequest, 'timeoutMs'> {
  return {
    method: 'POST',
    url,
    headers: {
      authorization: `ApiKey ${apiKey}`,
      'content-type': 'application/json',
      'user-agent': 'sei-cicd-action'
    },
    body
  }
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
  const delivery = await sendWithRetry({
    transport,
    request: seiPost(url, target.apiKey, body),
    budget,
    policy,
    hooks
  })
  const response = delivery.response
  if (response && response.status >= 200 && response.status < 300) {
    return { status: response.status, attempts: delivery.attempts, url }
  }
  if (response) throw failure(response, target, url, delivery)
  const reason = delivery.error?.message ?? 'no answer'
  const names = target.names ?? ACTION_NAMES
  if (delivery.error?.code === 'ETIMEDOUT') {
    throw new DeliveryError(
      `SEI at ${url} did not answer within ${names.timeout} (${reason}, ${delivery.attempts} attempt(s)): raise ${names.timeout}, or check that ${names.host ?? 'the runner'} can reach it.`,
      'timeout',
      delivery.attempts
    )
  }
  throw new DeliveryError(
    `Could not reach SEI at ${url} (${reason}, ${delivery.attempts} attempt(s)): check ${names.endpoint} and ${names.host ?? 'the runner'}'s network or proxy settings.`,
    'network',
    delivery.attempts
  )
}
