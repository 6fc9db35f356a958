// At most `size` tasks at a time. `start` waits for a free slot, then starts the task
// without waiting for it (its end is handed back), so that a producer streaming pages
// never runs ahead of the work by more than `size` tasks.
export class Slots {
  private free: number
  private readonly waiting: (() => void)[] = []

  constructor(size: number) {
    this.free = size
  }

  async start(task: () => Promise<void>): Promise<{ finished: Promise<void> }> {
    if (this.free === 0) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.free--
    const finished = task().finally(() => {
      const next = this.waiting.shift()
      if (next) next()
      else this.free++
    })
    return { finished }
  }
}
