import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { GroundingEvent } from '../core/events';

/** Writes events as JSON Lines (the proto3 JSON form, one event a line), waiting on 'drain'. */
export interface JsonlSink {
  write(event: GroundingEvent): Promise<void>;
  close(): Promise<void>;
}

/** A sink on a file path, or on stdout for '-' or no path. */
export function createJsonlSink(outPath?: string): JsonlSink {
  const toStdout = !outPath || outPath === '-';
  const stream: Writable = toStdout ? process.stdout : createWriteStream(outPath);
  return {
    async write(event) {
      if (!stream.write(`${JSON.stringify(event)}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (toStdout) return;
      stream.end();
      await once(stream, 'finish');
    },
  };
}
