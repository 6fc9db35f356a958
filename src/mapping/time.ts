// GitHub timestamps: step times carry offsets (-08:00), job times use Z. Compare as numbers.

export function toMillis(value: string | null | undefined): number | undefined {
  if (!value) return undefined
  const millis = Date.parse(value)
  return Number.isNaN(millis) ? undefined : millis
}

/** Milliseconds from start to end, 0 when either is unknown or the end comes first. */
export function durationBetween(start: number | undefined, end: number | undefined): number {
  if (start === undefined || end === undefined) return 0
  return Math.max(0, Math.round(end - start))
}

export function toIso(millis: number): string {
  return new Date(millis).toISOString()
}
