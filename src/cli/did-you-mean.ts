// The nearest of a few known words to a mistyped one, for "did you mean …?".

/** Edits (insert, delete, change, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + change)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      }
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

/** The known word `typed` most likely meant: an edit or two away, or containing it. */
export function nearest(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase()
  const allowed = word.length <= 3 ? 1 : 2
  const scored = known
    .map((candidate) => ({ candidate, edits: distance(word, candidate) }))
    .filter(
      ({ candidate, edits }) => edits <= allowed || (word.length >= 3 && candidate.includes(word))
    )
    .sort((a, b) => a.edits - b.edits)
  return scored[0]?.candidate
}
