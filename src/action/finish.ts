// The one way a reporting step ends, whatever ended it (delivery, a failure, the
// deadline, a signal): the kept report, the outputs and the summary, written once and
// in that order of importance, each write on its own so that one failing stops none of
// the others; then the line that tells the user.
import type { Collected } from '../collect/report.js'
import { keepReport, dropKept, type Kept } from '../report/kept-file.js'
import { keptPayloadBlock } from '../report/kept-payload.js'
import { renderEarlySummary } from '../report/early-summary.js'
import {
  REBUILD_INPUTS,
  REBUILD_KEY_NOTE,
  RESEND_KEY_NOTE,
  rebuildCommand,
  resendCommand
} from '../report/resend.js'
import { renderSummary, type SummaryOutcome } from '../report/summary.js'
import * as runner from '../runner.js'
import type { SeiPayload } from '../sei/schema.js'
import { complain } from './tell.js'

export type Ending =
  { status: 'delivered' | 'dry-run'; line: string } | { status: 'failed'; message: string }

/** What the step reports to, as far as it is known when it ends. */
export interface Target {
  /** The SEI URL the report goes to; unknown while the inputs are not read. */
  url?: string
  /** sei-endpoint as the user gave it, for the re-send command. */
  endpoint: string
  /** instance-guid as the user gave it, for a summary without a report. */
  instanceGuid: string
  runUrl?: string
  failOnError: boolean
  /** Whether the step sets outputs: false in a post step, whose outputs the runner drops. */
  outputs: boolean
}

export class StepEnd {
  private collected?: Collected
  private kept?: Kept
  private keepAtOnce = false
  private done = false
  /** The summary of a delivered report, drawn while SEI answers. */
  private delivered?: string

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly target: Target
  ) {}

  get finished(): boolean {
    return this.done
  }

  /** The report is built: from now on an ending keeps it unless it was delivered. */
  built(collected: Collected): void {
    this.collected = collected
    if (this.keepAtOnce) this.keep()
  }

  /** Draws the summary the report gets if SEI takes it, so that the ending only writes it. */
  prepare(): void {
    if (!this.collected || this.target.url === undefined) return
    const outcome: SummaryOutcome = { status: 'delivered', url: this.target.url }
    this.delivered = renderSummary(this.collected.payload, outcome, this.collected)
  }

  /** Keeps the report on disk now, or as soon as it is built (a cancelled step may die soon). */
  keepNow(): void {
    this.keepAtOnce = true
    if (this.collected) this.keep()
  }

  finish(ending: Ending): void {
    if (this.done) return
    this.done = true
    if (ending.status === 'failed' && this.collected) this.keep()
    if (ending.status !== 'failed') this.dropKept()
    if (this.target.outputs) this.writeOutputs(ending)
    this.writeSummary(ending)
    if (ending.status === 'failed')
      complain(this.failureText(ending.message), this.target.failOnError)
    else runner.info(ending.line)
  }

  private keep(): void {
    if (this.kept || !this.collected) return
    this.kept = keepReport(this.collected.payload, this.env)
  }

  private dropKept(): void {
    if (!this.kept || !('file' in this.kept)) return
    try {
      dropKept(this.kept.file)
    } catch {
      // A stale copy of a delivered report does no harm: send would post it once more.
    }
    this.kept = undefined
  }

  private resend(file: string): string {
    return resendCommand(file, this.target.endpoint)
  }

  /** The command that rebuilds `payload` from the GitHub API and sends it, from anywhere. */
  private rebuild(payload: SeiPayload): string | undefined {
    const inputs = Object.fromEntries(
      REBUILD_INPUTS.map((name) => [name, runner.getInput(name, this.env)])
    )
    return rebuildCommand({
      repoUrl: payload.repo_url,
      executionId: payload.execution_id,
      instanceGuid: payload.instance_guid,
      ...(this.env.GITHUB_API_URL ? { apiUrl: this.env.GITHUB_API_URL } : {}),
      inputs,
      endpoint: this.target.endpoint
    })
  }

  /**
   * How to re-send an undelivered report, said after the reason: rebuilt from the GitHub
   * API from any machine once `ended` has ended, then the file a self-hosted runner keeps.
   */
  private resendAdvice(payload: SeiPayload, kept: Kept, ended: string): string {
    const rebuild = this.rebuild(payload)
    const anywhere = rebuild
      ? ` Once ${ended} has ended, re-send the report from any machine with \`${rebuild}\` (${REBUILD_KEY_NOTE}).`
      : ''
    if ('file' in kept) {
      return `${anywhere} On a self-hosted runner, the payload kept in ${kept.file} can be sent instead: \`${this.resend(kept.file)}\` (${RESEND_KEY_NOTE}).`
    }
    return `${anywhere} ${kept.error}`
  }

  /** Keeps a report of the run besides the step's own that SEI did not take; says how to re-send it. */
  keepAnother(payload: SeiPayload): string {
    return this.resendAdvice(payload, keepReport(payload, this.env), 'the run')
  }

  private failureText(message: string): string {
    if (!this.collected || !this.kept) return message
    const ended = this.collected.subject === 'job' ? 'the job' : 'the run'
    const advice = this.resendAdvice(this.collected.payload, this.kept, ended)
    const inSummary = 'file' in this.kept ? '' : ' The payload is in the job summary.'
    return `${message}${advice}${inSummary}`
  }

  private writeOutputs(ending: Ending): void {
    const payload = this.collected?.payload
    if (payload) {
      runner.setJsonOutput('payload', payload, this.env)
      runner.setOutput('execution-id', payload.execution_id, this.env)
      runner.setOutput('result', payload.result, this.env)
    }
    runner.setOutput('delivered', String(ending.status === 'delivered'), this.env)
  }

  private writeSummary(ending: Ending): void {
    const payload = this.collected?.payload
    if (!payload || this.target.url === undefined) {
      const message = ending.status === 'failed' ? ending.message : ending.line
      runner.appendSummary(
        renderEarlySummary({
          status: 'not-made',
          message,
          instanceGuid: this.target.instanceGuid,
          ...(this.target.runUrl ? { runUrl: this.target.runUrl } : {})
        }),
        this.env
      )
      return
    }
    const url = this.target.url
    if (ending.status !== 'failed') {
      const drawn =
        ending.status === 'delivered' && this.delivered !== undefined
          ? this.delivered
          : renderSummary(payload, { status: ending.status, url }, this.collected)
      runner.appendSummary(drawn, this.env)
      return
    }
    const file = this.kept && 'file' in this.kept ? this.kept.file : undefined
    const rebuild = this.rebuild(payload)
    const outcome: SummaryOutcome = {
      status: 'failed',
      url,
      error: ending.message,
      ...(file ? { kept: { file, resend: this.resend(file) } } : {}),
      ...(rebuild ? { rebuild } : {})
    }
    runner.appendSummary(
      renderSummary(payload, outcome, this.collected) +
        keptPayloadBlock(JSON.stringify(payload, null, 2), file),
      this.env
    )
  }
}
