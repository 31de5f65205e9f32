import { BaseClient, BaseResponse } from 'geotiff';
import { GroundstreamError } from '../../core/errors';

class FetchRangeResponse extends BaseResponse {
  constructor(private readonly response: Response, private readonly data: ArrayBuffer) {
    super();
  }
  override get ok(): boolean {
    return this.response.ok;
  }
  override get status(): number {
    return this.response.status;
  }
  override getHeader(name: string): string | undefined {
    return this.response.headers.get(name) ?? undefined;
  }
  override async getData(): Promise<ArrayBuffer> {
    return this.data;
  }
}

export interface HttpRangeClientOptions {
  headers?: Record<string, string>;
  /** Per request, headers to last byte; a stalled server fails instead of hanging. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * A geotiff.js client that fetches byte ranges with the caller's headers (e.g. a bearer token for
 * a private bucket), a per-request timeout, and errors that name the URL and the HTTP status.
 */
export class HttpRangeClient extends BaseClient {
  /** Requests sent and bytes received, so callers (and tests) can see only ranges were read. */
  readonly stats = { requests: 0, bytes: 0 };
  /** Total size from the last Content-Range, to tell a truncated file from a short read. */
  fileSizeBytes: number | undefined;
  /** geotiff.js's block cache drops the cause of a failed fetch; this keeps it for the caller. */
  lastError: GroundstreamError | undefined;

  constructor(url: string, private readonly options: HttpRangeClientOptions) {
    super(url);
  }

  override async request(init: RequestInit = {}): Promise<BaseResponse> {
    const signals = [AbortSignal.timeout(this.options.timeoutMs)];
    if (this.options.signal) signals.push(this.options.signal);
    if (init.signal) signals.push(init.signal);
    const headers = { ...(this.options.headers ?? {}), ...((init.headers as Record<string, string>) ?? {}) };
    this.stats.requests += 1;
    try {
      const response = await fetch(this.url, { ...init, headers, signal: AbortSignal.any(signals) });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new GroundstreamError('remote_failed', this.url, `GET ${this.url}: HTTP ${response.status} ${response.statusText}`.trim());
      }
      const total = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
      if (total) this.fileSizeBytes = Number(total[1]);
      const data = await response.arrayBuffer();
      this.stats.bytes += data.byteLength;
      return new FetchRangeResponse(response, data);
    } catch (e) {
      if (e instanceof GroundstreamError) {
        this.lastError = e;
        throw e;
      }
      if (this.options.signal?.aborted || (init.signal as AbortSignal | undefined)?.aborted) throw e;
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      const why = timedOut ? `no answer within ${this.options.timeoutMs} ms` : (e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e));
      this.lastError = new GroundstreamError('remote_failed', this.url, `GET ${this.url}: ${why}`, { cause: e });
      throw this.lastError;
    }
  }
}
