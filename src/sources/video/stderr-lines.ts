/**
 * Splits a text stream into lines with bounded memory: a line longer than `maxLineLength` is cut
 * (the rest of it dropped), so that a stream without newlines cannot grow the buffer.
 */
export class LineSplitter {
  private partial = '';
  private overflow = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineLength = 8192,
  ) {}

  /** Feeds a chunk; calls `onLine` for each complete line (`\n`, `\r\n` or `\r` ends a line). */
  push(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.append(chunk.slice(start, i));
      this.emit();
      start = i + 1;
    }
    this.append(chunk.slice(start));
  }

  /** Emits what is left as a last line. */
  end(): void {
    if (this.partial.length > 0 || this.overflow) this.emit();
  }

  private append(text: string): void {
    if (this.overflow) return;
    const room = this.maxLineLength - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, room);
      this.overflow = true;
    } else {
      this.partial += text;
    }
  }

  private emit(): void {
    const line = this.partial;
    this.partial = '';
    this.overflow = false;
    if (line.length > 0) this.onLine(line);
  }
}

/** Keeps the last `capacity` lines. */
export class LineTail {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 20) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  /** The kept lines, oldest first. */
  toArray(): string[] {
    return [...this.lines];
  }
}

/**
 * True for ffmpeg's chatter around a run (banner, stream listing, progress) rather than a message
 * about what went wrong; such lines are left out of error messages.
 */
export function isFfmpegChatter(line: string): boolean {
  return (
    /^\s/.test(line) ||
    /^(Input #|Output #|Stream mapping:|Press \[q\]|frame=|video:|Guessed Channel Layout|ffmpeg version|built with|configuration:|lib\w+\s+\d)/.test(line)
  );
}
