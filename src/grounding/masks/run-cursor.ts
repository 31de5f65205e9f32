/**
 * Walks the runs of one RLE in step with another's: `left` pixels remain in the current run, whose
 * value is `value`. Both masks are walked together without decoding either.
 */
export class RunCursor {
  value = 0;
  left: number;
  private next = 1;

  constructor(private readonly counts: Uint32Array) {
    this.left = counts.length > 0 ? counts[0] : 0;
    this.skipEmpty();
  }

  /** True once every run has been consumed. */
  get done(): boolean {
    return this.left === 0;
  }

  /** Consumes `n` pixels (at most `left`). */
  advance(n: number): void {
    this.left -= n;
    this.skipEmpty();
  }

  // Moves past exhausted runs, including the empty first run of a mask whose first pixel is set.
  private skipEmpty(): void {
    while (this.left === 0 && this.next < this.counts.length) {
      this.left = this.counts[this.next++];
      this.value ^= 1;
    }
  }
}
